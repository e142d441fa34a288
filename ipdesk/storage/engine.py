"""Engine factory: SQLite (foreign keys, WAL, write-locking BEGIN that waits its turn) or PostgreSQL.

No engine is built at import time; the composition root calls :func:`make_engine` and passes it down.
"""

from __future__ import annotations

import re
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.domain.shared.safe_text import has_bad_text, text_problem
from ipdesk.storage import writelock
from ipdesk.storage.private import new_private_file, private_dir

SQLITE_BUSY_TIMEOUT_MS = writelock.BUSY_TIMEOUT_MS
#: A server that does not answer within this many seconds is reported, not waited for.
PG_CONNECT_TIMEOUT_S = 10

register({
    "db.bad_url": ("无法识别的数据库地址：{url}（应为 sqlite:///文件路径 或 postgresql://用户@主机:端口/数据库）",
                   "not a database URL ipdesk can use: {url} (sqlite:///path/to/file or "
                   "postgresql://user@host:port/database)"),
    "db.unreachable": ("无法连接数据库 {where}：{why}", "cannot connect to the database {where}: {why}"),
    "db.missing": ("这里没有数据库：{path}（请检查路径；新建数据库请用 ipdesk db upgrade --create，"
                   "或首次启动图形界面）",
                   "there is no database at {path} (check the path; to create one run ipdesk db upgrade --create, "
                   "or start the workstation window for the first time)"),
})
register_labels({"输入的文本": "the text given"})


def _shown(url: str) -> str:
    """``url`` fit to be printed: no password, bounded length."""
    return re.sub(r"//[^@/]*@", "//***@", url)[:200]


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Build an engine for ``url`` with the settings each backend needs.

    Raises:
        ValidationError: ``db.bad_url``: not a URL, or not SQLite or PostgreSQL (no connection is tried).
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ValidationError(Problem("db.bad_url", "database", {"url": _shown(url)})) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql") or parsed.drivername not in (
        "sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg"
    ):
        raise ValidationError(Problem("db.bad_url", "database", {"url": _shown(url)}))
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        _configure_sqlite(engine)
        _refuse_unstorable_text(engine)
        return engine
    if parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    engine = create_engine(url, echo=echo, pool_pre_ping=True, connect_args=connect_args)
    _refuse_unstorable_text(engine)
    return engine


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine (None: PostgreSQL or an in-memory database)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def check_connection(engine: Engine, *, create: bool = False) -> None:
    """Open one connection now, so a server that is down or a wrong password is bad input said plainly.

    A SQLite file that is not there is not made (SQLite would silently create an empty register at a
    mistyped path) unless ``create``: the GUI's first start and ``ipdesk db upgrade --create`` do that.

    Raises:
        ValidationError: ``db.missing`` (no SQLite file there), ``db.unreachable`` with the driver's first
            line of explanation.
    """
    path = sqlite_file(engine)
    if path is not None and not path.exists():
        if not create:
            raise ValidationError(Problem("db.missing", "database", {"path": str(path)}))
        private_dir(path.parent)
        new_private_file(path)  # SQLite gives its -wal and -shm files the database file's mode
    try:
        with engine.execution_options(readonly=True).connect() as conn:  # a reader: no write lock (issue 14)
            if path is not None:  # any file opens; reading its schema tells a database from, say, a PDF
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DBAPIError as exc:
        why = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else type(exc).__name__
        raise ValidationError(Problem("db.unreachable", "database", {"where": describe(engine), "why": why})) from None


def _refuse_unstorable_text(engine: Engine) -> None:
    """The last line of defence for every statement on both engines: a NUL (PostgreSQL refuses it, SQLite
    would cut the text) or a lone surrogate (no UTF-8) in a parameter is bad input, raised before the
    statement reaches the database, whichever form or file it came from."""

    @event.listens_for(engine, "before_cursor_execute")
    def _check(_conn, _cursor, _statement, parameters, _context, executemany):
        rows = parameters if executemany else (parameters,)
        if executemany and not _any_bad_text(rows):  # a bulk write: one scan of every text at C speed
            return
        for row in rows:
            if isinstance(row, dict):
                values: Any = row.values()
            elif isinstance(row, (list, tuple)):
                values = row
            else:  # a lone value (a driver-level statement with one parameter) or none
                values = () if row is None else (row,)
            for value in values:
                if isinstance(value, str) and has_bad_text(value):
                    raise ValidationError(text_problem(value, "输入的文本") or Problem("input.nul"))


def _any_bad_text(rows: Any) -> bool:
    """Whether any text of these parameter rows holds a NUL or a lone surrogate: the texts joined and searched
    once (joining makes no surrogate pair of two halves: a Python str keeps each code point)."""
    texts = [v for row in rows
             for v in (row.values() if isinstance(row, dict) else row if isinstance(row, (list, tuple)) else (row,))
             if isinstance(v, str)]
    return has_bad_text("".join(texts))


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

    database = engine.url.database if engine.url.database not in (None, "", ":memory:") else None

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock at the start (IMMEDIATE), so two writers queue instead of one failing
        # with "database is locked" when it upgrades a read transaction mid-way; a writer that must wait
        # says for whom (writelock). Readers (execution option readonly=True) use a deferred BEGIN and
        # never wait for a writer (WAL).
        if conn.get_execution_options().get("readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            writelock.begin_immediate(conn.connection.dbapi_connection, database)
            conn.info["ipdesk_writer"] = True

    def _on_end(conn):
        if conn.info.pop("ipdesk_writer", False) and database:
            writelock.release(database)

    event.listen(engine, "commit", _on_end)
    event.listen(engine, "rollback", _on_end)


def describe(engine: Engine) -> str:
    """A short human description of where the data is (for the status bar and `db current`)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database}"
    return f"PostgreSQL {url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def set_application_name(engine: Engine, name: str) -> None:
    """Name the signed-in user on every PostgreSQL connection of ``engine`` (``application_name``), so
    the server's own logs and ``pg_stat_activity`` show who ran what; on SQLite the write lock's holder
    record names the user (:mod:`ipdesk.storage.writelock`).

    One listener per engine reads the current name, so switching user (sign-out, the idle lock's other
    user) replaces the name instead of adding a listener each time."""
    writelock.set_identity(writelock.identity()["command"], name)
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
