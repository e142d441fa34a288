"""The 风险预警 area: the open early-warning signals, most severe first, filtered by severity and rule; a
signal selected shows its explanation and the actions taken; 备注 / 叫停 / 催收 act on it (``run_op``). Below, a
chart of the signals open over the last weeks or days, by severity.

The page scans when it is shown and every ten minutes while the app runs (incremental within a day: only
the pledges whose records changed), in the single writer thread, then reads the list in a reader thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.risk.rules import RULE_LABELS, SEVERITY_LABELS, RuleCode, Severity
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.rich_text import esc, pick
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.risk.signals_chart import SignalsChart
from ipdesk.gui.risk.signals_model import SignalsModel, detail_text, explanation, rule_label
from ipdesk.gui.tasks import TaskRunner, runner

SCAN_EVERY_MS = 10 * 60 * 1000
#: The chart's spans: how many points, a day or a week apart.
SPANS = {"12w": (12, "week"), "30d": (30, "day")}


class RiskPage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None, scan_every_ms: int = SCAN_EVERY_MS,
                 open_case: Callable[[Any], Any] | None = None):
        """``open_case(signal)``: how a signal becomes a disposal case (the areas wire it: risk sits below
        disposal, so the page only calls it)."""
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_risk")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0

        title = QLabel(self.tr("风险预警"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.severity = QComboBox()
        self.severity.setObjectName("riskSeverity")
        self.severity.setAccessibleName(self.tr("级别"))
        self.severity.addItem(self.tr("全部级别"), "")
        for sev in (Severity.CRITICAL, Severity.WARNING, Severity.INFO):
            self.severity.addItem(pick(SEVERITY_LABELS[sev], lang), sev.value)
        self.rule = QComboBox()
        self.rule.setObjectName("riskRule")
        self.rule.setAccessibleName(self.tr("预警"))
        self.rule.addItem(self.tr("全部预警"), "")
        for code in RuleCode:
            self.rule.addItem(pick(RULE_LABELS[code], lang), code.value)
        self.cleared = QCheckBox(self.tr("含已解除"))
        self.span = QComboBox()
        self.span.setObjectName("riskSpan")
        self.span.setAccessibleName(self.tr("走势区间"))
        self.span.addItem(self.tr("近 12 周"), "12w")
        self.span.addItem(self.tr("近 30 天"), "30d")
        self.span.currentIndexChanged.connect(lambda _i: self.reload())
        for widget in (self.severity, self.rule):
            widget.currentIndexChanged.connect(lambda _i: self.reload())
        self.cleared.toggled.connect(lambda _c: self.reload())
        scan = QPushButton(self.tr("立即扫描"))
        scan.setObjectName("riskScan")
        scan.clicked.connect(self.refresh)
        self.buttons: dict[str, QPushButton] = {}
        for action, text in (("note", self.tr("备注…")), ("halt", self.tr("叫停…")), ("collect", self.tr("催收…"))):
            button = QPushButton(text)
            button.setObjectName(f"risk_{action}")
            button.setEnabled(False)
            button.setVisible(may(workstation.actor, Action.ACT_ON_SIGNALS))
            button.clicked.connect(lambda _c=False, a=action: self.ask_and_act(a))
            self.buttons[action] = button
        self._open_case = open_case
        self.dispose_button = QPushButton(self.tr("启动处置…"))
        self.dispose_button.setObjectName("risk_dispose")
        self.dispose_button.setEnabled(False)
        self.dispose_button.setVisible(open_case is not None and may(workstation.actor, Action.MANAGE_DISPOSAL))
        self.dispose_button.clicked.connect(self.open_case)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        for widget in (self.severity, self.rule, self.cleared, self.span):
            head.addWidget(widget)
        head.addStretch(1)
        for widget in (*self.buttons.values(), self.dispose_button, scan):
            head.addWidget(widget)

        self.summary = QLabel()
        self.summary.setObjectName("riskSummary")
        self.model = SignalsModel(lang, self)
        self.table = QTableView(self)
        self.table.setObjectName("riskSignals")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.explain = QLabel()
        self.explain.setObjectName("riskExplanation")
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: #37474f; padding: 4px 0;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explain)
        self.chart = SignalsChart(lang, self)
        layout.addWidget(self.chart)
        self.timer = QTimer(self)
        self.timer.setInterval(scan_every_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # ---- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Scan (in the writer thread), then read the list."""
        self._started = time.monotonic()
        risk = self.workstation.risk
        self.summary.setText(self.tr("正在扫描…"))

        def failed(exc: BaseException, _tb: str) -> None:
            if shiboken6.isValid(self.summary):
                self.summary.setText(self.tr("扫描失败：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(risk.scan, on_result=lambda _r: shiboken6.isValid(self) and self.reload(),
                         on_error=failed, name="risk scan", write=True)

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        risk = self.workstation.risk
        severity = self.severity.currentData() or None
        rule = self.rule.currentData() or None
        open_only = not self.cleared.isChecked()
        points, step = SPANS[self.span.currentData()]

        def load() -> tuple[list[Any], Any, list[Any]]:
            signals = risk.signals(open_only=open_only, severity=Severity(severity) if severity else None, rule=rule)
            return signals, risk.rules().on(self.workstation.clock.today()), risk.open_over_time(points, step)

        def done(data: tuple[list[Any], Any, list[Any]]) -> None:
            if generation == self._generation and shiboken6.isValid(self.table):
                self.present(*data)

        self._runner.run(load, on_result=done, name="risk signals")

    def present(self, signals: list[Any], rule_set: Any = None, history: list[Any] | None = None) -> None:
        if rule_set is not None:
            self.model.rule_set = rule_set
        if history is not None:
            self.chart.set_points(history)
        self.model.set_signals(signals)
        self.table.resizeColumnsToContents()
        by = {sev: sum(1 for s in signals if s.severity is sev and s.cleared_on is None) for sev in Severity}
        self.summary.setText(self.tr("严重 {critical}　警告 {warning}　提示 {info}（共 {n} 条）").format(
            critical=by[Severity.CRITICAL], warning=by[Severity.WARNING], info=by[Severity.INFO], n=len(signals)))
        self._selection_changed()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.signal(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        signal = self.selected()
        for action, button in self.buttons.items():
            button.setEnabled(signal is not None and (action == "note" or signal.cleared_on is None))
        self.dispose_button.setEnabled(signal is not None and signal.cleared_on is None)
        if signal is None:
            self.explain.setText("")
            return
        lines = [f"<b>{esc(rule_label(signal.rule, self.lang))}</b>　"
                 f"{esc(explanation(self.model.rule_set, signal.rule, self.lang) or '')}",
                 esc(detail_text(signal.detail, self.lang))]
        lines += [esc(f"{a['on']}　{a['actor']}　{a['action']}　{a['text']}") for a in signal.actions]
        self.explain.setText("<br>".join(line for line in lines if line))

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    # ---- acting ----------------------------------------------------------------------------------

    def ask_and_act(self, action: str) -> None:
        signal = self.selected()
        if signal is None:
            return
        label = {"note": self.tr("备注"), "halt": self.tr("叫停：说明理由（将叫停该质押担保的全部未结贷款）"),
                 "collect": self.tr("催收：说明催收方式")}[action]
        text, ok = QInputDialog.getMultiLineText(self, self.buttons[action].text().rstrip("…"), label)
        if ok:
            self.act(action, text)

    def open_case(self) -> Any:
        """启动处置 on the selected signal's pledge (the case form; the service checks the loan is in default)."""
        signal = self.selected()
        if signal is None or self._open_case is None:
            return None
        return self._open_case(signal)

    def act(self, action: str, text: str) -> None:
        from ipdesk.gui.ops import run_op

        signal = self.selected()
        if signal is None:
            return
        ws = self.workstation
        run_op(self, lambda: ws.risk.act(ws.actor, signal.id, action, text), on_done=lambda _r: self.reload(),
               title=self.buttons[action].text().rstrip("…"), task_runner=self._runner)
