"""Signing in before the window opens: the sign-in dialog, the first administrator, a forced new password.

The dialogs are keyboard-first (focus in the first field, Enter submits, Esc cancels). What they ask of
the user service runs in the task runner's writer, off the GUI thread: an Argon2id verification takes a
noticeable moment by design, and the dialog (or the idle lock over the window) says it is checking instead
of freezing. Refusals are the service's coded problems, shown in the UI language under the fields; a wrong
user name and a wrong password read the same (the service words them so), and nothing is written on bad
input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.permissions import SYSTEM, Actor, Role
from ipdesk.domain.shared.problems import DomainError
from ipdesk.gui import messages
from ipdesk.gui.tasks import runner

if TYPE_CHECKING:  # the services load behind the dialog (ipdesk.gui.launch): not imported to paint it
    from ipdesk.services.users.service import User, UserService


class SigningIn(Protocol):
    """What signing in needs of the workstation: its user service, and an actor it can replace."""

    users: UserService
    actor: Actor
    engine: object


class PasswordDialog(QDialog):
    """A short form of text fields with a message line under them; OK runs :meth:`submit`."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.user: User | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b71c1c;")
        self.problems.hide()
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)  # Enter in any field submits
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self._task: Any = None

    def add_field(self, label: str, name: str, *, password: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        return edit

    def show_problems(self, lines: list[str]) -> None:
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))

    def refused(self, exc: DomainError) -> None:
        self.problems.setStyleSheet("color: #b71c1c;")
        self.show_problems(messages.problem_lines(exc.problems))

    # ---- submitting: a check here, the service's work in the writer thread -------------------------

    def check(self) -> bool:
        """What the dialog checks itself before asking the service (False: the problems are shown)."""
        return True

    def work(self) -> User:
        """What the dialog asks of the user service (runs off the GUI thread; raises DomainError)."""
        raise NotImplementedError

    def after_refusal(self) -> None:
        """The service refused: e.g. clear the password for another try."""

    @property
    def checking(self) -> bool:
        """The service is at work (the dialog says so and takes no second submit)."""
        return self._task is not None

    def accept(self) -> None:
        if self.checking or not self.check():
            return
        self._set_checking(True)
        self._task = runner().run(self.work, on_result=self._worked, on_error=self._failed, write=True,
                                  name=self.objectName() or "sign-in")

    def _set_checking(self, on: bool) -> None:
        for edit in self.findChildren(QLineEdit):
            edit.setEnabled(not on)
        self.buttons.setEnabled(not on)
        if not on:
            self.ok_button.setDefault(True)  # disabling took the default away: Enter submits again
        if on:
            self.problems.setStyleSheet("color: #607d8b;")
            self.show_problems([QCoreApplication.translate("signin", "正在验证…")])
        else:
            self._task = None

    def _worked(self, user: User) -> None:
        self._set_checking(False)
        self.user = user
        self.show_problems([])
        super().accept()

    def _failed(self, exc: BaseException, _trace: str) -> None:
        self._set_checking(False)
        if isinstance(exc, DomainError):
            self.refused(exc)
            self.after_refusal()
        else:
            self.problems.setStyleSheet("color: #b71c1c;")
            self.show_problems([QCoreApplication.translate("signin", "无法登录：{error}").format(
                error=str(exc) or type(exc).__name__)])


class SignInDialog(PasswordDialog):
    """User name and password; the service counts a wrong password and says when an account is locked."""

    def __init__(self, users: UserService, parent: QWidget | None = None, *, name: str = "",
                 intro: str = ""):
        title = QCoreApplication.translate("signin", "登录 ipdesk")
        super().__init__(title, intro or QCoreApplication.translate("signin", "请输入用户名和密码。"), parent)
        self.setObjectName("SignInDialog")
        self.users = users
        self.name_edit = self.add_field(QCoreApplication.translate("signin", "用户名："), "name")
        self.password_edit = self.add_field(QCoreApplication.translate("signin", "密码："), "password",
                                            password=True)
        self.name_edit.setText(name)
        if name:  # the same user again (the idle lock): only the password is asked
            self.name_edit.setReadOnly(True)
            self.password_edit.setFocus()
        else:
            self.name_edit.setFocus()

    def work(self) -> User:
        name, password, users = self.name_edit.text().strip(), self.password_edit.text(), self.users
        return users.authenticate(name, password)

    def after_refusal(self) -> None:
        self.password_edit.clear()
        self.password_edit.setFocus()


