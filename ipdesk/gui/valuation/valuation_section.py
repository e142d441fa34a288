"""The valuation sections of the detail panes: a right's (current value, latest value-analysis sheet, history,
"新增评估…") and a pledge's (the loan-to-value line above the same view of its rights' valuations). They are
:class:`DetailSection` parts that ``ipdesk.gui.areas`` gives the panes, so the register imports no valuation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.valuation.ltv import LtvAssessment
from ipdesk.domain.valuation.scoresheet import DEGREE_LABELS, Degree, ValueAnalysis, WeightSet
from ipdesk.domain.valuation.valuation import METHOD_LABELS, Valuation, current, latest
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.rich_text import badge_html, esc, pick
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.valuation.ltv_line import ltv_html
from ipdesk.gui.valuation.valuation_models import ValuationHistoryModel

TABLE_ROWS = 5  # rows shown before the history table scrolls


class ValuationView(QWidget):
    """The current value, the latest sheet, the history table and the button that opens the form.

    Signals:
        saved(object): a valuation was recorded from this view.
    """

    saved = Signal(object)

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 scoring: bool = False):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.rights: list[str] = []
        self.valuations: list[Valuation] = []
        self.weight_sets: list[WeightSet] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("valuationSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.analysis = QLabel()
        self.analysis.setObjectName("valueAnalysis")
        self.analysis.setWordWrap(True)
        layout.addWidget(self.analysis)
        self.model = ValuationHistoryModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("valuationHistory")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增评估…"))
        self.add_button.setObjectName("addValuation")
        self.add_button.setToolTip(self.tr("记录一次评估或重新评估（历史保留）"))
        self.add_button.clicked.connect(self.open_form)
        buttons.addWidget(self.add_button)
        self.score_button = QPushButton(self.tr("价值分析评分…"))
        self.score_button.setObjectName("scoreSheet")
        self.score_button.setToolTip(self.tr("按法律、技术、经济三项价值度的各项指标评分，得出专利价值度"))
        self.score_button.clicked.connect(self.open_score_sheet)
        buttons.addWidget(self.score_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.setVisible(may(workstation.actor, Action.RECORD_VALUATION))
        # a sheet scores one right: the pledge's view (several rights) offers no sheet
        self.score_button.setVisible(scoring and may(workstation.actor, Action.RECORD_VALUATION))

    def set_data(self, rights: Sequence[str], valuations: Sequence[Valuation],
                 analyses: Sequence[ValueAnalysis], today: date, weight_sets: Sequence[WeightSet] = ()) -> None:
        """Show ``valuations`` (every one of the rights, history included) and the newest of ``analyses``;
        ``weight_sets`` (the office's value-analysis weights) go to the score sheet."""
        self.rights = list(rights)
        self.valuations = list(valuations)
        self.weight_sets = list(weight_sets)
        self.model.set_valuations(valuations, today)
        rows = min(max(len(valuations), 1), TABLE_ROWS)
        self.table.setVisible(bool(valuations))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 4
                                  + self.table.horizontalScrollBar().sizeHint().height()
                                  + rows * self.table.verticalHeader().defaultSectionSize())
        self.table.resizeColumnsToContents()
        self.summary.setText(self.summary_html(valuations, today))
        sheet = analyses[0] if analyses else None
        self.analysis.setVisible(sheet is not None)
        if sheet is not None:
            sep = "，" if self.lang == "zh" else ", "
            degrees = sep.join(f"{pick(DEGREE_LABELS[d], self.lang)} {sheet.result.degrees[d.value]}" for d in Degree)
            self.analysis.setText(self.tr("价值度 {value}（{degrees}；{date} 评分）").format(
                value=sheet.value_degree, degrees=degrees, date=format_date(sheet.scored_on)))

    def summary_html(self, valuations: Sequence[Valuation], today: date) -> str:
        now = current(valuations, today)
        if now is None:
            last = latest(valuations)
            if last is None:
                return badge_html(self.tr("没有评估记录"), "muted", mark=False)
            return badge_html(self.tr("评估已于 {date} 过期，请重新评估").format(date=format_date(last.valid_until)),
                              "warn")
        text = self.tr("{value} 元（{method}，基准日 {date}，有效期至 {until}）").format(
            value=format_money(now.value), method=pick(METHOD_LABELS[now.method], self.lang),
            date=format_date(now.value_date), until=format_date(now.valid_until))
        forced = ""
        if now.forced_sale_value is not None:
            forced = "<br>" + esc(self.tr("快速变现价值：{value} 元").format(value=format_money(now.forced_sale_value)))
        head = self.tr("当前评估：")
        return f"<b>{esc(head)}</b>{esc(text)}{forced}"

    def open_form(self) -> None:
        from ipdesk.gui.valuation.valuation_form import ValuationForm

        form = ValuationForm(self.workstation, self.rights, parent=self, lang=self.lang)
        form.saved.connect(self.saved)
        form.open()
        self.form = form

    def open_score_sheet(self) -> None:
        from ipdesk.gui.valuation.score_sheet_form import ScoreSheetForm

        if not self.rights:  # the pane has not shown a right yet
            return
        form = ScoreSheetForm(self.workstation, self.rights[0], valuations=self.valuations,
                              weight_sets=self.weight_sets, parent=self, lang=self.lang)
        form.saved.connect(self.saved)
        form.open()
        self.score_form = form


class RightValuationSection(DetailSection):
    """A right's valuations (its packages' included) and value-analysis sheets."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.title = self.tr("评估")
        self.workstation = workstation
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = ValuationView(workstation, lang, scoring=True)
        self.view.saved.connect(lambda _v: self.reload_requested.emit())
        layout.addWidget(self.view)

    def load(self, record_id: Any) -> tuple[list[Valuation], list[ValueAnalysis], list[WeightSet]]:  # worker
        return (self.workstation.valuation.for_right(record_id),
                self.workstation.value_analysis.for_right(record_id),
                self.workstation.value_analysis.weight_sets())

    def present(self, data: tuple[list[Valuation], list[ValueAnalysis], list[WeightSet]], record: Any) -> None:
        valuations, analyses, weight_sets = data
        self.view.set_data([record.display_number], valuations, analyses, self.workstation.clock.today(),
                           weight_sets)


class PledgeValuationSection(DetailSection):
    """A pledge's loan-to-value line (secured amount ÷ current value, the cap, the warnings) and the
    valuations of its rights; "新增评估…" opens the form with all of them (a package)."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.title = self.tr("评估与质押率")
        self.workstation = workstation
        self.lang = lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.ltv = QLabel()
        self.ltv.setObjectName("pledgeLtv")
        self.ltv.setTextFormat(Qt.TextFormat.RichText)
        self.ltv.setWordWrap(True)
        self.ltv.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.ltv)
        self.view = ValuationView(workstation, lang)
        self.view.saved.connect(lambda _v: self.reload_requested.emit())
        layout.addWidget(self.view)

    def load(self, record_id: Any) -> tuple[LtvAssessment, list[Valuation]]:  # worker thread
        valuation = self.workstation.valuation
        seen: dict[int, Valuation] = {}
        for right in self.workstation.pledges.get(record_id).rights:
            for v in valuation.for_right(right.right_id):
                seen.setdefault(v.id, v)
        return valuation.pledge_ltv(record_id), list(seen.values())

    def present(self, data: tuple[LtvAssessment, list[Valuation]] | None, record: Any) -> None:
        if data is None:
            return
        line, valuations = data
        self.ltv.setText(ltv_html(line, self.lang))
        self.view.set_data([r.display_number for r in record.rights], valuations, [],
                           self.workstation.clock.today())
