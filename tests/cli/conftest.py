"""The CLI tests' database: made as ``ipdesk db upgrade --create`` makes it (every other command refuses a
path with no database there)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def new_database(template: Path, path: Path) -> Path:
    """A new migrated SQLite database at ``path`` (the session's migrated template, copied: faster)."""
    shutil.copy(template, path)
    return path


@pytest.fixture
def db_args(tmp_path: Path, sqlite_template: Path) -> list[str]:
    new_database(sqlite_template, tmp_path / "cli.sqlite3")
    return ["--data-dir", str(tmp_path / "data"), "--database", f"sqlite:///{tmp_path / 'cli.sqlite3'}"]

