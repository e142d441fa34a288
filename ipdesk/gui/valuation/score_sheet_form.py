"""ScoreSheetForm: score a right's value-analysis sheet (专利价值分析, DOMAIN §12) — keyboard-first, degrees live.

The sheet's 18 sub-indicators stand in three columns, one per degree (legal, technical, economic), each label
carrying the indicator's weight in force on the scoring date (weights are data: an office's own set replaces
the built-in one from its effective date). Tab walks scoring date, the valuation the sheet goes with, then
every score column by column, then the notes; Ctrl+S saves, Esc cancels. Under each column its degree shows as
soon as all its scores are valid, the value degree once all three are; a score out of 0–100, with more than
two decimals or missing shows its message under that score and nothing is written. Saving runs
``ValueAnalysisService.score`` through ``run_op``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from ipdesk.domain.shared.problems import Problem
from ipdesk.domain.valuation.scoresheet import (
    DEGREE_LABELS,
    DEGREE_OF,
    INDICATORS,
    Degree,
    ValueAnalysis,
    WeightSet,
    check_scored_on,
    parse_score,
    parse_scores,
    partial_degrees,
    score_field,
    weights_on,
)
from ipdesk.domain.valuation.valuation import Valuation, current
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang

SCORE_WIDTH = 72  # "100.00" and a little room


def percent(weight: Decimal) -> str:
    """0.15 → "15%", 0.125 → "12.5%"."""
    text = f"{(weight * 100).normalize():f}"
    return f"{text}%"


class ScoreEdit(FieldEdit):
    """A narrow score field whose message takes a row of its own under it, as wide as the column (under a
    72-pixel field it would wrap to a word per line); ``rows`` is the column's form layout."""

    def __init__(self, rows: QFormLayout, caption: QLabel):
        super().__init__(placeholder="0–100")
        self.line_edit.setFixedWidth(SCORE_WIDTH)
        self.line_edit.setMaxLength(8)
        self.line_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        caption.setBuddy(self.line_edit)
        self.layout().removeWidget(self.error_label)
        self.rows = rows
        rows.addRow(caption, self)
        rows.addRow(self.error_label)
        rows.setRowVisible(self.error_label, False)

    def set_problems(self, problems: Sequence[Problem | str], lang: str | None = None) -> None:
        super().set_problems(problems, lang)
        self.rows.setRowVisible(self.error_label, self.has_error)


