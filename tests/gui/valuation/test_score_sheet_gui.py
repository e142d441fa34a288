"""The value-analysis score sheet in the GUI on a real SQLite database: filled from the keyboard with the
degrees shown live, a score out of range shown under its field with nothing written, the stored sheet's
degrees; the weights in the captions follow the scoring date; reached from the right's valuation pane."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.valuation.scoresheet import DEGREE_OF, INDICATORS, Degree, score_field
from ipdesk.gui import i18n
from ipdesk.gui.areas import right_sections
from ipdesk.gui.registry.rights_page import RightDetailPane
from ipdesk.gui.valuation.score_sheet_form import ScoreSheetForm, percent
from ipdesk.services.workstation import Workstation
from ipdesk.storage.valuation.tables import ValueAnalysisRow
from tests.helpers.factories import ADMIN, make_uscc, pledge_world


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture
def world(ws: Workstation) -> dict:
    world = pledge_world(ws)
    world["evaluator"] = ws.parties.create(ADMIN, {"kind": "evaluator", "name": "镇江中诚资产评估有限公司",
                                                   "uscc": make_uscc(700)})
    return world


def sheets(ws: Workstation) -> int:
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(ValueAnalysisRow)).scalar_one())


def test_weights_show_as_percentages() -> None:
    assert percent(Decimal("0.15")) == "15%" and percent(Decimal("0.125")) == "12.5%"
    assert percent(Decimal("1")) == "100%"


def test_the_sheet_is_scored_from_the_keyboard_with_the_degrees_live(qtbot, ws, world):
    number = world["right"].display_number
    form = ScoreSheetForm(ws, number)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=3000)
    assert form.focusWidget() is form.scored_on.line_edit and form.scored_on.iso_text() == "2026-12-01"
    assert "稳定性（20%）" in form.score_labels["stability"].text()
    qtbot.keyClick(form.scored_on.line_edit, Qt.Key.Key_Tab)  # into the valuation choice
    qtbot.keyClick(form.valuation, Qt.Key.Key_Tab)  # into the first score
    scores = {code: "80" for code in DEGREE_OF} | {"stability": "90", "market_use": "60.5"}
    legal = list(INDICATORS[Degree.LEGAL])
    for code in legal:  # the legal column first: its degree appears as soon as it is complete
        assert "—" in form.degree_labels["legal"].text()
        focused = QApplication.focusWidget()
        qtbot.keyClicks(focused, scores[code])
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert "<b>82.00</b>" in form.degree_labels["legal"].text()  # 0.20 × 90 + 0.80 × 80
    assert "—" in form.value_label.text()
    rest = [c for c in DEGREE_OF if c not in legal]
    for code in rest:
        focused = QApplication.focusWidget()
        assert focused is form.scores[code].line_edit, code
        qtbot.keyClicks(focused, scores[code])
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.notes  # the notes after the last score
    form.notes.insertPlainText("年费按期缴纳")  # Chinese comes through the input method, not keys
    assert "<b>75.13</b>" in form.degree_labels["economic"].text()  # 0.25 × 60.5 + 0.75 × 80
    assert ">79.34</b>" in form.value_label.text()  # 0.4 × 82 + 0.3 × 80 + 0.3 × 75.125
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    sheet = saved.args[0]
    stored = ws.value_analysis.get(sheet.id)
    assert stored.right_id == world["right"].id and stored.valuation_id is None
    assert stored.scores["stability"] == Decimal("90") and stored.scores["market_use"] == Decimal("60.5")
    assert stored.result.degrees == {"legal": Decimal("82.00"), "technical": Decimal("80.00"),
                                     "economic": Decimal("75.13")}
    assert stored.value_degree == Decimal("79.34") and stored.notes == "年费按期缴纳" and sheets(ws) == 1


def test_a_score_out_of_range_is_shown_under_its_field_and_nothing_is_written(qtbot, ws, world):
    form = ScoreSheetForm(ws, world["right"].display_number)
    qtbot.addWidget(form)
    form.show()
    for edit in form.scores.values():
        edit.setText("70")
    form.scores["maturity"].setText("101")
    form.scores["policy_fit"].setText("50.555")
    form.scores["dependency"].setText("")
    form.scored_on.setText("2026-12-02")
    form.submit()
    assert "成熟度的得分应为 0–100" in form.fields[score_field("maturity")].error_label.text()
    assert "最多两位小数" in form.fields[score_field("policy_fit")].error_label.text()
    assert "缺少指标：依赖性" in form.fields[score_field("dependency")].error_label.text()
    assert "不能晚于今天" in form.fields["scored_on"].error_label.text()
    assert not form.fields[score_field("stability")].has_error
    assert "—" in form.degree_labels["technical"].text() and "<b>70.00</b>" not in form.value_label.text()
    assert form.banner.isVisible() and form.isVisible() and sheets(ws) == 0
    assert form.focusWidget() is form.scored_on.line_edit  # the first problem has the cursor
    i18n.install_translators("en")
    try:
        form.validate_now(show_all=True)
        assert "the score of Maturity must be from 0 to 100" in form.fields[score_field("maturity")].error_label.text()
    finally:
        i18n.install_translators("zh_CN")


def test_the_weights_follow_the_scoring_date(qtbot, ws, world):
    indicators = {c: "0.1" for c in DEGREE_OF}
    for degree in Degree:  # the first indicator of each degree takes the rest of its weight
        codes = list(INDICATORS[degree])
        indicators[codes[0]] = str(Decimal(1) - Decimal("0.1") * (len(codes) - 1))
    ws.value_analysis.add_weight_set(ADMIN, {"effective_from": "2026-06-01", "indicators": indicators,
                                             "degrees": {"legal": "0.5", "technical": "0.25", "economic": "0.25"}})
    form = ScoreSheetForm(ws, world["right"].display_number, weight_sets=ws.value_analysis.weight_sets())
    qtbot.addWidget(form)
    form.show()
    assert "稳定性（40%）" in form.score_labels["stability"].text()
    assert "权重 50%" in form.degree_labels["legal"].text() and "2026-06-01" in form.value_label.text()
    form.scored_on.setText("2026-05-31")
    assert "稳定性（20%）" in form.score_labels["stability"].text() and "2012-01-01" in form.value_label.text()


def test_the_pane_opens_the_sheet_with_the_current_valuation_and_shows_the_saved_degree(qtbot, ws, world):
    number = world["right"].display_number
    ws.valuation.add(ADMIN, {"rights": [number], "evaluator": world["evaluator"].id, "method": "income",
                             "value": "6000000", "value_date": "2026-11-20"})
    pane = RightDetailPane(ws, "zh", sections=right_sections(ws, "zh"))
    qtbot.addWidget(pane)
    pane.record_id = world["right"].id
    pane.present(pane.load(world["right"].id))
    view = pane.sections[0].view  # type: ignore[attr-defined]
    assert view.score_button.isVisibleTo(pane)
    view.open_score_sheet()
    form = view.score_form
    assert form.valuation.currentData() == ws.valuation.for_right(world["right"].id)[0].id
    assert "6,000,000.00 元" in form.valuation.currentText()
    for edit in form.scores.values():
        edit.setText("65")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: "价值度 65.00" in view.analysis.text(), timeout=10_000)
    assert ws.value_analysis.for_right(world["right"].id)[0].valuation_id == form.valuation.currentData()


def test_a_reader_sees_no_score_button(qtbot, ws, world):
    from ipdesk.domain.shared.permissions import Actor, Role

    ws.actor = Actor("auditor", Role.AUDITOR)
    pane = RightDetailPane(ws, "zh", sections=right_sections(ws, "zh"))
    qtbot.addWidget(pane)
    assert not pane.sections[0].view.score_button.isVisibleTo(pane)  # type: ignore[attr-defined]
