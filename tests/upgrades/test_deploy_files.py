"""The deployment files in deploy/ are valid and name only commands the server really has."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.live_server import server_command

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNIT = DEPLOY / "pace-sync-server.service"
NGINX = DEPLOY / "nginx-pace.conf"
INSTALLED_EXE = "/opt/pace/venv/bin/pace-sync-server"

HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "UMask": "0077",
    "Restart": "on-failure",
}


def parse_unit(text: str) -> dict[str, dict[str, list[str]]]:
    """systemd's unit syntax: [Section] headers, Key=value lines (keys may repeat), # comments."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        header = re.fullmatch(r"\[([A-Za-z]+)\]", line)
        if header:
            current = sections.setdefault(header.group(1), {})
            continue
        key, sep, value = line.partition("=")
        assert current is not None, f"line {number}: a key outside any section"
        assert sep, f"line {number}: not Key=value: {raw!r}"
        assert re.fullmatch(r"[A-Za-z]+", key), f"line {number}: bad key {key!r}"
        current.setdefault(key, []).append(value)
    return sections


def unit() -> dict[str, dict[str, list[str]]]:
    return parse_unit(UNIT.read_text())


def command_args(line: str) -> list[str]:
    args = shlex.split(line.lstrip("-@+!:"))
    assert args[0] == INSTALLED_EXE, f"runs {args[0]}, not the installed server"
    return args[1:]


def test_unit_has_the_structure_and_hardening_it_promises() -> None:
    sections = unit()
    assert set(sections) == {"Unit", "Service", "Install"}
    service = {key: values[-1] for key, values in sections["Service"].items()}
    assert service["User"] != "root"
    assert service["EnvironmentFile"] == "/etc/pace/pace.env"
    for key, value in HARDENING.items():
        assert service.get(key) == value, key
    assert "/var/lib/pace" in service["ReadWritePaths"].split()
    assert command_args(service["ExecStartPre"]) == ["init"]
    serve = command_args(service["ExecStart"])
    assert serve[0] == "serve"
    assert serve[serve.index("--host") + 1] == "127.0.0.1"  # only nginx reaches it
    assert "--proxy-headers" in serve
    assert serve[serve.index("--forwarded-allow-ips") + 1] == "127.0.0.1"
    assert sections["Install"]["WantedBy"] == ["multi-user.target"]


def test_commands_of_the_unit_are_accepted_by_the_cli() -> None:
    """Each option the unit passes appears in the real command's --help (exit 0)."""
    service = unit()["Service"]
    for line in (service["ExecStartPre"][-1], service["ExecStart"][-1]):
        args = command_args(line)
        result = subprocess.run(
            [*server_command(), args[0], "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        for option in (a for a in args[1:] if a.startswith("--")):
            assert re.search(rf"(^|\s){re.escape(option)}\b", result.stdout), option


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    """systemd's own parser, with the installed path pointed at this checkout's command
    (verify insists that the programs exist). Unknown keys are only warned about, so any
    output at all fails the test."""
    exe = shutil.which("pace-sync-server", path=str(Path(server_command()[0]).parent))
    if exe is None:
        pytest.skip("pace-sync-server is not installed in this environment")
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text().replace(INSTALLED_EXE, exe))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


def _locations(conf: str) -> dict[str, str]:
    """``location`` blocks of the config (none of ours nest), by their match."""
    return {
        match.group(1).strip(): match.group(2)
        for match in re.finditer(r"location\s+([^{]+)\{([^}]*)\}", conf)
    }


def test_nginx_example_exposes_only_the_api_over_tls() -> None:
    conf = "\n".join(line.split("#", 1)[0] for line in NGINX.read_text().splitlines())
    assert conf.count("{") == conf.count("}")
    assert re.search(r"listen 443 ssl;", conf)
    assert re.search(r"add_header Strict-Transport-Security \"max-age=\d+", conf)
    assert re.search(r"client_max_body_size 6m;", conf)
    # Replaced, never appended ($proxy_add_x_forwarded_for would pass a client's own value).
    assert re.search(r"proxy_set_header X-Forwarded-For \$remote_addr;", conf)
    assert re.search(r"server 127\.0\.0\.1:8400;", conf)
    locations = _locations(conf)
    proxied = {where for where, body in locations.items() if "proxy_pass" in body}
    assert proxied == {"/api/", "= /healthz", "= /openapi.json"}
    assert "return 404" in locations["/"]
    assert "metrics" not in " ".join(proxied)