class ScoreSheetForm(FormDialog):
    """Scores a sheet of ``right`` (its display number); ``valuations`` are the right's, offered as the one the
    sheet goes with (the current one preselected); ``weight_sets`` the office's stored sets (read off the GUI
    thread by the caller), so the weights follow the scoring date without a database read here."""

    def __init__(self, workstation: Workstation, right: str, *, valuations: Sequence[Valuation] = (),
                 weight_sets: Sequence[WeightSet] = (), parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("价值分析评分"))
        self.setObjectName("ScoreSheetForm")
        self.workstation = workstation
        self.lang = lang
        self.right = right
        self.weight_sets = list(weight_sets)
        today = workstation.clock.today()
        self.add_row(form_label(self.tr("评估权利"), lang=lang), QLabel(right))
        self.scored_on = DateEdit()
        self.scored_on.setDate(today)
        self.add_field("scored_on", form_label(self.tr("评分日期"), True, lang), self.scored_on,
                       hint=self.tr("按该日生效的权重计算；不能晚于今天"))
        self.valuation = QComboBox()
        self.valuation.setObjectName("sheetValuation")
        self.valuation.addItem(self.tr("（不关联评估记录）"), None)
        for v in sorted(valuations, key=lambda v: (v.value_date, v.id), reverse=True):
            self.valuation.addItem(self.tr("{value} 元，基准日 {date}").format(
                value=format_money(v.value), date=format_date(v.value_date)), v.id)
        now = current(valuations, today)
        if now is not None:
            self.valuation.setCurrentIndex(self.valuation.findData(now.id))
        self.add_field("valuation", form_label(self.tr("关联评估"), lang=lang), self.valuation)

        columns = QHBoxLayout()
        self.scores: dict[str, FieldEdit] = {}
        self.score_labels: dict[str, QLabel] = {}
        self.degree_labels: dict[str, QLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        for degree in Degree:
            group = QGroupBox(pick(DEGREE_LABELS[degree], lang))
            group.setObjectName(f"degree_{degree.value}")
            rows = QFormLayout(group)
            rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            for code in INDICATORS[degree]:
                caption = QLabel()
                edit = ScoreEdit(rows, caption)
                edit.setObjectName(f"score_{code}")
                self.fields[score_field(code)] = edit
                self.connect_changes(score_field(code), edit)
                self.scores[code] = edit
                self.score_labels[code] = caption
            line = QLabel()
            line.setObjectName(f"degreeValue_{degree.value}")
            line.setTextFormat(Qt.TextFormat.RichText)
            rows.addRow(line)
            self.degree_labels[degree.value] = line
            self.groups[degree.value] = group
            columns.addWidget(group, 1, Qt.AlignmentFlag.AlignTop)
        outer = self.layout()
        outer.insertLayout(1, columns)  # type: ignore[attr-defined]
        self.value_label = QLabel()
        self.value_label.setObjectName("valueDegree")
        self.value_label.setTextFormat(Qt.TextFormat.RichText)
        outer.insertWidget(2, self.value_label)  # type: ignore[attr-defined]
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # keyboard-first: Tab leaves the notes for Save
        self.notes.setMaximumHeight(54)
        self.notes_form = QFormLayout()
        self.notes_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.insertLayout(3, self.notes_form)  # type: ignore[attr-defined]
        self.notes_form.addRow(form_label(self.tr("备注"), lang=lang), self.notes)
        self.connect_changes("notes", self.notes)
        chain: list[QWidget] = [self.scored_on.line_edit, self.valuation]
        chain += [e.line_edit for e in self.scores.values()] + [self.notes]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.scored_on.textChanged.connect(lambda _t: self.refresh())
        self.refresh()
        self.mark_clean()

    # --- live degrees --------------------------------------------------------------------------------

    def weights(self) -> WeightSet:
        day, _problems = check_scored_on(self.scored_on.iso_text(), self.workstation.clock.today())
        return weights_on(self.weight_sets, day or self.workstation.clock.today())

    def edited(self, name: str) -> None:
        super().edited(name)
        if name.startswith("scores."):
            self.refresh()

    def refresh(self) -> None:
        """The weights in the captions, each degree and the value degree from the valid scores so far."""
        weights = self.weights()
        sep = "（" if self.lang == "zh" else " ("
        end = "）：" if self.lang == "zh" else "):"
        for code, caption in self.score_labels.items():
            label = pick(INDICATORS[DEGREE_OF[code]][code], self.lang)
            caption.setText(f"{label}{sep}{percent(weights.indicators[code])}{end}")
        valid = {code: score for code, edit in self.scores.items()
                 if (score := parse_score(edit.text())) is not None}
        degrees, value = partial_degrees(valid, weights)
        for degree in Degree:
            got = degrees[degree.value]
            shown = f"<b>{got}</b>" if got is not None else "—"
            self.degree_labels[degree.value].setText(self.tr("{degree}：{value}（权重 {weight}）").format(
                degree=pick(DEGREE_LABELS[degree], self.lang), value=shown,
                weight=percent(weights.degrees[degree.value])))
        shown = f"<b style='font-size:15pt'>{value}</b>" if value is not None else "—"
        self.value_label.setText(self.tr("专利价值度：{value}　（权重自 {date} 起生效）").format(
            value=shown, date=format_date(weights.effective_from)))

    # --- the form ------------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "right": self.right,
            "valuation": self.valuation.currentData(),
            "scored_on": self.scored_on.iso_text(),
            "scores": {code: edit.text().strip() for code, edit in self.scores.items()},
            "notes": self.notes.toPlainText().strip(),
        }

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        problems = check_scored_on(data["scored_on"], self.workstation.clock.today())[1]
        return problems + parse_scores(data["scores"])[1]

    def save(self, data: dict[str, Any]) -> ValueAnalysis:  # writer thread
        return self.workstation.value_analysis.score(self.workstation.actor, data)


