"""The operator's configuration file (PACE_CONFIG) governs the CLI as it governs the server."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.live_server import server_command


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*server_command(), *args], capture_output=True, text=True, env=env, timeout=120
    )


def _env_without_database_url(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PACE_DATABASE_URL", "PACE_CONFIG"}}
    return {**env, "PACE_LOG_FORMAT": "text", **extra}


def test_the_cli_uses_the_database_the_config_file_names(tmp_path: Path) -> None:
    database = tmp_path / "from-config.db"
    config = tmp_path / "pace.toml"
    config.write_text(f'database_url = "sqlite:///{database}"\n', encoding="utf-8")

    result = _cli("init", env=_env_without_database_url(PACE_CONFIG=str(config)))

    assert result.returncode == 0, result.stderr
    assert database.is_file()


def test_a_missing_config_file_is_a_one_line_error_not_the_defaults(tmp_path: Path) -> None:
    missing = tmp_path / "no-such.toml"

    result = _cli("init", env=_env_without_database_url(PACE_CONFIG=str(missing)))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: PACE_CONFIG names {missing}, which is not a readable file"
    ]
