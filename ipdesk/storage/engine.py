"""Engine factory: SQLite (foreign keys, WAL, busy timeout, write-locking BEGIN) or PostgreSQL.

No engine is built at import time; the composition root calls :func:`make_engine` and passes it down.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 15000


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Build an engine for ``url`` with the settings each backend needs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy issue BEGIN itself (below) instead of pysqlite's implicit deferred BEGIN.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock at the start (IMMEDIATE), so two writers queue on busy_timeout
        # instead of one failing with "database is locked" when it upgrades a read transaction mid-way.
        # Readers (execution option readonly=True) use a deferred BEGIN and never block writers (WAL).
        if conn.get_execution_options().get("readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def describe(engine: Engine) -> str:
    """A short human description of where the data is (for the status bar and `db current`)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database}"
    return f"PostgreSQL {url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def set_application_name(engine: Engine, name: str) -> None:
    """Name the signed-in user on every PostgreSQL connection of ``engine`` (``application_name``), so
    the server's own logs and ``pg_stat_activity`` show who ran what; nothing on SQLite.

    One listener per engine reads the current name, so switching user (sign-out, the idle lock's other
    user) replaces the name instead of adding a listener each time."""
    if engine.dialect.name != "postgresql":
        return
    holder = _CONNECTION_NAMES.get(engine)
    if holder is None:
        holder = _CONNECTION_NAMES[engine] = [name]

        def _on_connect(dbapi_conn, _record, current: list[str] = holder) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("SELECT set_config('application_name', %s, false)", (f"ipdesk:{current[0]}"[:63],))
            cur.close()
            dbapi_conn.commit()

        event.listen(engine, "connect", _on_connect)
    holder[0] = name
    engine.dispose()  # connections opened before would keep the old name


#: The signed-in user's name per engine, read by the engine's one ``connect`` listener.
_CONNECTION_NAMES: weakref.WeakKeyDictionary[Engine, list[str]] = weakref.WeakKeyDictionary()
