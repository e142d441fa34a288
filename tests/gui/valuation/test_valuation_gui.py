"""Valuation in the GUI on a real SQLite database: the form (keyboard-first, messages in the UI language,
nothing written on bad input), the history and monitoring tables under the model tester, the right's and the
pledge's detail panes with the LTV line and its warning."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.gui import i18n
from ipdesk.gui.areas import pledge_sections, right_sections
from ipdesk.gui.custody.monitoring_models import MonitoringModel
from ipdesk.gui.pledges.pledge_detail import PledgeDetailPane
from ipdesk.gui.registry.rights_page import RightDetailPane
from ipdesk.gui.valuation.valuation_form import ValuationForm, split_numbers
from ipdesk.gui.valuation.valuation_models import ValuationHistoryModel
from ipdesk.services.workstation import Workstation
from ipdesk.storage.valuation.tables import ValuationRow
from tests.gui.helpers.loading import settle
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world


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


def valuations(ws: Workstation) -> int:
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(ValuationRow)).scalar_one())


def add(ws: Workstation, world: dict, value: str, on: str) -> None:
    ws.valuation.add(ADMIN, {"rights": [world["right"].display_number], "evaluator": world["evaluator"].id,
                             "method": "income", "value": value, "forced_sale_value": "1000000", "value_date": on})


def test_numbers_typed_in_one_line() -> None:
    assert split_numbers("ZL 201710601862.3、ZL 202220312345.0") == ["ZL 201710601862.3", "ZL 202220312345.0"]
    assert split_numbers("ZL 201710601862.3 ZL 202220312345.0") == ["ZL 201710601862.3", "ZL 202220312345.0"]
    assert split_numbers(" 2017106018623 , 12345678 ") == ["2017106018623", "12345678"]


def test_the_form_refuses_a_future_date_in_the_ui_language_and_writes_nothing(qtbot, ws, world):
    form = ValuationForm(ws, [world["right"].display_number])
    qtbot.addWidget(form)
    form.show()
    assert form.focusWidget() is form.value  # the right is given: the cursor waits in the value
    assert form.value_date.iso_text() == "2026-12-01"  # today on the office clock
    form.evaluator.set_party(world["evaluator"])
    qtbot.keyClicks(form.value, "5000000")
    form.value_date.setText("2026-12-02")
    form.forced_sale_value.setText("6000000")
    form.submit()
    settle(qtbot)
    assert "不能晚于今天" in form.fields["value_date"].error_label.text()
    assert "不能高于评估价值" in form.fields["forced_sale_value"].error_label.text()
    assert form.banner.isVisible() and form.isVisible() and valuations(ws) == 0
    i18n.install_translators("en")
    form.validate_now(show_all=True)
    assert "must not be after today" in form.fields["value_date"].error_label.text()
    i18n.install_translators("zh_CN")


def test_the_form_shows_a_refusal_of_the_service_under_the_field(qtbot, ws, world):
    form = ValuationForm(ws, ["ZL 202220312346.5"])  # a valid number the register does not hold
    qtbot.addWidget(form)
    form.show()
    form.evaluator.set_party(world["evaluator"])
    form.value.setText("100")
    form.submit()
    qtbot.waitUntil(lambda: form.fields["rights"].has_error, timeout=5000)
    assert "未找到权利" in form.fields["rights"].error_label.text() and valuations(ws) == 0


def test_the_form_saves_from_the_keyboard(qtbot, ws, world):
    form = ValuationForm(ws, [world["right"].display_number])
    qtbot.addWidget(form)
    form.show()
    form.evaluator.set_party(world["evaluator"])
    qtbot.keyClicks(form.value, "5000000")
    form.method.setCurrentIndex(form.method.findData("market"))
    assert form.save_button.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.save_button.animateClick()  # what Ctrl+S triggers
    record = saved.args[0]
    assert record.value == Decimal("5000000.00") and record.method.value == "market"
    assert record.valid_until == date(2027, 11, 30) and valuations(ws) == 1


def test_history_and_monitoring_models_pass_the_model_tester(qtmodeltester, ws, world):
    add(ws, world, "5000000", "2025-06-01")
    add(ws, world, "6000000", "2026-11-20")
    model = ValuationHistoryModel("zh")
    model.set_valuations(ws.valuation.for_right(world["right"].id), ws.clock.today())
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.index(0, 7).data() == "当前" and model.index(1, 7).data() == "已过期"
    assert model.index(0, 2).data() == "6,000,000.00"
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight.value
    ws.monitoring.add(ADMIN, {"right": world["right"].display_number, "kind": "invalidation",
                              "counterparty": "某某科技有限公司"})
    monitoring = MonitoringModel("en")
    monitoring.set_entries(ws.monitoring.list(world["right"].id))
    qtmodeltester.check(monitoring)
    assert monitoring.index(0, 1).data() == "Invalidation request" and monitoring.index(0, 4).data() == "Open"
    empty = ValuationHistoryModel("en")
    qtmodeltester.check(empty)


def right_pane(qtbot, ws: Workstation, lang: str = "zh") -> RightDetailPane:
    pane = RightDetailPane(ws, lang, sections=right_sections(ws, lang))
    qtbot.addWidget(pane)
    return pane


def test_the_right_pane_shows_valuations_and_monitoring(qtbot, ws, world):
    add(ws, world, "6000000", "2026-11-20")
    ws.value_analysis.score(ADMIN, {"right": world["right"].display_number,
                                    "scores": dict.fromkeys(_indicators(), "80")})
    ws.monitoring.add(ADMIN, {"right": world["right"].display_number, "kind": "litigation"})
    pane = right_pane(qtbot, ws)
    pane.record_id = world["right"].id
    pane.present(pane.load(world["right"].id))
    valuation, monitoring, fees = pane.sections  # and the annual fees (ipdesk.gui.fees)
    assert fees.model.rowCount() == 20  # type: ignore[attr-defined]
    view = valuation.view  # type: ignore[attr-defined]
    assert "6,000,000.00 元" in view.summary.text() and "2027-11-19" in view.summary.text()
    assert "价值度 80.00" in view.analysis.text()
    assert view.model.rowCount() == 1 and view.add_button.isVisibleTo(pane)
    assert monitoring.model.rowCount() == 1 and "进行中 1 项" in monitoring.summary.text()  # type: ignore[attr-defined]
    bare = RightDetailPane(ws, "zh")  # a desk without the later contexts: the register's pane as it was
    qtbot.addWidget(bare)
    bare.present(bare.load(world["right"].id))
    assert bare.sections == []


def test_the_pledge_pane_shows_the_ltv_line_and_warns_above_the_cap(qtbot, ws, world, clock):
    pledge = ws.pledges.file_and_register(ADMIN, application_data(world), on=date(2026, 11, 16))
    pane = PledgeDetailPane(ws, "zh", sections=pledge_sections(ws, "zh"))
    qtbot.addWidget(pane)
    pane.record_id = pledge.id
    pane.present(pane.load(pledge.id))
    section = pane.sections[0]
    assert "无法计算" in section.ltv.text()  # type: ignore[attr-defined]
    add(ws, world, "8000000", "2026-11-20")  # 5,000,000 secured: 62.50 % > 50 %
    pane.present(pane.load(pledge.id))
    assert "质押率 62.50%（上限 50.00%）" in section.ltv.text()  # type: ignore[attr-defined]
    assert section.view.model.rowCount() == 1  # type: ignore[attr-defined]
    assert section.view.rights == [world["right"].display_number]  # type: ignore[attr-defined]
    add(ws, world, "4000000", "2025-01-10")  # an older, expired one changes nothing
    clock.set(clock.now() + timedelta(days=400))
    pane.present(pane.load(pledge.id))
    assert "评估已于 2027-11-19 过期" in section.ltv.text()  # type: ignore[attr-defined]
    i18n.install_translators("en")
    english = PledgeDetailPane(ws, "en", sections=pledge_sections(ws, "en"))
    qtbot.addWidget(english)
    english.present(english.load(pledge.id))
    text = english.sections[0].ltv.text()  # type: ignore[attr-defined]
    assert "Loan-to-value 62.50% (cap 50.00%)" in text and "the valuation expired on 2027-11-19" in text
    i18n.install_translators("zh_CN")


def test_a_valuation_recorded_from_the_pane_is_shown_at_once(qtbot, ws, world):
    pane = right_pane(qtbot, ws)
    pane.record_id = world["right"].id
    pane.present(pane.load(world["right"].id))
    view = pane.sections[0].view  # type: ignore[attr-defined]
    assert "没有评估记录" in view.summary.text()
    view.open_form()
    form = view.form
    form.evaluator.set_party(world["evaluator"])
    form.value.setText("3000000")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: "3,000,000.00" in view.summary.text(), timeout=10_000)


def _indicators() -> list[str]:
    from ipdesk.domain.valuation.scoresheet import DEGREE_OF

    return list(DEGREE_OF)


def test_a_custodian_records_and_closes_an_invalidation_request_from_the_pane(qtbot, ws, world):
    from ipdesk.domain.shared.permissions import Actor, Role

    ws.actor = Actor("tuoguan", Role.CUSTODIAN)
    pane = right_pane(qtbot, ws)
    pane.record_id = world["right"].id
    pane.present(pane.load(world["right"].id))
    section = pane.sections[1]
    assert section.add_button.isVisibleTo(pane) and not section.close_button.isEnabled()  # type: ignore[attr-defined]
    section.open_form()  # type: ignore[attr-defined]
    form = section.form  # type: ignore[attr-defined]
    form.kind.setCurrentIndex(form.kind.findData("invalidation"))
    form.opened_on.setText("2026-12-09")
    form.submit()
    assert "不能晚于今天" in form.fields["opened_on"].error_label.text()
    assert ws.monitoring.list(world["right"].id) == []
    form.opened_on.setText("2026-11-28")
    form.counterparty.setText("某某科技有限公司")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=10_000)  # type: ignore[attr-defined]
    assert ws.rights.get(world["right"].id).invalidation_requested
    qtbot.waitUntil(lambda: "已提起无效宣告" in pane.status.text(), timeout=10_000)
    section.table.selectRow(0)  # type: ignore[attr-defined]
    assert section.close_button.isEnabled()  # type: ignore[attr-defined]
    section.open_closing()  # type: ignore[attr-defined]
    closing = section.form  # type: ignore[attr-defined]
    assert [closing.outcome.itemData(i) for i in range(closing.outcome.count())] == [
        "maintained", "partially_invalidated", "invalidated", "withdrawn"]
    with qtbot.waitSignal(closing.saved, timeout=10_000):
        closing.submit()
    qtbot.waitUntil(lambda: "已提起无效宣告" not in pane.status.text(), timeout=10_000)
    assert not ws.rights.get(world["right"].id).invalidation_requested
