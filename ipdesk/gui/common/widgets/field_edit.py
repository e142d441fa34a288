"""An editor with its problems underneath: red border plus one red line saying what is wrong."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.i18n import current_lang

ERROR_COLOR = "#c62828"
_STYLE = f"""
*[error="true"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 3px; padding: 2px 3px; }}
QLabel#fieldError {{ color: {ERROR_COLOR}; }}
"""


class ErrorField(QWidget):
    """Wraps any editor; ``set_problems`` marks it red and shows the first problem below it.

    Attributes:
        editor: the wrapped widget (its ``line_edit`` attribute, if any, is what gets the red border).
        error_label: the one-line message under the editor (hidden while there is no problem).
    """

    def __init__(self, editor: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self._messages: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.setStyleSheet(_STYLE)
        self.setFocusProxy(editor)

    @property
    def marked_widget(self) -> QWidget:
        return getattr(self.editor, "line_edit", self.editor)

    def set_problems(self, problems: Sequence[Problem | str], lang: str | None = None) -> None:
        """Show ``problems`` (Problem objects rendered in ``lang``, or ready strings); empty clears."""
        lang = lang or current_lang()
        self._messages = [p.message(lang) if isinstance(p, Problem) else str(p) for p in problems]
        has = bool(self._messages)
        target = self.marked_widget
        if bool(target.property("error")) != has:
            target.setProperty("error", has)
            target.style().unpolish(target)
            target.style().polish(target)
            target.update()
        if has:
            extra = len(self._messages) - 1
            text = self._messages[0] + (
                f"（+{extra}）" if extra and lang == "zh" else f" (+{extra})" if extra else ""
            )
            self.error_label.setText(text)
            self.error_label.setToolTip("\n".join(self._messages))
        self.error_label.setVisible(has)
        target.setToolTip("\n".join(self._messages))

    def problems(self) -> list[str]:
        return list(self._messages)

    @property
    def has_error(self) -> bool:
        return bool(self._messages)


class FieldEdit(ErrorField):
    """A QLineEdit with an inline error (the common case of :class:`ErrorField`)."""

    textChanged = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None, *, placeholder: str = ""):
        self.line_edit = QLineEdit(text)
        if placeholder:
            self.line_edit.setPlaceholderText(placeholder)
        super().__init__(self.line_edit, parent)
        self.line_edit.textChanged.connect(self.textChanged)

    def text(self) -> str:
        return self.line_edit.text()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)
