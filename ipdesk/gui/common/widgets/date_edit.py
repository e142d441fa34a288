"""DateEdit: ``yyyy-MM-dd`` typed or picked from a calendar popup, and allowed to be empty."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ipdesk.gui.common.clock import office_clock
from ipdesk.gui.formatting import parse_date
from ipdesk.gui.icons import icon


class DateEdit(QWidget):
    """A date field that may be empty (QDateEdit cannot be).

    Accepts ``2017-06-01``, ``2017/6/1``, ``2017年6月1日`` and ``20170601`` and shows them as
    ``2017-06-01`` once the user leaves the field. Alt+Down or F4 opens the calendar.

    Signals:
        textChanged(str): on every edit (for validate-as-you-type).
    """

    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText("yyyy-MM-dd")
        self.line_edit.setMaxLength(12)
        self.line_edit.textChanged.connect(self.textChanged)
        self.line_edit.editingFinished.connect(self._normalise)
        self.button = QToolButton()
        self.button.setIcon(icon("calendar"))
        self.button.setToolTip(self.tr("选择日期（Alt+↓）"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line_edit)
        popup = QAction(self)
        popup.setShortcuts([QKeySequence("Alt+Down"), QKeySequence("F4")])
        popup.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        popup.triggered.connect(self.show_calendar)
        self.line_edit.addAction(popup)
        self._menu: QMenu | None = None
        self.calendar: QCalendarWidget | None = None

    def text(self) -> str:
        return self.line_edit.text().strip()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def date(self) -> date | None:
        """The date, None if empty; raises ValueError if the text is not a date."""
        return parse_date(self.text())

    def setDate(self, value: date | None) -> None:
        self.line_edit.setText("" if value is None else value.isoformat())

    def iso_text(self) -> str:
        """``yyyy-MM-dd`` if the text is a date, else the text as typed (services report the problem)."""
        try:
            value = self.date()
        except ValueError:
            return self.text()
        return "" if value is None else value.isoformat()

    def show_calendar(self) -> None:
        if self._menu is None:
            self._menu = QMenu(self)
            self.calendar = QCalendarWidget()
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(self.calendar)
            self._menu.addAction(action)
        assert self.calendar is not None
        try:
            current = self.date()
        except ValueError:
            current = None
        d = current or office_clock().today()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        self._menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.setFocus()

    def _picked(self, qdate: QDate) -> None:
        self.setDate(date(qdate.year(), qdate.month(), qdate.day()))
        if self._menu is not None:
            self._menu.close()
        self.line_edit.setFocus()

    def _normalise(self) -> None:
        try:
            value = self.date()
        except ValueError:
            return  # left as typed; the form shows what is wrong
        if value is not None and value.isoformat() != self.text():
            self.line_edit.setText(value.isoformat())
