"""The ``ipdesk`` command's start on a database with users: the sign-in dialog first, the database opened behind
it (ipdesk.gui.launch); a submit before the database is open waits for it; a cancel, a wrong password and a
database that cannot be opened behave as when the database was opened first."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from ipdesk.config import AppConfig, sqlite_url
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui import launch
from ipdesk.gui.users.signin import ChangePasswordDialog, SignInDialog
from ipdesk.services.workstation import open_workstation
from tests.gui.helpers import messagemock
from tests.gui.users.test_signin import GOOD, submitted, type_into, when_shown

pytestmark = pytest.mark.real_sign_in


def make_database(tmp_path: Path, *, users: bool = True, change_first: bool = False) -> AppConfig:
    config = AppConfig(tmp_path, sqlite_url(tmp_path / "ipdesk.sqlite3"), "zh")
    ws = open_workstation(config, create=True)
    try:
        if users:
            admin = Actor("boss", Role.ADMIN)
            ws.users.add(admin, "boss", "admin", GOOD)
            ws.users.change_password(admin, "boss", GOOD)
            ws.users.add(admin, "clerk1", "clerk", GOOD)
            if not change_first:
                ws.users.change_password(Actor("clerk1", Role.CLERK), "clerk1", GOOD)
    finally:
        ws.close()
    return config


@pytest.fixture
def window_opened(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The signed-in window is not run (its event loop would block the test): what it was given, kept."""
    from ipdesk.gui import app

    seen: dict[str, Any] = {}

    def run_signed_in(_app: Any, workstation: Any, **_kw: Any) -> int:
        seen["workstation"] = workstation
        seen["actor"] = workstation.actor
        workstation.close()
        return 0

    monkeypatch.setattr(app, "run_signed_in", run_signed_in)
    monkeypatch.setattr(launch, "create_application", lambda *_a, **_k: QApplication.instance())
    return seen


def test_users_known_only_for_a_sqlite_file_with_users(tmp_path: Path) -> None:
    assert launch.users_known(sqlite_url(tmp_path / "none.sqlite3")) is False  # no file yet: the first start
    assert launch.users_known("postgresql+psycopg://u@localhost/ipdesk") is False  # opened first, as before
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    assert launch.users_known(sqlite_url(junk)) is False
    empty = make_database(tmp_path / "a", users=False)
    assert launch.users_known(empty.database_url) is False  # no users: the first administrator is asked
    with_users = make_database(tmp_path / "b")
    assert launch.users_known(with_users.database_url) is True


def test_the_check_for_users_takes_no_lock_and_writes_nothing(tmp_path: Path) -> None:
    config = make_database(tmp_path)
    path = tmp_path / "ipdesk.sqlite3"
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        assert launch.users_known(config.database_url) is True
    finally:
        writer.rollback()
        writer.close()


def test_a_sign_in_submitted_before_the_database_is_open_waits_for_it(qtbot, tmp_path, window_opened,
                                                                      monkeypatch) -> None:
    config = make_database(tmp_path)
    release = threading.Event()
    real_open = launch.OpeningWorkstation._open
    seen: dict[str, Any] = {}

    def slow_open(self: launch.OpeningWorkstation) -> Any:
        release.wait(10)  # the imports and the schema check still under way
        return real_open(self)

    monkeypatch.setattr(launch.OpeningWorkstation, "_open", slow_open)

    def act(dialog: SignInDialog) -> None:
        type_into(qtbot, dialog, name="clerk1", password=GOOD)
        dialog.accept()
        qtbot.wait(100)
        seen["waiting"] = dialog.checking and "正在验证" in dialog.problems.text() and dialog.isVisible()
        release.set()
        qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)

    when_shown(SignInDialog, act)
    assert launch.run_gui(config) == 0
    assert seen["waiting"] is True
    assert window_opened["actor"] == Actor("clerk1", Role.CLERK)


def test_a_wrong_password_is_refused_then_the_right_one_opens_the_window(qtbot, tmp_path, window_opened) -> None:
    config = make_database(tmp_path)
    seen: dict[str, Any] = {}

    def act(dialog: SignInDialog) -> None:
        type_into(qtbot, dialog, name="clerk1", password="wrong-password-1")
        submitted(qtbot, dialog)
        seen["refused"] = dialog.problems.text()
        seen["still_open"] = dialog.isVisible()
        type_into(qtbot, dialog, password=GOOD)
        submitted(qtbot, dialog)

    when_shown(SignInDialog, act)
    assert launch.run_gui(config) == 0
    assert "用户名或密码错误" in seen["refused"] and seen["still_open"]
    assert window_opened["actor"] == Actor("clerk1", Role.CLERK)


def test_cancelling_the_sign_in_opens_nothing(qtbot, tmp_path, window_opened) -> None:
    config = make_database(tmp_path)
    when_shown(SignInDialog, lambda dialog: dialog.reject())
    assert launch.run_gui(config) == 0
    assert "workstation" not in window_opened


def test_an_account_that_must_change_its_password_does_so_first(qtbot, tmp_path, window_opened) -> None:
    config = make_database(tmp_path, change_first=True)

    def new_password(dialog: ChangePasswordDialog) -> None:
        type_into(qtbot, dialog, password="Another-Horse-8", repeat="Another-Horse-8")
        submitted(qtbot, dialog)

    def act(dialog: SignInDialog) -> None:
        when_shown(ChangePasswordDialog, new_password)
        type_into(qtbot, dialog, name="clerk1", password=GOOD)
        submitted(qtbot, dialog)

    when_shown(SignInDialog, act)
    assert launch.run_gui(config) == 0
    assert window_opened["actor"] == Actor("clerk1", Role.CLERK)
    ws = open_workstation(config)
    try:
        assert ws.users.authenticate("clerk1", "Another-Horse-8").name == "clerk1"
    finally:
        ws.close()


def test_a_database_that_cannot_be_opened_closes_the_dialog_and_says_why(qtbot, tmp_path, window_opened,
                                                                         monkeypatch) -> None:
    config = make_database(tmp_path)
    with sqlite3.connect(tmp_path / "ipdesk.sqlite3") as conn:  # written by a newer ipdesk
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    assert launch.users_known(config.database_url) is True
    boxes = messagemock.install(monkeypatch)
    assert launch.run_gui(config) == 2
    assert boxes.warnings and "无法打开数据库" in boxes.warnings[0][0]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()]
    assert "workstation" not in window_opened
