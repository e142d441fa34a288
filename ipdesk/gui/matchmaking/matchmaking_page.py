"""The 银企对接 area: the matchmaking events (lazy, with their totals), the selected event's detail — its
credit lines and totals — and the lines' actions: approve, withdraw, and 转为质押申请, which files the line as
a pledge application pre-filled from it and opens that application in the pledge register. Commands run
through ``run_op`` (the writer thread); reads in the reader pool."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.matchmaking.lines import LineStatus, performance_deadline
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.matchmaking.models import LinesModel, event_model
from ipdesk.gui.tasks import TaskRunner, runner

#: Opens a filed application in the pledge register: (pledge id, application number).
OpenApplication = Callable[[int, str], None]


def _table(name: str, model: Any, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(BadgeDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class MatchmakingPage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None, open_application: OpenApplication | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_matchmaking")
        self.workstation, self.lang = workstation, lang
        self.open_application = open_application
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0
        self.event_id: int | None = None
        self.shown_event: Any = None
        self.form: Any = None

        title = QLabel(self.tr("银企对接"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.search = QLineEdit()
        self.search.setObjectName("matchSearch")
        self.search.setPlaceholderText(self.tr("对接会编号、名称、主办单位或地区"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.events.set_search(text))
        manage = may(workstation.actor, Action.MANAGE_MATCHMAKING)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.search, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, shown in (
                ("event", self.tr("新建对接会…"), self.new_event, manage),
                ("line", self.tr("新增授信…"), self.new_line, manage),
                ("approve", self.tr("批准"), lambda: self._move("approve"), manage),
                ("withdraw", self.tr("撤回"), lambda: self._move("withdraw"), manage),
                ("convert", self.tr("转为质押申请…"), self.convert_line,
                 manage and may(workstation.actor, Action.REGISTER_PLEDGE))):
            button = QPushButton(text)
            button.setObjectName(f"match_{key}")
            button.clicked.connect(slot)
            button.setVisible(shown)
            self.buttons[key] = button
            head.addWidget(button)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)

        self.events = event_model(workstation.matchmaking.event_source(), lang, self._runner, self)
        self.table = _table("matchEvents", self.events, self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._event_selected())
        # Tens of events: sizing the columns to the rows once they are read is cheap (the count comes first;
        # its first page is asked for right after it, so wait for that in the next turn of the loop).
        self.events.loaded.connect(lambda: QTimer.singleShot(0, lambda: self.events.when_idle(self._size_events)))
        self.heading = QLabel()
        self.heading.setObjectName("matchEventHeading")
        self.heading.setStyleSheet("font-weight: bold; color: #263238;")
        self.totals = QLabel()
        self.totals.setObjectName("matchTotals")
        self.totals.setStyleSheet("color: #37474f;")
        self.lines = LinesModel(lang, self)
        self.line_table = _table("matchLines", self.lines, self)
        self.line_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.message = QLabel()
        self.message.setObjectName("matchMessage")
        self.message.setStyleSheet("color: #607d8b;")
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.totals)
        box.addWidget(self.line_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([170, 470])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.present(None)

    # ---- reading ---------------------------------------------------------------------------------

    def _size_events(self) -> None:
        if shiboken6.isValid(self.table):
            self.table.resizeColumnsToContents()

    def refresh(self) -> None:
        self._started = time.monotonic()
        self.events.refresh()
        self.load_event()

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    def can_create(self) -> bool:
        return self.buttons["event"].isVisible()

    def new_record(self) -> None:
        self.new_event()

    def _event_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.event_id = self.events.row_id(rows[0].row()) if rows else None
        self.load_event()

    def select_event(self, event_id: int) -> None:
        """Show ``event_id`` (a new event: the list reads it first, the latest held first)."""
        self.event_id = event_id
        self.events.when_idle(lambda: self._select_row(event_id))
        self.load_event()

    def _select_row(self, event_id: int) -> None:
        row = self.events.find_row(event_id)
        if row >= 0 and shiboken6.isValid(self.table):
            self.table.selectRow(row)

    def load_event(self) -> None:
        """The selected event with its lines and totals, read in the reader pool."""
        self._generation += 1
        generation, event_id, mm = self._generation, self.event_id, self.workstation.matchmaking
        if event_id is None:
            self.present(None)
            return

        def done(event: Any) -> None:
            if generation == self._generation and shiboken6.isValid(self.lines):
                self.present(event)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.message):
                self.message.setText(self.tr("无法读取对接会：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(lambda: mm.get(event_id), on_result=done, on_error=failed, name="matchmaking event")

    def present(self, event: Any) -> None:
        self.shown_event = event
        if event is None:
            self.heading.setText(self.tr("选择一次对接会查看授信明细"))
            self.totals.setText("")
            self.lines.set_lines([])
        else:
            parts = [event.event_no, event.name, format_date(event.held_on), event.organiser, event.region]
            self.heading.setText("　".join(p for p in parts if p))
            t = event.totals
            self.totals.setText(self.tr("合计：{firms} 家企业、{patents} 件专利、{banks} 家银行，授信 {amount} 元"
                                        "（其中已转质押申请 {converted} 元）").format(
                firms=t.firms, patents=t.patents, banks=t.banks, amount=format_money(t.amount),
                converted=format_money(t.converted_amount)))
            self.lines.set_lines(event.lines)
            self.line_table.resizeColumnsToContents()
        self._enable()

    def selected_line(self) -> Any:
        rows = self.line_table.selectionModel().selectedRows()
        return self.lines.line(rows[0].row()) if rows else None

    def select_line(self, line_id: int) -> bool:
        for row in range(self.lines.rowCount()):
            if self.lines.line(row).id == line_id:
                self.line_table.selectRow(row)
                return True
        return False

    def _enable(self) -> None:
        line = self.selected_line()
        status = line.status if line is not None else None
        self.buttons["line"].setEnabled(self.shown_event is not None)
        self.buttons["approve"].setEnabled(status is LineStatus.INTENDED)
        self.buttons["withdraw"].setEnabled(status in (LineStatus.INTENDED, LineStatus.APPROVED))
        self.buttons["convert"].setEnabled(status in (LineStatus.INTENDED, LineStatus.APPROVED))

    # ---- commands --------------------------------------------------------------------------------

    def new_event(self) -> Any:
        from ipdesk.gui.matchmaking.forms import EventForm

        form = EventForm(self.workstation, parent=self, lang=self.lang)
        form.saved.connect(lambda changed: (self.events.refresh(), self.select_event(changed.value.id)))
        form.open()
        self.form = form
        return form

    def new_line(self) -> Any:
        from ipdesk.gui.matchmaking.forms import LineForm

        if self.shown_event is None:
            return None
        form = LineForm(self.workstation, self.shown_event.event_no, parent=self, lang=self.lang)
        form.saved.connect(lambda _changed: (self.events.refresh(), self.load_event()))
        form.open()
        self.form = form
        return form

    def _move(self, action: str) -> None:
        from ipdesk.gui.ops import run_op

        line, mm, actor = self.selected_line(), self.workstation.matchmaking, self.workstation.actor
        if line is None:
            return
        command = mm.approve_line if action == "approve" else mm.withdraw_line
        run_op(self, lambda: command(actor, line.id), on_done=lambda _r: self.refresh(),
               title=self.tr("批准") if action == "approve" else self.tr("撤回"), task_runner=self._runner)

    def conversion_text(self, line: Any) -> str:
        """What the application will say, shown before it is filed."""
        deadline = performance_deadline(self.workstation.clock.today(), line.term_months)
        sep = ", " if self.lang == "en" else "、"
        return self.tr("出质人：{firm}\n质权人：{bank}\n担保债权数额：{amount} 元\n债务履行期限：{deadline}\n"
                       "出质专利：{rights}").format(firm=line.firm, bank=line.bank, amount=format_money(line.amount),
                                                  deadline=format_date(deadline), rights=sep.join(line.rights))

    def confirm_conversion(self, line: Any) -> bool:
        from ipdesk.gui import messages

        return messages.ask(self, self.tr("转为质押申请"),
                            self.tr("将授信 {line} 转为质押登记申请（今日受理）？").format(line=line.label),
                            self.conversion_text(line), yes=self.tr("转为质押申请"))

    def convert_line(self) -> None:
        """File the selected line as a pledge application pre-filled from it, then open that application."""
        from ipdesk.gui.ops import run_op

        line, mm, actor = self.selected_line(), self.workstation.matchmaking, self.workstation.actor
        if line is None or not self.confirm_conversion(line):
            return
        run_op(self, lambda: mm.convert_line(actor, line.id), on_done=self._converted,
               title=self.tr("转为质押申请"), task_runner=self._runner)

    def _converted(self, changed: Any) -> None:
        done = changed.value
        self.status_message.emit(self.tr("已将授信 {line} 转为质押申请 {no}").format(line=done.line.label,
                                                                              no=done.application_no))
        self.refresh()
        if self.open_application is not None:
            self.open_application(done.pledge_id, done.application_no)
