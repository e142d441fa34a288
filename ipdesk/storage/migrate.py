"""Alembic driven from code: upgrade at start-up (with a copy of the SQLite file first), current, backup."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def migrations_dir() -> Path:
    """The migrations folder in a source checkout or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "migrations"
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "migrations folder has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(engine: Engine, fn, *args) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, *args)


def upgrade_to_head(engine: Engine, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to the newest revision. Before changing an existing SQLite database, copy it
    to ``backup_dir``; returns the copy's path (None when nothing had to change or nothing to copy)."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    copy = None
    if current is not None and backup_dir is not None and engine.url.get_backend_name() == "sqlite":
        copy = backup(engine, backup_dir, reason=f"pre-migrate-{current}")
    _run(engine, command.upgrade, "head")
    return copy


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, command.downgrade, revision)


def backup(engine: Engine, backup_dir: Path, reason: str = "manual") -> Path:
    """A consistent copy of the database. SQLite: the online backup API (safe with WAL and other
    readers). PostgreSQL: ``pg_dump`` in custom format if it is installed."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    url = engine.url
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        target = backup_dir / f"{source.stem}-{stamp}-{reason}.sqlite3"
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(target)
            with dst:
                src.backup(dst)
            dst.close()
        finally:
            src.close()
        return target
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise RuntimeError("pg_dump not found: back up the PostgreSQL server with its own tools")
    target = backup_dir / f"{url.database}-{stamp}-{reason}.dump"
    env_url = url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run([pg_dump, "--format=custom", f"--file={target}", env_url], check=True)
    return target
