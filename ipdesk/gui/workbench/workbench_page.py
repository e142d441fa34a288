"""The workbench (工作台): what needs the clerk today — applications by service-level working days left
(overdue red, due today amber), correction notices awaiting documents, the overdue loans the user may
see (a tile and a table; double-click opens the pledge); for an approver, the decisions awaiting approval
(maker-checker). Each tile opens the pledges list
filtered to what it counts; a double-click on an application opens it in the list.

The numbers come from :func:`ipdesk.services.pledges.queries.workbench`, read off the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.loans.classification import CLASS_LABELS, LoanClass
from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.views import View, sees
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole, RowIdRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.rich_text import esc, pick
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.common.widgets.flow_layout import FlowLayout
from ipdesk.gui.common.workstation import Workstation, has_service
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
    "overdue_loans": ({}, "bad"),  # the overdue loans' table below (not the pledges list)
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
    wan = False  # amounts in 万元 (the toggle above the table)

    def set_wan(self, on: bool) -> None:
        self.wan = on
        if self._rows:
            col = [c[0] for c in self.columns].index("secured_amount")
            self.dataChanged.emit(self.index(0, col), self.index(len(self._rows) - 1, col))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (self.wan and role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns) and self.columns[section][0] == "secured_amount"):
            return "Secured amount (10k yuan)" if self.lang == "en" else "担保债权数额（万元）"
        return super().headerData(section, orientation, role)

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        value = row.get(key)
        if role == RowIdRole:
            return row.get("id")
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "days_left":
                return days_left_text(value, self.lang)
            if key == "secured_amount":
                return format_money(value, wan=self.wan)
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


OVERDUE_LOAN_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("overdue_days", "逾期天数", "Days overdue"),
    ("loan_no", "贷款编号", "Loan no."),
    ("classification", "五级分类", "Class"),
    ("borrower", "借款人", "Borrower"),
    ("lender", "贷款人", "Lender"),
    ("pledge_no", "质押登记号", "Pledge"),
    ("overdue_amount", "逾期金额（元）", "Overdue (yuan)"),
)


class OverdueLoansModel(RowListModel):
    """Open loans with an instalment overdue, most days overdue first (rows from ``LoanService.overdue``)."""

    columns = OVERDUE_LOAN_COLUMNS

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == RowIdRole:
            return row.get("id")
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "overdue_amount":
                return format_money(row[key])
            if key == "classification":
                return pick(CLASS_LABELS.get(row[key]), self.lang, str(row[key]))
            return "" if row.get(key) is None else str(row[key])
        if role == BadgeToneRole and key == "classification":
            return "warn" if row[key] == LoanClass.SPECIAL_MENTION else "bad"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = key in ("overdue_amount", "overdue_days")
            return int((Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        return None


def overdue_loan_rows(workstation: Workstation, on: date | None) -> list[dict[str, Any]]:
    """The overdue loans the signed-in user may see, as rows (worker thread)."""
    return [{"id": x.id, "loan_no": x.loan_no, "overdue_days": x.state.overdue_days,
             "classification": x.loan_class, "borrower": x.borrower_name, "lender": x.lender_name,
             "pledge_no": x.pledge_no, "overdue_amount": x.state.overdue_amount}
            for x in workstation.loans.overdue(workstation.actor, on)]


def extra_counts(workstation: Any, day: Any, keys: Any) -> dict[str, int]:
    """The risk and insurance tiles' counts (worker thread): critical open signals, cover ending this month."""
    import calendar
    from datetime import date

    out: dict[str, int] = {}
    if "critical_signals" in keys:
        from ipdesk.domain.risk.rules import Severity

        out["critical_signals"] = workstation.risk.count_open(Severity.CRITICAL)
    if "cover_ending" in keys:
        last = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        out["cover_ending"] = len(workstation.insurance.ending(workstation.actor, day, last))
    return out


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

    # a push button sizes itself by its own text (it has none): these follow the labels inside, so an
    # English caption is never cut off ("Due within 2 working da")
    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint().expandedTo(QSize(180, 88)) if layout else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize().expandedTo(QSize(180, 88)) if layout else super().minimumSizeHint()

    def set_count(self, n: int | None) -> None:
        self.count = n or 0
        self.number.setText("…" if n is None else str(n))
        self.setAccessibleName(f"{self.title}: {self.number.text()}")


