"""The idle lock keeps what is open and asks the same user's password; signing out asks who works next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from sqlalchemy import select

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.app import WindowHost
from ipdesk.gui.users.signin import SignInDialog
from ipdesk.storage.schema import AuditRow
from tests.gui.users.test_signin import GOOD, add_user, type_into, when_shown


def audited(ws: Any) -> list[str]:
    with ws.engine.connect() as conn:
        return list(conn.execute(select(AuditRow.action).order_by(AuditRow.seq)).scalars())


def signed_in_host(qtbot: Any, ws: Any, minutes: float) -> WindowHost:
    add_user(ws, "clerk1", "clerk")
    ws.actor = Actor("clerk1", Role.CLERK)
    host = WindowHost(ws, idle_minutes=minutes)
    qtbot.addWidget(host.open())
    return host


def test_the_idle_lock_covers_everything_and_keeps_an_open_form(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    host = signed_in_host(qtbot, ws, 0.005)  # 300 ms in the test; the office setting is in minutes
    try:
        form = QDialog(host.window)
        edit = QLineEdit(form)
        form.show()
        edit.setText("半填的")
        qtbot.keyClicks(edit, "form")  # typing (ASCII: QTest types no ideographs) restarts the idle time
        qtbot.waitUntil(lambda: host.idle_lock.dialog is not None, timeout=5000)
        lock = host.idle_lock.dialog
        assert lock.windowModality() == Qt.WindowModality.ApplicationModal
        assert QApplication.activeModalWidget() is lock  # the window and the form take no input
        assert form.isVisible() and edit.text() == "半填的form"
        assert lock.name_edit.text() == "clerk1" and lock.name_edit.isReadOnly()
        lock.reject()  # Esc does not unlock
        assert host.idle_lock.dialog is lock and lock.isVisible()
        type_into(qtbot, lock, password="Wrong-password-9")
        lock.accept()
        qtbot.waitUntil(lambda: not lock.checking, timeout=10_000)  # checked in the writer thread
        assert lock.problems.text() == "用户名或密码错误" and host.idle_lock.dialog is lock
        host.idle_lock.timer.setInterval(60_000)  # no second lock while the test looks
        type_into(qtbot, lock, password=GOOD)
        qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: host.idle_lock.dialog is None, timeout=10_000)  # Argon2 in the writer
        assert form.isVisible() and edit.text() == "半填的form"  # unsaved state kept
        assert ws.actor == Actor("clerk1", Role.CLERK) and host.idle_lock.timer.isActive()
        qtbot.waitUntil(lambda: "session.lock" in audited(ws), timeout=3000)  # the lock, then the unlock
        assert audited(ws)[-1] == "signin.ok"
    finally:
        host.idle_lock.close()


def test_signing_out_asks_who_works_next(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    host = signed_in_host(qtbot, ws, 60)
    add_user(ws, "aud1", "auditor")
    try:
        old = host.window
        assert old.sign_out_action.isVisible() and old.sign_out_action in old.menus["file"].actions()

        def act(dialog: SignInDialog) -> None:
            type_into(qtbot, dialog, name="aud1", password=GOOD)
            dialog.accept()
            qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)

        when_shown(SignInDialog, act)
        old.sign_out_action.trigger()
        qtbot.waitUntil(lambda: host.window is not old and host.window is not None, timeout=5000)
        qtbot.addWidget(host.window)
        assert ws.actor == Actor("aud1", Role.AUDITOR)
        assert "audit" in host.window.area_keys() and "aud1" in host.window.user_label.text()
    finally:
        host.idle_lock.close()


def test_a_window_without_a_sign_in_offers_no_sign_out(qtbot, sqlite_workstation):
    host = WindowHost(sqlite_workstation)
    window = host.open()
    qtbot.addWidget(window)
    assert not window.sign_out_action.isVisible() and host.idle_lock is None
