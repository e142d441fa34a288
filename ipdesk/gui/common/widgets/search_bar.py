"""SearchBar: search as you type, debounced, so each keystroke does not hit the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

from ipdesk.gui.icons import icon

DEBOUNCE_MS = 250


class SearchBar(QLineEdit):
    """Emits ``search_changed(text)`` 250 ms after the last keystroke (Enter: at once; Esc: clear).

    Args:
        shortcut_parent: if given, Ctrl+F anywhere inside it focuses the bar (the main window routes
            Ctrl+F itself, so register pages leave this unset).
    """

    search_changed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        placeholder: str = "",
        shortcut_parent: QWidget | None = None,
        delay_ms: int = DEBOUNCE_MS,
    ):
        super().__init__(parent)
        self.setPlaceholderText(placeholder or self.tr("搜索…"))
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(280)
        self._last = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self.flush)
        if shortcut_parent is not None:
            sc = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), shortcut_parent)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.focus_search)

    def focus_search(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def flush(self) -> None:
        """Emit now if the text changed since the last emission."""
        self._timer.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        super().keyPressEvent(event)
