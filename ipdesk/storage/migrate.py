"""Alembic driven from code: upgrade at start-up (with a backup of the database first), current, backup.

Start-up reads the stored revision with one query and, when it is :data:`HEAD_REVISION`, never imports
Alembic (nor every table's mapping, which the migration environment needs): issue 14 item 5.

The backup before a migration is the README's promise on both engines: SQLite's online backup API, or
``pg_dump`` for PostgreSQL (its password through ``PGPASSWORD`` or the user's pass file, never on a command
line other accounts can read in ``ps``). No pg_dump: the migration is refused, saying so.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.storage.private import private_dir, unique_private_file

if TYPE_CHECKING:
    from alembic.config import Config

register({
    "db.pg_dump_missing": (
        "未找到 pg_dump：备份 PostgreSQL 数据库（升级数据库结构前必须备份）需要 PostgreSQL 客户端工具。请安装与服务器"
        "版本相同或更高的 pg_dump（Debian/Ubuntu：apt-get install postgresql-client）后重试；数据库未作任何更改",
        "pg_dump not found: backing up the PostgreSQL database (required before the schema is upgraded) needs "
        "the PostgreSQL client tools. Install pg_dump of the server's version or newer (Debian/Ubuntu: apt-get "
        "install postgresql-client) and try again; the database was not changed",
    ),
    "db.pg_dump_failed": (
        "pg_dump 备份失败：{why}；数据库未作任何更改",
        "pg_dump could not back up the database: {why}; the database was not changed",
    ),
})
#: pg_dump of a large register takes minutes; one that hangs (a lock) is stopped after this many seconds.
PG_DUMP_TIMEOUT_S = 3600
#: The newest revision in ``migrations/versions``. A new revision sets it too (a test compares it with
#: Alembic's head); were it ever behind, start-up would only take the slower road through Alembic.
HEAD_REVISION = "2a1cdcb26a24"


def migrations_dir() -> Path:
    """The migrations folder in a source checkout or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "migrations"
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "migrations folder has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    # A reader: start-up checks the version without the write lock (an import may hold it for seconds).
    with engine.execution_options(readonly=True).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def stored_revisions(engine: Engine) -> list[str]:
    """The revisions in ``alembic_version``, read with one query and no Alembic (none: a new database)."""
    try:
        with engine.execution_options(readonly=True).connect() as conn:  # a reader, like current_revision
            return [str(r) for r in conn.execute(text("SELECT version_num FROM alembic_version")).scalars()]
    except DBAPIError:  # no such table yet
        return []


def is_at_head(engine: Engine) -> bool:
    """True when the schema is at this ipdesk's newest revision: nothing to migrate, nothing to import."""
    return stored_revisions(engine) == [HEAD_REVISION]


def _run(engine: Engine, name: str, *args: str) -> None:
    from alembic import command

    fn = getattr(command, name)  # upgrade or downgrade
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, *args)


def upgrade_to_head(engine: Engine, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to the newest revision. Before changing an existing SQLite database, copy it
    to ``backup_dir``; returns the copy's path (None when nothing had to change or nothing to copy)."""
    if is_at_head(engine):
        return None
    current = current_revision(engine)
    if current == head_revision():
        return None
    copy = None
    if current is not None and backup_dir is not None:  # a new, empty database has nothing to lose
        copy = backup(engine, backup_dir, reason=f"pre-migrate-{current}")
    _run(engine, "upgrade", "head")
    return copy


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, "downgrade", revision)


def backup(engine: Engine, backup_dir: Path, reason: str = "manual") -> Path:
    """A consistent copy of the database. SQLite: the online backup API (safe with WAL and other
    readers). PostgreSQL: ``pg_dump`` in custom format if it is installed."""
    private_dir(backup_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    url = engine.url
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        target = unique_private_file(backup_dir, f"{source.stem}-{stamp}-{reason}", ".sqlite3")
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
        raise RuleRefusal(Problem("db.pg_dump_missing", "database"))
    target = unique_private_file(backup_dir, f"{url.database}-{stamp}-{reason}", ".dump")
    argv, env = pg_dump_command(pg_dump, url, target)
    try:
        subprocess.run(argv, env=env, check=True, capture_output=True, text=True, timeout=PG_DUMP_TIMEOUT_S)
    except subprocess.CalledProcessError as exc:
        target.unlink(missing_ok=True)
        lines = (exc.stderr or "").strip().splitlines()
        raise RuleRefusal(Problem("db.pg_dump_failed", "database",
                                  {"why": lines[-1] if lines else f"exit {exc.returncode}"})) from None
    except subprocess.TimeoutExpired:
        target.unlink(missing_ok=True)
        raise RuleRefusal(Problem("db.pg_dump_failed", "database",
                                  {"why": f"timeout {PG_DUMP_TIMEOUT_S} s"})) from None
    return target


def pg_dump_command(pg_dump: str, url: URL, target: Path) -> tuple[list[str], dict[str, str]]:
    """The pg_dump command line and environment for ``url``: the connection as a URI without the password,
    the password (if the URL has one) in ``PGPASSWORD``; without one libpq reads ``~/.pgpass``."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    bare = URL.create("postgresql", username=url.username, host=url.host, port=url.port, database=url.database,
                      query=url.query)
    uri = bare.render_as_string(hide_password=False)
    return [pg_dump, "--format=custom", "--no-password", f"--file={target}", f"--dbname={uri}"], env
