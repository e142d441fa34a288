"""The workbench (工作台): what needs the clerk today — applications by service-level working days left
(overdue red, due today amber), correction notices awaiting documents; for an approver, the decisions
awaiting approval (maker-checker). Each tile opens the pledges list
filtered to what it counts; a double-click on an application opens it in the list.

The numbers come from :func:`ipdesk.services.pledges.queries.workbench`, read off the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole, RowIdRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.rich_text import esc
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.presentation import PLEDGE_STATUS_TONES, days_left_text, days_left_tone, status_label
from ipdesk.gui.tasks import TaskRunner, runner
from ipdesk.gui.workbench.decisions_panel import DecisionsPanel

#: tile key → (filters for the pledges list, tone)
TILES: dict[str, tuple[dict[str, str], str]] = {
    "overdue": ({"overdue": "1"}, "bad"),
    "due_today": ({"due_within": "0"}, "warn"),
    "due_soon": ({"due_within": "2"}, "info"),
    "awaiting_correction": ({"status": "correction"}, "info"),
    "pending": ({"pending": "1"}, "muted"),
}

PENDING_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("days_left", "剩余工作日", "Working days left"),
    ("sla_deadline", "办结期限", "Due"),
    ("application_no", "申请号", "Application no."),
    ("status", "状态", "Status"),
    ("pledgor_names", "出质人", "Pledgor"),
    ("pledgee_name", "质权人", "Pledgee"),
    ("secured_amount", "担保债权数额（元）", "Secured amount (yuan)"),
)


class PendingModel(RowListModel):
    """The pending applications, most urgent first (rows as :func:`~ipdesk.services.pledges.queries.workbench`
    returns them)."""

    columns = PENDING_COLUMNS

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        value = row.get(key)
        if role == RowIdRole:
            return row.get("id")
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "days_left":
                return days_left_text(value, self.lang)
            if key == "secured_amount":
                return format_money(value)
            if key == "sla_deadline":
                return format_date(value)
            if key == "status":
                return status_label(row.get("status_value", ""), self.lang) or str(value or "")
            return "" if value is None else str(value)
        if role == BadgeToneRole:
            if key == "days_left":
                return days_left_tone(value)
            if key == "status":
                return PLEDGE_STATUS_TONES.get(row.get("status_value", ""))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = key in ("secured_amount",)
            return int((Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "days_left":
            tone = days_left_tone(value)
            return QBrush(QColor(TONES[tone][1])) if tone else None
        return None


class Tile(QPushButton):
    """A count over its label, tinted by tone; the label says what is counted (never colour alone)."""

    def __init__(self, key: str, title: str, tone: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.title = title
        self.tone = tone
        self.count = 0
        self.setObjectName(f"tile_{key}")
        self.setMinimumSize(180, 88)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        bg, fg = TONES[tone]
        self.setStyleSheet(
            f"QPushButton#tile_{key} {{ background: {bg}; border: 1px solid {fg}66; border-radius: 6px; }}"
            f"QPushButton#tile_{key}:hover {{ border: 2px solid {fg}; }}"
            f"QPushButton#tile_{key} QLabel {{ color: {fg}; background: transparent; }}")
        self.number = QLabel("…")
        self.number.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.caption = QLabel(title)
        self.caption.setStyleSheet("font-size: 10.5pt;")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 8, 14, 8)
        box.setSpacing(0)
        for label in (self.number, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(label)
        self.set_count(0)

    def set_count(self, n: int | None) -> None:
        self.count = n or 0
        self.number.setText("…" if n is None else str(n))
        self.setAccessibleName(f"{self.title}: {self.number.text()}")


class WorkbenchPage(Page):
    """工作台. ``open_list(filters)`` shows the pledges list filtered (the main window provides it)."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 open_list: Callable[[dict[str, str]], Any] | None = None, task_runner: TaskRunner | None = None,
                 on: Callable[[], date] | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_workbench")
        self.workstation = workstation
        self.lang = lang
        self.open_list = open_list
        self._runner = task_runner or runner()
        self._on = on
        self._generation = 0
        self.data: dict[str, Any] = {}

        title = QLabel(self.tr("工作台"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #607d8b;")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.subtitle)
        head.addStretch(1)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)

        titles = {
            "overdue": self.tr("已逾期的申请"),
            "due_today": self.tr("今天到期的申请"),
            "due_soon": self.tr("2 个工作日内到期"),
            "awaiting_correction": self.tr("待补正（等待材料）"),
            "pending": self.tr("全部待办申请"),
        }
        self.tiles: dict[str, Tile] = {}
        tiles = QHBoxLayout()
        for key, (filters, tone) in TILES.items():
            tile = Tile(key, titles[key], tone)
            tile.setToolTip(self.tr("打开质押登记列表，只显示这些申请"))
            tile.clicked.connect(lambda _c=False, f=filters: self.open_filtered(f))
            self.tiles[key] = tile
            tiles.addWidget(tile)
        # Maker-checker: an approver sees the decisions others prepared, to confirm or return.
        self.approver = may(workstation.actor, Action.CONFIRM_DECISION)
        self.decisions_panel: DecisionsPanel | None = None
        if self.approver:
            tile = Tile("awaiting_approval", self.tr("待审核的决定"), "warn")
            tile.setToolTip(self.tr("他人提交、等待你确认或退回的决定"))
            tile.clicked.connect(lambda _c=False: self.decisions_panel and self.decisions_panel.table.setFocus())
            self.tiles["awaiting_approval"] = tile
            tiles.addWidget(tile)
            self.decisions_panel = DecisionsPanel(workstation, lang, self, task_runner=self._runner)
            self.decisions_panel.decided.connect(self.refresh)
        tiles.addStretch(1)

        self.model = PendingModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("table_workbench")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultSectionSize(140)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.message = QLabel()
        self.message.setStyleSheet("color: #607d8b;")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addLayout(tiles)
        if self.decisions_panel is not None:
            layout.addWidget(self.decisions_panel)
        section = QLabel(self.tr("待办申请（按剩余工作日排列，双击打开）"))
        section.setStyleSheet("font-weight: bold; padding-top: 8px;")
        layout.addWidget(section)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.refresh()

    # ---- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        from ipdesk.services.pledges.queries import workbench

        self._generation += 1
        self._started = time.monotonic()
        generation = self._generation
        on = self._on() if self._on else None
        self.message.setText(self.tr("正在读取…"))
        for tile in self.tiles.values():
            tile.set_count(None)

        def done(data: dict[str, Any]) -> None:
            if generation == self._generation and shiboken6.isValid(self.table):
                self.present(data)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.message):
                self.message.setText(self.tr("无法读取待办事项：{error}").format(error=str(exc) or type(exc).__name__))

        workstation, approver = self.workstation, self.approver

        def read() -> dict[str, Any]:
            data = workbench(workstation.engine, on, clock=workstation.clock)
            return {**data, "decisions": workstation.pledges.decisions() if approver else []}

        self._runner.run(
            read,
            on_result=done,
            on_error=failed,
            name="workbench",
        )

    def present(self, data: dict[str, Any]) -> None:
        self.data = data
        pending = data.get("pending", [])
        soon = [p for p in pending if p.get("days_left") is not None and 0 <= p["days_left"] <= 2]
        counts = {
            "overdue": len(data.get("overdue", [])),
            "due_today": len(data.get("due_today", [])),
            "due_soon": len(soon),
            "awaiting_correction": len(data.get("awaiting_correction", [])),
            "pending": len(pending),
            "awaiting_approval": len(data.get("decisions", [])),
        }
        for key, tile in self.tiles.items():
            tile.set_count(counts[key])
        self.model.set_rows(pending)
        if self.decisions_panel is not None:
            self.decisions_panel.set_decisions(data.get("decisions", []))
        self.message.setText("" if pending else self.tr("没有待办的申请。"))
        self.message.setVisible(not pending)
        when = self._on() if self._on else self.workstation.clock.today()
        self.subtitle.setText(esc(self.tr("{date}　待办 {n} 件").format(date=format_date(when), n=len(pending))))

    # ---- opening the list ------------------------------------------------------------------------

    def open_filtered(self, filters: dict[str, str]) -> None:
        if self.open_list is not None:
            self.open_list(dict(filters))

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_filtered({"search": str(self.model.row_data(row)["application_no"])})

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:  # not again right after the first load
            self.refresh()