class NewPasswordDialog(PasswordDialog):
    """A password typed twice; the subclass decides what it sets."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None):
        super().__init__(title, intro, parent)

    def add_passwords(self) -> None:
        self.password_edit = self.add_field(QCoreApplication.translate("signin", "密码："), "password",
                                            password=True)
        self.repeat_edit = self.add_field(QCoreApplication.translate("signin", "再次输入密码："), "repeat",
                                          password=True)

    def passwords_match(self) -> bool:
        if self.password_edit.text() == self.repeat_edit.text():
            return True
        self.problems.setStyleSheet("color: #b71c1c;")
        self.show_problems([QCoreApplication.translate("signin", "两次输入的密码不一致，请重新输入。")])
        self.repeat_edit.clear()
        self.repeat_edit.setFocus()
        return False


class FirstAdminDialog(NewPasswordDialog):
    """The first start of an empty database: the first administrator's name and password."""

    def __init__(self, users: UserService, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("signin", "创建第一个管理员"), QCoreApplication.translate(
            "signin", "数据库中还没有用户。请创建第一个管理员账户：管理员管理用户和设置。"), parent)
        self.setObjectName("FirstAdminDialog")
        self.users = users
        self.name_edit = self.add_field(QCoreApplication.translate("signin", "用户名："), "name")
        self.add_passwords()
        self.name_edit.setFocus()

    def check(self) -> bool:
        return self.passwords_match()

    def work(self) -> User:
        name, password, users = self.name_edit.text().strip(), self.password_edit.text(), self.users
        users.add(SYSTEM, name, Role.ADMIN, password)
        return users.authenticate(name, password)  # the sign-in is audited like any other


class ChangePasswordDialog(NewPasswordDialog):
    """An account an administrator created (or reset) sets its own password before the window opens."""

    def __init__(self, users: UserService, user: User, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("signin", "设置新密码"), QCoreApplication.translate(
            "signin", "用户 {name} 的密码由管理员设置，请先设置您自己的新密码。").format(name=user.name), parent)
        self.setObjectName("ChangePasswordDialog")
        self.users = users
        self.signed_in = user
        self.add_passwords()
        self.password_edit.setFocus()

    def check(self) -> bool:
        return self.passwords_match()

    def work(self) -> User:
        signed_in, password, users = self.signed_in, self.password_edit.text(), self.users
        return users.change_password(signed_in.actor, signed_in.name, password)


def sign_in(workstation: SigningIn, parent: QWidget | None = None) -> User | None:
    """Ask who is working (the first administrator on an empty database); None when cancelled.

    The signed-in account becomes ``workstation.actor`` (and names the PostgreSQL connections); one that
    must change its password does so first.
    """
    users = workstation.users
    dialog: PasswordDialog = SignInDialog(users, parent) if users.has_users() else FirstAdminDialog(users, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return None
    return finish_sign_in(workstation, dialog.user, parent)


def finish_sign_in(workstation: SigningIn, user: User, parent: QWidget | None = None) -> User | None:
    """``user`` authenticated: a new password first if it must change one (None when cancelled); then the
    account becomes ``workstation.actor`` and names the PostgreSQL connections."""
    from ipdesk.storage.engine import set_application_name

    if user.must_change_password:
        change = ChangePasswordDialog(workstation.users, user, parent)
        if change.exec() != QDialog.DialogCode.Accepted or change.user is None:
            return None
        user = change.user
    workstation.actor = user.actor
    set_application_name(workstation.engine, user.name)  # type: ignore[arg-type]
    return user
