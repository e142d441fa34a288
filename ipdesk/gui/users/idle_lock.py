"""The idle lock: after N minutes without input the signed-in user's password is asked again.

The lock is an application-modal dialog opened over everything, so the window and every form open on it
stay as they are (unsaved text included) but take no input until the same user signs in again; the
other way out is to sign out. The unlock is a sign-in (the service audits it and counts failures).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from ipdesk.gui.users.signin import SignInDialog, SigningIn

#: what counts as someone at the desk
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class LockDialog(SignInDialog):
    """The password of the user who is signed in; Esc does not unlock, 注销 signs out."""

    def __init__(self, workstation: SigningIn, parent: QWidget | None = None):
        name = workstation.actor.username
        super().__init__(workstation.users, parent, name=name, intro=QCoreApplication.translate(
            "signin", "ipdesk 已锁定（长时间无操作）。请输入 {name} 的密码继续，未保存的内容仍在。").format(name=name))
        self.setObjectName("LockDialog")
        self.setWindowTitle(QCoreApplication.translate("signin", "ipdesk 已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.signed_out = False
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.sign_out_button = self.buttons.addButton(QCoreApplication.translate("signin", "注销"),
                                                      QDialogButtonBox.ButtonRole.DestructiveRole)
        self.sign_out_button.setAutoDefault(False)
        self.sign_out_button.clicked.connect(self.sign_out)

    def reject(self) -> None:
        """Esc and the window's close button leave the desk locked."""

    def sign_out(self) -> None:
        self.signed_out = True
        super().reject()


class IdleLock(QObject):
    """Watches the application's input; ``minutes`` without any opens the :class:`LockDialog`."""

    def __init__(self, workstation: SigningIn, minutes: float, on_sign_out: Callable[[], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.on_sign_out = on_sign_out
        self.dialog: LockDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        """No lock until :meth:`start` (signed out; the input is still watched for the next user)."""
        self.timer.stop()

    def close(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.dialog is None and self.timer.isActive():
            self.timer.start()  # someone is working: the idle time starts again
        return False

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self._audit_lock()
        dialog = LockDialog(self.workstation)
        dialog.finished.connect(lambda _r: self._finished(dialog))
        self.dialog = dialog
        dialog.show()  # application-modal (not open(), which makes it window-modal): every window and form
        # open on them waits behind it
        dialog.raise_()

    def _audit_lock(self) -> None:
        from ipdesk.gui.ops import run_op

        users, actor = self.workstation.users, self.workstation.actor
        run_op(None, lambda: users.note_idle_lock(actor), title="session.lock")

    def _finished(self, dialog: LockDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        if dialog.signed_out:
            self.stop()
            self.on_sign_out()
        else:
            self.timer.start()
