"""The ``ipdesk`` command's window: on a database with users, the sign-in dialog first, the core loaded behind it.

A clerk's start is the sign-in dialog, a password, then the register. Importing SQLAlchemy and the services
(about half a second) and opening the database run in a task while the dialog is on screen and the clerk
types, so the dialog is usable in about the time of a bare Qt window and the window follows the password.
This module imports Qt and the dialog only; :mod:`ipdesk.gui.app` (the window, the services) comes after.

The database must be known to hold users to ask for a password before it is open: a SQLite file whose
``users`` table has a row (one read-only query of the standard library's driver, no write lock). A first
start (the first administrator is created), a PostgreSQL database, ``--demo-if-empty`` and the self-check
open the database first, as :func:`ipdesk.gui.app.run_gui` always did.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QDialog, QWidget

from ipdesk.gui import messages
from ipdesk.gui.application import create_application
from ipdesk.gui.settings import DATABASE_URL, Settings
from ipdesk.gui.tasks import runner
from ipdesk.gui.users.signin import SignInDialog, finish_sign_in

log = logging.getLogger(__name__)

SQLITE_PREFIX = "sqlite:///"


def run_gui(config: Any, *, self_check: bool = False, demo_if_empty: bool = False, clock: Any = None) -> int:
    """The ``ipdesk`` / ``ipdesk gui`` command (``clock``: ``--now``); the exit code."""
    config = with_database_override(config)
    if self_check or demo_if_empty or not users_known(config.database_url):
        from ipdesk.gui.app import open_then_sign_in

        return open_then_sign_in(config, self_check=self_check, demo_if_empty=demo_if_empty, clock=clock)
    app = create_application(sys.argv[:1])
    opening = OpeningWorkstation(config, clock)
    dialog = SignInDialog(PendingUsers(opening))  # type: ignore[arg-type]
    opening.on_failure(lambda exc: _opening_failed(dialog, config, exc))
    start_after_first_paint(dialog, opening.start)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.user is not None
    user = dialog.user
    dialog.deleteLater()  # not kept to the interpreter's end (its wrappers would be collected after Qt's)
    if not accepted and not opening.started:  # closed before its first paint: nothing was opened
        return 0
    try:
        workstation = opening.wait()
    except Exception:  # explained in a dialog by _opening_failed
        runner().wait(30_000)
        return 2
    from ipdesk.gui.app import ensure_log_file, run_signed_in

    ensure_log_file(workstation)
    if not accepted or finish_sign_in(workstation, user) is None:  # cancelled: nothing opens
        runner().wait(30_000)
        workstation.close()
        return 0
    return run_signed_in(app, workstation)


def users_known(url: str) -> bool:
    """True when ``url`` is a SQLite file whose ``users`` table has a row (read-only; any doubt: False)."""
    if not url.startswith(SQLITE_PREFIX):
        return False
    path = Path(url[len(SQLITE_PREFIX):].split("?", 1)[0])
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            return conn.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0] == 1
        finally:
            conn.close()
    except sqlite3.Error:  # no users table yet (an older schema), locked, not a database: open it first
        return False


class OpeningWorkstation:
    """``open_workstation`` in a reader task; :meth:`wait` from any thread returns it or raises its error."""

    def __init__(self, config: Any, clock: Any):
        self.config = config
        self.clock = clock
        self._done = threading.Event()
        self._workstation: Any = None
        self._error: BaseException | None = None
        self._on_failure: list[Any] = []
        self.started = False

    def on_failure(self, fn: Any) -> None:
        self._on_failure.append(fn)

    def start(self) -> None:
        self.started = True
        runner().run(self._open, on_result=lambda _ws: None, on_error=self._failed, name="open-database")

    def _open(self) -> Any:
        try:
            from ipdesk.services.workstation import open_workstation  # the core: SQLAlchemy, the services

            self._workstation = open_workstation(self.config, clock=self.clock, create=True)
            return self._workstation
        except BaseException as exc:
            self._error = exc
            raise
        finally:
            self._done.set()

    def _failed(self, exc: BaseException, _trace: str) -> None:  # GUI thread
        log.error("cannot open the database %s", getattr(self.config, "database_url", ""), exc_info=exc)
        for fn in self._on_failure:
            fn(exc)

    def wait(self) -> Any:
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._workstation


class PendingUsers:
    """The user service of a workstation still opening: a sign-in submitted early waits for it (off the GUI
    thread, where the dialog runs its work)."""

    def __init__(self, opening: OpeningWorkstation):
        self.opening = opening

    def authenticate(self, name: str, password: str) -> Any:
        return self.opening.wait().users.authenticate(name, password)


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, fn: Any):
        super().__init__(widget)
        self.fn: Any = fn
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.fn is not None:
            fn, self.fn = self.fn, None
            obj.removeEventFilter(self)
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, fn)  # after this paint is on screen
        return False


def start_after_first_paint(widget: QWidget, fn: Any) -> None:
    """Call ``fn`` once ``widget`` has painted (the work it starts must not delay the first paint)."""
    _FirstPaint(widget, fn)


def _opening_failed(dialog: QDialog, config: Any, exc: BaseException) -> None:
    dialog.reject()
    database_failed(config, exc)


def with_database_override(config: Any) -> Any:
    """Use the URL from the settings page unless the environment or the command line chose one."""
    try:
        from ipdesk.config import AppConfig, sqlite_url

        override = Settings().get(DATABASE_URL)
        default = sqlite_url(Path(config.data_dir) / "ipdesk.sqlite3")
        if override and not os.environ.get("IPDESK_DATABASE_URL") and config.database_url == default:
            return AppConfig(config.data_dir, override, config.lang)
    except Exception:
        log.exception("reading the database override failed")
    return config


def database_failed(config: Any, exc: BaseException) -> None:
    """What happened, why and what to do, for a database that cannot be opened."""
    from ipdesk.gui.common.database import describe_database

    messages.critical(
        None,
        QCoreApplication.translate("app", "无法打开数据库"),
        QCoreApplication.translate("app", "ipdesk 无法打开数据库 {db}。").format(
            db=describe_database(config.database_url)
        ),
        QCoreApplication.translate(
            "app",
            "原因：{reason}\n\n请检查数据库服务器是否运行、地址和密码是否正确；"
            "如需改用本机数据库，请清除 IPDESK_DATABASE_URL 或设置中的共享数据库地址。",
        ).format(reason=str(exc) or type(exc).__name__),
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    )
