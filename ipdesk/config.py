"""Qt-free application configuration: where the data lives and which database to use."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ipdesk import APP_NAME


def default_data_dir() -> Path:
    """The per-user data folder: XDG on Linux, %APPDATA% on Windows, Application Support on macOS."""
    override = os.environ.get("IPDESK_DATA_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_NAME


@dataclass(frozen=True)
class AppConfig:
    """Everything the composition root needs to open a workstation.

    Attributes:
        data_dir: holds the embedded SQLite database, backups, the office signing key and logs.
        database_url: SQLAlchemy URL; SQLite in ``data_dir`` unless ``IPDESK_DATABASE_URL`` says otherwise.
        lang: "zh" (primary) or "en"; used by the CLI for messages.
    """

    data_dir: Path
    database_url: str
    lang: str = "zh"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, database_url: str | None = None, data_dir: Path | None = None) -> AppConfig:
        data = data_dir or default_data_dir()
        url = database_url or os.environ.get("IPDESK_DATABASE_URL") or sqlite_url(data / "ipdesk.sqlite3")
        lang = os.environ.get("IPDESK_LANG", "zh")
        return cls(data_dir=data, database_url=url, lang="en" if lang.startswith("en") else "zh")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
