"""Server settings: environment variables (``PACE_…``), optionally a TOML file (``PACE_CONFIG``)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def default_database_url() -> str:
    folder = user_data_path("pace-sync-server", appauthor=False, ensure_exists=True)
    return f"sqlite:///{Path(folder) / 'pace.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PACE_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    #: Lifetime of an access token (the contract's example: 12 hours).
    token_ttl_seconds: int = Field(default=43_200, ge=1)
    #: Failed logins allowed per username, and per client address, within the window.
    login_max_failures_per_user: int = Field(default=5, ge=1)
    login_max_failures_per_address: int = Field(default=30, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    #: The first wait once a limit is reached; it doubles with each further failure, up to the
    #: window. A sign-in with the right device secret skips the per-username wait.
    login_lockout_seconds: int = Field(default=60, ge=1)
    #: Serve the interactive /docs and /redoc pages (``PACE_EXPOSE_DOCS=1``); /openapi.json
    #: is always served.
    expose_docs: bool = False
    #: How far ahead of server time an edit's HLC may be; beyond it the change is rejected
    #: (reason ``clock_skew``) and stays queued on the device, which corrects its offset.
    max_clock_skew_seconds: int = 600
    #: Deleted records (tombstones) older than this are pruned by ``compact-tombstones``; it is
    #: the longest a device may stay offline and still sync without a full re-pull.
    tombstone_max_age_days: int = Field(default=180, ge=0)
    log_level: str = "INFO"
    #: Log format: "json" (one object per line, for collectors) or "text".
    log_format: str = "json"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get("PACE_CONFIG")
        if config_file:
            # A mistyped path must not silently start the server on its defaults.
            if not Path(config_file).is_file():
                raise ValueError(f"PACE_CONFIG names {config_file}, which is not a readable file")
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config_file))
        return tuple(sources)


@cache
def get_settings() -> Settings:
    return Settings()