class WorkbenchPage(Page):
    """工作台. ``open_list(filters)`` shows the pledges list filtered (the main window provides it)."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 open_list: Callable[[dict[str, str]], Any] | None = None, task_runner: TaskRunner | None = None,
                 on: Callable[[], date] | None = None, open_area: Callable[[str], Any] | None = None,
                 panels: Sequence[QWidget] = ()):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_workbench")
        self.workstation = workstation
        self.lang = lang
        self.open_list = open_list
        self.open_area = open_area
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
            "overdue_loans": self.tr("逾期贷款"),
        }
        self.tiles: dict[str, Tile] = {}
        tiles = FlowLayout()  # the tiles wrap onto a second row rather than squeeze (English captions are long)
        for key, (filters, tone) in TILES.items():
            tile = Tile(key, titles[key], tone)
            if key == "overdue_loans":
                tile.setToolTip(self.tr("显示下方的逾期贷款列表"))
                tile.clicked.connect(self.show_overdue_loans)
            else:
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
        # Annual fees of the rights in custody that fall due this week (or are overdue): a right in custody
        # never passes its due date silently. Shown where the desk has the custody service.
        self.custody_tile: Tile | None = None
        if has_service(workstation, "custody"):
            self.custody_tile = Tile("custody_week", self.tr("本周到期的托管年费"), "warn")
            self.custody_tile.setToolTip(self.tr("打开托管清单"))
            self.custody_tile.clicked.connect(lambda _c=False: self.open_area and self.open_area("custody"))
            tiles.addWidget(self.custody_tile)
        # Auctions whose (extended) close falls today, or has passed without the result being recorded.
        self.market_tile: Tile | None = None
        if has_service(workstation, "market"):
            self.market_tile = Tile("auctions_today", self.tr("今日截止的拍卖"), "warn")
            self.market_tile.setToolTip(self.tr("打开流转市场"))
            self.market_tile.clicked.connect(lambda _c=False: self.open_area and self.open_area("market"))
            tiles.addWidget(self.market_tile)
        # The critical early-warning signals and the insurance cover ending this month, where the desk has them.
        self.extra_tiles: dict[str, Tile] = {}
        for key, service, text, tone, area in (
                ("critical_signals", "risk", self.tr("严重风险预警"), "bad", "risk"),
                ("cover_ending", "insurance", self.tr("本月到期的保险保障"), "warn", "insurance")):
            if has_service(workstation, service):
                tile = Tile(key, text, tone)
                tile.clicked.connect(lambda _c=False, a=area: self.open_area and self.open_area(a))
                self.extra_tiles[key] = tile
                tiles.addWidget(tile)
        # The open disposal cases the user may see, by stage (the caption), the passed deadlines' count first.
        self.disposal_tile: Tile | None = None
        if has_service(workstation, "disposal") and sees(workstation.actor, View.DISPOSAL):
            self.disposal_tile = Tile("disposal_cases", self.tr("处置中的案件"), "info")
            self.disposal_tile.setToolTip(self.tr("打开处置案件"))
            self.disposal_tile.clicked.connect(lambda _c=False: self.open_area and self.open_area("disposal"))
            tiles.addWidget(self.disposal_tile)

        self.model = PendingModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("table_workbench")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the pledgor takes the room left over; the other columns fit their content (fit_columns)
        pledgor = [c[0] for c in PENDING_COLUMNS].index("pledgor_names")
        self.table.horizontalHeader().setSectionResizeMode(pledgor, QHeaderView.ResizeMode.Stretch)
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
        self.wan_toggle = QCheckBox(self.tr("金额以万元显示"))
        self.wan_toggle.toggled.connect(self._wan_toggled)
        above = QHBoxLayout()
        above.addWidget(section)
        above.addStretch(1)
        above.addWidget(self.wan_toggle)
        layout.addLayout(above)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.loans_title = QLabel(self.tr("逾期贷款（按逾期天数排列，双击打开所担保的质押）"))
        self.loans_title.setStyleSheet("font-weight: bold; padding-top: 8px;")
        self.loans_model = OverdueLoansModel(lang, self)
        self.loans_table = QTableView()
        self.loans_table.setObjectName("table_overdue_loans")
        self.loans_table.setModel(self.loans_model)
        self.loans_table.setItemDelegate(BadgeDelegate(self.loans_table))
        self.loans_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.loans_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.loans_table.verticalHeader().hide()
        self.loans_table.horizontalHeader().setStretchLastSection(True)
        self.loans_table.doubleClicked.connect(lambda index: self.open_loan_row(index.row()))
        layout.addWidget(self.loans_title)
        layout.addWidget(self.loans_table, 1)
        # What later contexts add below (given by ipdesk.gui.areas): the statistics' chart and deadline digest,
        # side by side; each has its own refresh, called with the workbench's.
        self.panels = list(panels)
        if self.panels:
            row = QHBoxLayout()
            for n, panel in enumerate(self.panels):
                panel.setParent(self)
                row.addWidget(panel, 2 if n == 0 and len(self.panels) > 1 else 3)
            layout.addLayout(row, 2)
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
        for extra in (self.custody_tile, self.market_tile, self.disposal_tile):
            if extra is not None:
                extra.set_count(None)
        for tile in self.extra_tiles.values():
            tile.set_count(None)
        custody = getattr(self.workstation, "custody", None)
        market = getattr(self.workstation, "market", None)
        day = on or self.workstation.clock.today()
        week_left = 6 - day.weekday()  # through Sunday

        approver = self.approver
        disposal_tile = self.disposal_tile is not None

        def load() -> dict[str, Any]:
            data = {**workbench(self.workstation.engine, on, clock=self.workstation.clock),
                    "overdue_loans": overdue_loan_rows(self.workstation, on),
                    "decisions": self.workstation.pledges.decisions() if approver else []}
            if custody is not None:
                data["custody_week"] = custody.worklist(week_left, today=day)
            if market is not None:
                end = datetime.combine(day + timedelta(days=1), dtime(0), tzinfo=self.workstation.clock.zone)
                data["auctions_today"] = market.auctions(self.workstation.actor, closing_before=end)
            data.update(extra_counts(self.workstation, day, self.extra_tiles))
            if disposal_tile:
                data["disposal"] = self.workstation.disposal.by_stage(self.workstation.actor)
            return data

        def done(data: dict[str, Any]) -> None:
            if generation == self._generation and shiboken6.isValid(self.table):
                self.present(data)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.message):
                self.message.setText(self.tr("无法读取待办事项：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(
            load,
            on_result=done,
            on_error=failed,
            name="workbench",
        )
        for panel in self.panels:
            refresh_panel = getattr(panel, "refresh", None)
            if refresh_panel is not None:
                refresh_panel()

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
            "overdue_loans": len(data.get("overdue_loans", [])),
        }
        for key, tile in self.tiles.items():
            tile.set_count(counts[key])
        if self.custody_tile is not None:
            self.custody_tile.set_count(len(data.get("custody_week", [])))
        if self.market_tile is not None:
            self.market_tile.set_count(len(data.get("auctions_today", [])))
        for key, tile in self.extra_tiles.items():
            tile.set_count(data.get(key))
        if self.disposal_tile is not None:
            self.present_disposal(data.get("disposal") or {})
        self.model.set_rows(pending)
        if self.decisions_panel is not None:
            self.decisions_panel.set_decisions(data.get("decisions", []))
        self.loans_model.set_rows(data.get("overdue_loans", []))
        self.loans_title.setVisible(bool(self.loans_model.rowCount()))
        self.loans_table.setVisible(bool(self.loans_model.rowCount()))
        self.fit_columns()
        self.message.setText("" if pending else self.tr("没有待办的申请。"))
        self.message.setVisible(not pending)
        when = self._on() if self._on else self.workstation.clock.today()
        self.subtitle.setText(esc(self.tr("{date}　待办 {n} 件").format(date=format_date(when), n=len(pending))))

    def present_disposal(self, by_stage: dict[Any, int]) -> None:
        """The tile counts the open cases; its caption names how many stand at each stage."""
        from ipdesk.domain.disposal.stages import STAGES, Stage

        assert self.disposal_tile is not None
        open_ = {s: n for s, n in by_stage.items() if n and s is not Stage.CLOSED}
        self.disposal_tile.set_count(sum(open_.values()))
        stages = "\n".join(f"{pick(STAGES[s].label, self.lang)} {n}" for s, n in open_.items())
        self.disposal_tile.caption.setText(self.tr("处置中的案件") + (f"\n{stages}" if stages else ""))

    def fit_columns(self) -> None:
        """Each column as wide as its content (the pledgor stretches over the rest)."""
        header = self.table.horizontalHeader()
        for col in range(self.model.columnCount()):
            if header.sectionResizeMode(col) != QHeaderView.ResizeMode.Stretch:
                self.table.resizeColumnToContents(col)

    def _wan_toggled(self, on: bool) -> None:
        self.model.set_wan(on)
        self.fit_columns()

    # ---- opening the list ------------------------------------------------------------------------

    def open_filtered(self, filters: dict[str, str]) -> None:
        if self.open_list is not None:
            self.open_list(dict(filters))

    def show_overdue_loans(self) -> None:
        if self.loans_model.rowCount():
            self.loans_table.setFocus()
            self.loans_table.selectRow(0)

    def open_loan_row(self, row: int) -> None:
        if 0 <= row < self.loans_model.rowCount() and self.loans_model.row_data(row).get("pledge_no"):
            self.open_filtered({"search": str(self.loans_model.row_data(row)["pledge_no"])})

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            data = self.model.row_data(row)
            self.open_filtered({"search": str(data["application_no"]), "select": str(data["id"])})

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:  # not again right after the first load
            self.refresh()
