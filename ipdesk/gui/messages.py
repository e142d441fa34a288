"""The one place the GUI opens a message box: tell, ask, refusal lists (tests patch this module once).

Callers use the module's functions through the module (``messages.tell(...)``), never a copy or a
``from … import tell``, so a test replaces a box everywhere with one ``monkeypatch.setattr``
(``tests/gui/helpers/messagemock.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.i18n import current_lang


def tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False, detail: str = "",
         details: str = "", actions: Sequence[tuple[str, Callable[[], Any]]] = (),
         name: str = "") -> QMessageBox:
    """An information (or warning) box, opened without blocking; it deletes itself when closed.

    Args:
        detail: the informative text under ``text``.
        details: a long text behind the box's "Show details" button.
        actions: extra buttons beside OK, as (label, what clicking does) — "打开文件夹".
        name: the box's object name.
    """
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    if name:
        box.setObjectName(name)
    if detail:
        box.setInformativeText(detail)
    if details:
        box.setDetailedText(details)
    for label, action in actions:
        button = box.addButton(label, QMessageBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda _c=False, a=action: a())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget | None, title: str, text: str, detail: str = "", *, yes: str = "", no: str = "",
        destructive: bool = False) -> bool:
    """A question with two buttons (default: 确定 / 取消); True if the first was clicked. Blocks.

    ``no`` is the default and the Esc button, so a stray Enter never confirms.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    role = QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
    yes_button = box.addButton(yes or QCoreApplication.translate("messages", "确定"), role)
    no_button = box.addButton(no or QCoreApplication.translate("messages", "取消"),
                              QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def critical(parent: QWidget | None, title: str, text: str, detail: str = "", details: str = "") -> None:
    """A blocking error box for what stops ipdesk from working (the database cannot be opened)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    if detail:
        box.setInformativeText(detail)
    if details:
        box.setDetailedText(details)
    box.exec()


def about(parent: QWidget | None, title: str, html: str) -> None:
    QMessageBox.about(parent, title, html)


def problem_lines(problems: Sequence[Problem], lang: str | None = None) -> list[str]:
    return [p.message(lang or current_lang()) for p in problems]


def refused(parent: QWidget | None, problems: Sequence[Problem], title: str = "",
            intro: str = "") -> QMessageBox:
    """A refusal (``DomainError``): every problem, in a warning box; nothing was written."""
    return tell(parent, title or QCoreApplication.translate("errors", "无法完成操作"),
                intro or QCoreApplication.translate("errors", "操作被拒绝，数据没有改变："),
                warning=True, detail="\n".join("• " + m for m in problem_lines(problems)))
