"""The two views of the holiday editor: the month calendar (休 / 班 tags) and a list of days of one kind."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.icons import icon

HOLIDAY, WORKDAY = "holiday", "workday"
#: kind → badge tone: a day off red, a make-up working day blue (always with its text tag, never colour alone)
KIND_TONES = {HOLIDAY: "bad", WORKDAY: "info"}
DateRole = Qt.ItemDataRole.UserRole


def weekday_name(day: date) -> str:
    names = [
        QCoreApplication.translate("HolidayEditor", "周一"),
        QCoreApplication.translate("HolidayEditor", "周二"),
        QCoreApplication.translate("HolidayEditor", "周三"),
        QCoreApplication.translate("HolidayEditor", "周四"),
        QCoreApplication.translate("HolidayEditor", "周五"),
        QCoreApplication.translate("HolidayEditor", "周六"),
        QCoreApplication.translate("HolidayEditor", "周日"),
    ]
    return names[day.weekday()]


class HolidayCalendarView(QCalendarWidget):
    """A month view: holidays tinted red and tagged 休, make-up working days tinted blue and tagged 班."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kinds: dict[date, str] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setMinimumSize(360, 260)
        self._tags = {HOLIDAY: self.tr("休"), WORKDAY: self.tr("班")}

    def set_days(self, holidays: set[date], workdays: set[date]) -> None:
        self.setDateTextFormat(QDate(), QTextCharFormat())  # clears every date's format
        self.kinds = {d: HOLIDAY for d in holidays} | {d: WORKDAY for d in workdays}
        for d, kind in self.kinds.items():
            bg, fg = TONES[KIND_TONES[kind]]
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor(bg)))
            fmt.setForeground(QBrush(QColor(fg)))
            fmt.setFontWeight(QFont.Weight.Bold)
            self.setDateTextFormat(QDate(d.year, d.month, d.day), fmt)
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        kind = self.kinds.get(date(qdate.year(), qdate.month(), qdate.day()))
        if kind is None:
            return
        painter.save()
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(TONES[KIND_TONES[kind]][1]))
        painter.drawText(
            rect.adjusted(2, 1, -3, -1),
            int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight),
            self._tags[kind],
        )
        painter.restore()


class DayList(QGroupBox):
    """One of the two lists for the shown year: a date field with 添加, the days, and 删除所选."""

    def __init__(self, title: str, kind: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.kind = kind
        self.title = title
        self.date_edit = DateEdit()
        self.add_button = QPushButton(icon("add"), self.tr("添加"))
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(180)
        self.remove_button = QPushButton(icon("clear"), self.tr("删除所选"))
        self.remove_button.setEnabled(False)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(self.isEnabled() and bool(self.list.selectedItems()))
        )
        top = QHBoxLayout()
        top.addWidget(self.date_edit, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.date_edit.line_edit.returnPressed.connect(self.add_button.click)

    def show_days(self, days: list[date], count_title: str) -> None:
        self.setTitle(count_title)
        self.list.clear()
        tone = TONES[KIND_TONES[self.kind]]
        for d in days:
            text = f"{d.isoformat()}  {weekday_name(d)}"
            if self.kind == HOLIDAY and d.weekday() >= 5:
                text += self.tr("（周末）")
            item = QListWidgetItem(text)
            item.setData(DateRole, d.isoformat())
            item.setForeground(QBrush(QColor(tone[1])))
            self.list.addItem(item)

    def selected_days(self) -> list[date]:
        return [date.fromisoformat(i.data(DateRole)) for i in self.list.selectedItems()]
