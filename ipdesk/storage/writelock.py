"""SQLite's one write lock, shared fairly: writers wait for it as long as it takes and say for whom they wait.

A writer that finds the lock taken does not fail after a fixed busy timeout: it polls, and every
``notify_every`` seconds tells the listeners (:func:`on_wait`: the CLI prints to stderr, the GUI shows it in
the status bar) who holds it, read from the holder's record — a small JSON file beside the database
(``<file>-writer``) that every writer writes when it gets the lock and removes when it ends: process id,
user, command, since.
It gives up only after ``IPDESK_LOCK_WAIT`` seconds (default 600) with a coded problem naming the holder.
Readers never come here: WAL lets them read while another process writes.
"""

from __future__ import annotations

import contextvars
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import DomainError, Problem

register({
    "db.locked": ("数据库正被其他操作写入，已等待 {seconds} 秒仍未结束：{holder}",
                  "the database is being written by another operation and still was after {seconds} s: {holder}"),
    "db.lock_wait": ("正在等待写入锁（已等待 {seconds} 秒）：{holder}",
                     "waiting for the write lock ({seconds} s so far): {holder}"),
    "db.holder": ("进程 {pid} 的“{command}”（用户 {user}，自 {since} 起）",
                  "'{command}' of process {pid} (user {user}, since {since})"),
    "db.holder_unknown": ("其他程序", "another program"),
})

POLL_MS = 200  #: how long one attempt waits inside SQLite (its busy handler) before we look again
BUSY_TIMEOUT_MS = 15000  #: other statements (not BEGIN IMMEDIATE) keep SQLite's own busy timeout
NOTIFY_EVERY_S = 1.0


class DatabaseBusy(DomainError):
    """Another writer kept the database locked longer than the wait limit (CLI exit 3; nothing written)."""

    exit_code = 3


@dataclass(frozen=True)
class Holder:
    """Who took the write lock last (and so holds it while another writer finds it busy)."""

    pid: int
    user: str
    command: str
    since: float  #: seconds since the epoch

    def problem(self) -> Problem:
        since = time.strftime("%H:%M:%S", time.localtime(self.since))
        return Problem("db.holder", params={"pid": self.pid, "command": self.command, "user": self.user,
                                            "since": since})


_command: contextvars.ContextVar[str | None] = contextvars.ContextVar("ipdesk_command", default=None)
_default = {"command": "ipdesk", "user": ""}
_listeners: list[Callable[[Holder | None, float], Any]] = []
_lock = threading.Lock()


def set_identity(command: str, user: str | None = None) -> None:
    """What this process's writers call themselves in the holder record (the CLI's command line, "GUI")."""
    _default["command"] = command
    if user is not None:
        _default["user"] = user


def identity() -> dict[str, str]:
    return dict(_default)


@contextmanager
def running(command: str) -> Iterator[None]:
    """Name the writes of this block (on this thread), e.g. "导入 rights.csv"."""
    token = _command.set(command)
    try:
        yield
    finally:
        _command.reset(token)


def on_wait(listener: Callable[[Holder | None, float], Any]) -> Callable[[], None]:
    """Call ``listener(holder, seconds_waited)`` while a writer of this process waits; returns the remover."""
    with _lock:
        _listeners.append(listener)

    def remove() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return remove


def record_path(database: str) -> Path:
    return Path(database + "-writer")


def read_holder(database: str) -> Holder | None:
    """The holder's record, or None when there is none or its process is gone (another program holds it)."""
    try:
        data = json.loads(record_path(database).read_text("utf-8"))
        holder = Holder(int(data["pid"]), str(data["user"]), str(data["command"]), float(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return None
    except OSError:  # exists, owned by someone else
        pass
    return holder


def _write_holder(database: str) -> None:
    data = {"pid": os.getpid(), "user": _default["user"], "command": _command.get() or _default["command"],
            "since": time.time()}
    path = record_path(database)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError:  # a read-only folder: the lock works without the record
        tmp.unlink(missing_ok=True)


def max_wait() -> float:
    try:
        return float(os.environ.get("IPDESK_LOCK_WAIT", "600"))
    except ValueError:
        return 600.0


def release(database: str) -> None:
    """The writer ends (commit or rollback, still holding the lock): its record goes, so a program that
    takes the lock next is not mistaken for it."""
    try:
        record_path(database).unlink()
    except OSError:
        pass


def begin_immediate(dbapi_conn: sqlite3.Connection, database: str | None) -> None:
    """``BEGIN IMMEDIATE`` on a raw connection, waiting for the lock as described in the module docstring."""
    started = time.monotonic()
    limit = max_wait()
    last_notice = started
    dbapi_conn.execute(f"PRAGMA busy_timeout={POLL_MS}")
    try:
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            now = time.monotonic()
            holder = read_holder(database) if database else None
            if now - started >= limit:
                raise DatabaseBusy(Problem("db.locked", params={
                    "seconds": int(now - started),
                    "holder": holder.problem() if holder else Problem("db.holder_unknown")}))
            if now - last_notice >= NOTIFY_EVERY_S or last_notice == started:
                last_notice = now
                with _lock:
                    listeners = list(_listeners)
                for listener in listeners:
                    try:
                        listener(holder, now - started)
                    except Exception:
                        pass
    finally:
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if database:
        _write_holder(database)


def wait_problem(holder: Holder | None, seconds: float) -> Problem:
    """The coded "waiting for …" message a front end shows."""
    return Problem("db.lock_wait", params={"seconds": int(seconds),
                                           "holder": holder.problem() if holder else Problem("db.holder_unknown")})
