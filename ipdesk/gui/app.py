"""Starting the GUI: ``run`` (the workstation window), ``self_check`` (packaging smoke test),
``open_then_sign_in`` and ``run_signed_in`` (the ``ipdesk`` command's start: :mod:`ipdesk.gui.launch`).
"""

from __future__ import annotations

import inspect
import logging
import logging.handlers
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

import ipdesk.gui.core_first  # noqa: F401  (before Qt: see there)
from ipdesk.domain.shared.clock import Clock
from ipdesk.gui import i18n, messages
from ipdesk.gui.application import create_application
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.errors import log_file_path
from ipdesk.gui.launch import database_failed
from ipdesk.gui.mainwindow import MainWindow
from ipdesk.gui.ops import run_op
from ipdesk.gui.settings import Settings, settings, use_settings
from ipdesk.gui.tasks import runner
from ipdesk.storage.private import private_dir

log = logging.getLogger(__name__)

DEMO_RIGHTS = 2000
DEMO_PLEDGES = 40


def ensure_log_file(workstation: Workstation) -> None:
    """Log to ``<data_dir>/logs/ipdesk.log`` unless the command line already set up a log file."""
    if log_file_path():
        return
    data_dir = workstation.config.data_dir
    try:
        folder = private_dir(Path(data_dir) / "logs")  # logs name users and records: private like the data
        handler = logging.handlers.RotatingFileHandler(
            folder / "ipdesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


class WindowHost(QObject):
    """Owns the main window; switching language rebuilds it in the new language (state is kept).

    With ``idle_minutes`` (a signed-in desk: ``run_gui``) the window offers 注销 / 切换用户 and locks after
    that many minutes without input (:mod:`ipdesk.gui.users.idle_lock`).
    """

    def __init__(self, workstation: Workstation, *, idle_minutes: float | None = None):
        super().__init__()
        self.workstation = workstation
        self.window: MainWindow | None = None
        self.idle_lock: Any = None
        if idle_minutes is not None:
            from ipdesk.gui.users.idle_lock import IdleLock

            self.idle_lock = IdleLock(workstation, idle_minutes, self.sign_out, self)  # type: ignore[arg-type]

    def open(self) -> MainWindow:
        signs_out = self.sign_out if self.idle_lock is not None else None
        self.window = MainWindow(self.workstation, on_language=self.switch_language, on_sign_out=signs_out)
        self.window.show()
        if self.idle_lock is not None:
            self.idle_lock.start()
        from ipdesk.gui.pledges.application_drafts import offer_drafts

        self.drafts_offer = offer_drafts(self.window, self.workstation)  # what a crash or a kill left unsaved
        return self.window

    def sign_out(self) -> None:
        QTimer.singleShot(0, self._sign_out)  # not from inside the old window's menu slot

    def _sign_out(self) -> None:
        """Close the window (its forms with it) and ask who works next; nobody: ipdesk quits."""
        from ipdesk.gui.users.signin import sign_in

        old = self.window
        if self.idle_lock is not None:
            self.idle_lock.timer.stop()
        if old is not None:
            old.save_state()
            old.hide()  # hidden, not closed: closing the last window would quit before the sign-in
        user = sign_in(self.workstation)  # type: ignore[arg-type]
        if user is not None:
            self.open()
        if old is not None:
            old.close()
            old.deleteLater()
        if user is None:
            self.window = None
            QCoreApplication.quit()

    def switch_language(self, locale: str) -> None:
        QTimer.singleShot(0, lambda: self._rebuild(locale))  # not from inside the old window's menu slot

    def _rebuild(self, locale: str) -> None:
        old = self.window
        area = old.current_area() if old else "rights"
        if old is not None:
            old.save_state()
        i18n.install_translators(locale)  # pages read the language from i18n; services hold none
        new = self.open()
        new.show_area(area)
        if old is not None:
            old.close()
            old.deleteLater()


def run(workstation: Workstation, argv: Sequence[str] | None = None) -> int:
    """Open the workstation window and run the event loop; returns the exit code."""
    app = create_application(argv)
    ensure_log_file(workstation)
    host = WindowHost(workstation)
    host.open()
    code = app.exec()
    runner().wait(30_000)
    return code


def self_check(workstation: Workstation) -> int:
    """Open the main window offscreen with the rights and parties pages, close it; 0 if all went well.

    Settings go to a throwaway file so the smoke test never changes the user's layout.
    """
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.TemporaryDirectory(prefix="ipdesk-selfcheck-")
    previous = settings()
    try:
        use_settings(Settings(QSettings(str(Path(tmp.name) / "ipdesk.ini"), QSettings.Format.IniFormat)))
        app = create_application([], excepthook=False)
        window = MainWindow(workstation, remember=False)
        window.show()
        for key in ("rights", "parties", "audit", "settings"):
            if key in window.area_keys():
                window.show_area(key)
                app.processEvents()
        runner().wait(30_000)
        app.processEvents()
        window.close()
        app.processEvents()
        print("self-check ok: main window opened and closed", file=sys.stderr)
        return 0
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        use_settings(previous)
        tmp.cleanup()


def open_then_sign_in(config: Any, *, self_check: bool = False, demo_if_empty: bool = False,
                      clock: Clock | None = None) -> int:
    """The ``ipdesk`` command's start when the database must be open before anyone signs in (a first start,
    PostgreSQL, ``--demo-if-empty``, the self-check; :mod:`ipdesk.gui.launch` decides): open the database,
    then the sign-in, then the window (on ``clock``: ``--now``).

    A database that cannot be opened (server down, wrong URL, newer schema) is explained in a dialog
    (what happened, why, what to do) instead of a traceback.
    """
    from ipdesk.services.workstation import open_workstation

    if self_check:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    create_application(sys.argv[:1], excepthook=not self_check)
    try:
        workstation = open_workstation(config, clock=clock, create=True)  # the first start makes the register
    except Exception as exc:
        log.exception("cannot open the database %s", getattr(config, "database_url", ""))
        if self_check:
            traceback.print_exc()
            return 1
        database_failed(config, exc)
        return 2
    if self_check:
        return globals()["self_check"](workstation)
    ensure_log_file(workstation)
    from ipdesk.gui.users.signin import sign_in

    if demo_if_empty:
        load_demo_before_sign_in(workstation)
    if sign_in(workstation) is None:  # cancelled: nobody signed in, nothing opens
        runner().wait(30_000)
        workstation.close()
        return 0
    return run_signed_in(QApplication.instance(), workstation, demo_if_empty=demo_if_empty)


def run_signed_in(app: Any, workstation: Workstation, *, demo_if_empty: bool = False) -> int:
    """The window of a signed-in desk (locked after the office's idle minutes) until it closes; the exit code."""
    host = WindowHost(workstation, idle_minutes=workstation.office.settings().idle_lock_minutes)
    window = host.open()
    QTimer.singleShot(0, lambda: offer_demo_data(window, workstation, load_without_asking=demo_if_empty))
    code = app.exec()
    runner().wait(30_000)
    workstation.close()
    return code


def load_demo_before_sign_in(workstation: Any) -> None:
    """``make run`` on a new database: the demo data set with one account per role (``ipdesk.demo.users``,
    README), loaded before the sign-in dialog so that it opens on them; nothing when users exist."""
    from ipdesk.demo.generator import interrupted_load, load_demo_data
    from ipdesk.domain.shared.permissions import SYSTEM
    from ipdesk.services.paging import Query

    try:
        # A demo load interrupted after its register (the window closed, the power went) is finished.
        if interrupted_load(workstation.engine) is None and (
            workstation.users.has_users() or workstation.rights.count(Query()) or workstation.parties.count(Query())
        ):
            return
    except Exception:
        log.info("demo data not loaded", exc_info=True)
        return
    loop = QEventLoop()

    def work(progress: Any) -> Any:
        progress.report(0, 0, QCoreApplication.translate("app", "正在载入演示数据…"))
        return load_demo_data(workstation.engine, SYSTEM, clock=workstation.clock, rights=DEMO_RIGHTS,
                              pledges=DEMO_PLEDGES, users=True,
                              progress=lambda done, total=0, *_a: progress.report(done, total))

    title = QCoreApplication.translate("app", "载入演示数据")
    run_op(None, work, on_done=lambda _s: loop.quit(), on_failed=lambda _e: loop.quit(), progress=title,
           title=title, cancellable=False)
    loop.exec()


def offer_demo_data(
    window: MainWindow, workstation: Workstation, *, load_without_asking: bool = False
) -> None:
    """On an empty register: load the demo data set (asked first unless ``load_without_asking``)."""
    from ipdesk.domain.shared.permissions import Action

    if not workstation.actor.may(Action.LOAD_DEMO_DATA):  # the signed-in role may not: not offered
        return
    try:
        from ipdesk.demo.generator import load_demo_data
        from ipdesk.services.paging import Query

        empty = workstation.rights.count(Query()) == 0 and workstation.parties.count(Query()) == 0
    except Exception:
        log.info("demo data not offered", exc_info=True)
        return
    if not empty:
        return
    if not load_without_asking:
        if not messages.ask(
            window,
            QCoreApplication.translate("app", "数据库是空的"),
            QCoreApplication.translate(
                "app",
                "当前数据库中还没有任何知识产权或当事人。\n要载入一套演示数据（{n} 件权利及相关当事人）吗？"
                "\n\n演示数据可用于熟悉操作；正式使用请使用单独的数据库。",
            ).format(n=DEMO_RIGHTS),
        ):
            return
    params = inspect.signature(load_demo_data).parameters

    def work(progress: Any) -> Any:
        kwargs: dict[str, Any] = {"rights": DEMO_RIGHTS, "pledges": DEMO_PLEDGES}
        if "progress" in params:
            kwargs["progress"] = lambda done, total=0, *_a: progress.report(done, total)
        progress.report(0, 0, QCoreApplication.translate("app", "正在载入演示数据…"))
        return load_demo_data(workstation.engine, workstation.actor, clock=workstation.clock, **kwargs)

    def done(_summary: Any) -> None:  # its changes (rights and parties in bulk) refreshed the pages
        window.statusBar().showMessage(QCoreApplication.translate("app", "演示数据已载入"), 8000)

    title = QCoreApplication.translate("app", "载入演示数据")
    run_op(window, work, on_done=done, progress=title, title=title, cancellable=False)
