"""Signing in before the window opens: first administrator, sign-in, wrong password, lock-out, new password."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.mainwindow import MainWindow
from ipdesk.gui.users.signin import (
    ChangePasswordDialog,
    FirstAdminDialog,
    SignInDialog,
    sign_in,
)

GOOD = "Correct-Horse-7"


def when_shown(cls: type, act: Callable[[Any], None]) -> None:
    """Run ``act(dialog)`` once a visible ``cls`` dialog is open (``sign_in`` blocks in ``exec``)."""

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, cls) and w.isVisible():
                act(w)
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def submitted(qtbot: Any, dialog: Any) -> None:
    """OK pressed: the service checks in the writer thread; wait until it has answered."""
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)


def type_into(qtbot: Any, dialog: Any, **fields: str) -> None:
    for name, text in fields.items():
        edit = getattr(dialog, f"{name}_edit")
        edit.clear()
        qtbot.keyClicks(edit, text)


def add_user(ws: Any, name: str, role: str, *, change_first: bool = False, party: int | None = None) -> None:
    if not ws.users.has_users():  # the first account must be an administrator
        ws.users.add(Actor("tester", Role.ADMIN), "tester", "admin", GOOD)
    ws.users.add(Actor("tester", Role.ADMIN), name, role, GOOD, party)
    if not change_first:  # the user set their own password: no change asked
        ws.users.change_password(Actor(name, Role(role)), name, GOOD)


def test_an_empty_database_asks_for_the_first_administrator(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    seen: dict[str, Any] = {}

    def act(dialog: FirstAdminDialog) -> None:
        seen["focus"] = dialog.focusWidget() is dialog.name_edit
        type_into(qtbot, dialog, name="chief", password=GOOD, repeat=GOOD + "x")
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)  # Enter submits
        seen["mismatch"] = dialog.problems.text()
        seen["after_mismatch"] = ws.users.has_users()
        type_into(qtbot, dialog, password="short", repeat="short")
        submitted(qtbot, dialog)
        seen["short"] = dialog.problems.text()
        seen["after_short"] = ws.users.has_users()
        type_into(qtbot, dialog, password=GOOD, repeat=GOOD)
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)

    when_shown(FirstAdminDialog, act)
    user = sign_in(ws)
    assert seen["focus"]
    assert "不一致" in seen["mismatch"] and seen["after_mismatch"] is False  # nothing written on bad input
    assert "至少 10 个字符" in seen["short"] and seen["after_short"] is False
    assert user is not None and user.role is Role.ADMIN and not user.must_change_password
    assert ws.actor == Actor("chief", Role.ADMIN)


def test_sign_in_becomes_the_actor(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    add_user(ws, "auditor1", "auditor")

    def act(dialog: SignInDialog) -> None:
        type_into(qtbot, dialog, name="Auditor1", password=GOOD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    when_shown(SignInDialog, act)
    assert sign_in(ws) is not None
    assert ws.actor == Actor("auditor1", Role.AUDITOR)
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    assert "auditor1" in window.user_label.text() and "审计员" in window.user_label.text()


def test_a_wrong_password_reads_like_a_wrong_name_and_is_counted(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    add_user(ws, "clerk1", "clerk")
    seen: dict[str, str] = {}

    def act(dialog: SignInDialog) -> None:
        type_into(qtbot, dialog, name="clerk1", password="Not-the-password-1")
        submitted(qtbot, dialog)
        seen["password"] = dialog.problems.text()
        seen["cleared"] = dialog.password_edit.text()
        type_into(qtbot, dialog, name="nobody", password=GOOD)
        submitted(qtbot, dialog)
        seen["name"] = dialog.problems.text()
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)  # Esc cancels: nobody signs in

    when_shown(SignInDialog, act)
    before = ws.actor
    assert sign_in(ws) is None
    assert seen["password"] == seen["name"] == "用户名或密码错误" and seen["cleared"] == ""
    assert ws.actor == before
    failed = [u for u in ws.users.list(Actor("tester", Role.ADMIN)) if u.name == "clerk1"][0]
    assert failed.failed_attempts == 1


def test_a_locked_account_says_so_and_who_unlocks_it(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    ws.office.save_settings(Actor("tester", Role.ADMIN), replace(ws.office.settings(), lockout_attempts=2))
    add_user(ws, "clerk1", "clerk")
    seen: list[str] = []

    def act(dialog: SignInDialog) -> None:
        for password in ("Wrong-password-1", "Wrong-password-2", GOOD):
            type_into(qtbot, dialog, name="clerk1", password=password)
            submitted(qtbot, dialog)
            seen.append(dialog.problems.text())
        dialog.reject()

    when_shown(SignInDialog, act)
    assert sign_in(ws) is None
    assert seen[0] == "用户名或密码错误"
    assert "已锁定" in seen[2] and "管理员" in seen[2]  # even the right password: locked until unlocked


def test_an_account_made_by_an_administrator_sets_its_password_first(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    add_user(ws, "clerk1", "clerk", change_first=True)
    seen: dict[str, Any] = {}

    def sign(dialog: SignInDialog) -> None:
        when_shown(ChangePasswordDialog, change)
        type_into(qtbot, dialog, name="clerk1", password=GOOD)
        submitted(qtbot, dialog)

    def change(dialog: ChangePasswordDialog) -> None:
        seen["actor_meanwhile"] = ws.actor  # the window is not open and nobody is signed in yet
        type_into(qtbot, dialog, password="clerk1-Password", repeat="clerk1-Password")
        submitted(qtbot, dialog)
        seen["has_name"] = dialog.problems.text()
        type_into(qtbot, dialog, password="New-Secret-42", repeat="New-Secret-42")
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)

    when_shown(SignInDialog, sign)
    user = sign_in(ws)
    assert seen["actor_meanwhile"] == Actor("tester", Role.ADMIN, decides=True)
    assert "用户名" in seen["has_name"]
    assert user is not None and not user.must_change_password and ws.actor == Actor("clerk1", Role.CLERK)
    assert ws.users.authenticate("clerk1", "New-Secret-42").name == "clerk1"


def test_cancelling_the_forced_change_signs_nobody_in(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    add_user(ws, "clerk1", "clerk", change_first=True)

    def sign(dialog: SignInDialog) -> None:
        when_shown(ChangePasswordDialog, lambda d: d.reject())
        type_into(qtbot, dialog, name="clerk1", password=GOOD)
        submitted(qtbot, dialog)

    when_shown(SignInDialog, sign)
    assert sign_in(ws) is None
    assert ws.actor == Actor("tester", Role.ADMIN, decides=True)


def test_make_run_loads_the_demo_accounts_then_signs_in(qtbot, sqlite_workstation, monkeypatch):
    from ipdesk.demo.users import DEMO_PASSWORD
    from ipdesk.gui import app

    ws = sqlite_workstation
    monkeypatch.setattr(app, "DEMO_RIGHTS", 100)
    monkeypatch.setattr(app, "DEMO_PLEDGES", 2)
    app.load_demo_before_sign_in(ws)
    assert ws.users.has_users()

    def act(dialog: SignInDialog) -> None:  # the sign-in dialog, not the first administrator's
        type_into(qtbot, dialog, name="shenji", password=DEMO_PASSWORD)
        submitted(qtbot, dialog)

    when_shown(SignInDialog, act)
    user = sign_in(ws)
    assert user is not None and user.role is Role.AUDITOR and ws.actor == Actor("shenji", Role.AUDITOR)
    app.load_demo_before_sign_in(ws)  # users exist: nothing loaded twice


def test_the_password_is_checked_off_the_gui_thread_and_the_dialog_says_so(qtbot, sqlite_workstation, monkeypatch):
    import threading

    ws = sqlite_workstation
    add_user(ws, "clerk1", "clerk")
    verify = ws.users.authenticate
    seen: dict[str, Any] = {}
    release = threading.Event()

    def slow_authenticate(name: str, password: str) -> Any:
        seen["gui_thread"] = threading.current_thread() is threading.main_thread()
        release.wait(5)  # Argon2 takes its time: the dialog must not freeze meanwhile
        return verify(name, password)

    monkeypatch.setattr(ws.users, "authenticate", slow_authenticate)

    def act(dialog: SignInDialog) -> None:
        type_into(qtbot, dialog, name="clerk1", password=GOOD)
        dialog.accept()
        qtbot.waitUntil(lambda: "gui_thread" in seen, timeout=5000)  # the event loop ran while it checks
        seen["checking"] = dialog.checking and "正在验证" in dialog.problems.text()
        seen["ok_disabled"] = not dialog.ok_button.isEnabled() and not dialog.password_edit.isEnabled()
        dialog.accept()  # a second Enter while checking submits nothing more
        release.set()

    when_shown(SignInDialog, act)
    user = sign_in(ws)
    assert user is not None and user.name == "clerk1"
    assert seen["gui_thread"] is False and seen["checking"] and seen["ok_disabled"]
