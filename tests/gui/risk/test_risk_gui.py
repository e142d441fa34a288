"""The 风险预警 area: the signal list by severity with filters, acting on a signal (note, halt through the
loans service), the pledge detail's risk and cover panels, the workbench tiles; models under the tester."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipdesk.domain.risk.rules import Severity
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.areas import pledges_page
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.insurance.cover_section import CoverSection
from ipdesk.gui.risk.risk_page import RiskPage
from ipdesk.gui.risk.risk_section import RiskSection
from ipdesk.gui.risk.signals_model import SignalsModel
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot, ui_text
from tests.helpers.factories import ADMIN, application_data, invention_data, make_uscc, pledge_world

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def world(sqlite_workstation: Workstation) -> dict[str, Any]:
    ws = sqlite_workstation
    base = pledge_world(ws)
    pledge = ws.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))
    ws.loans.add(ADMIN, {"lender": base["bank"].uscc, "borrower": base["firm"].uscc,
                         "pledge": pledge.registration_no, "principal": "1200000", "rate": "6",
                         "start": "2026-09-01", "maturity": "2027-09-01", "schedule": "equal_principal"})
    ws.rights.update(ADMIN, base["right"].id, {**invention_data([base["firm"].id]), "ownership_dispute": True})
    insurer = ws.parties.create(ADMIN, {"kind": "insurer", "name": "中国人民财产保险股份有限公司镇江市分公司",
                                        "uscc": make_uscc(800)})
    ws.rights.update(ADMIN, base["right"].id, {**invention_data([base["firm"].id]), "ownership_dispute": False})
    ws.insurance.add(ADMIN, {"product": "enforcement", "insurer": insurer.uscc, "insured": base["firm"].uscc,
                             "rights": [base["right"].display_number], "limit": "500000", "premium": "25000",
                             "from": "2026-01-01", "to": "2026-12-31", "subsidy_class": "sme"})
    ws.rights.update(ADMIN, base["right"].id, {**invention_data([base["firm"].id]), "ownership_dispute": True})
    return {"ws": ws, "pledge": pledge, **base}


def test_the_signal_list_by_severity_with_filters_and_a_halt(qtbot, qtmodeltester, world, tmp_path) -> None:
    ws = world["ws"]
    page = RiskPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 560)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    qtmodeltester.check(page.model)
    rules = [page.model.signal(r).rule for r in range(3)]
    assert rules[0] == "repayment_overdue" and set(rules[1:]) == {"dispute", "insurance_lapsed"}  # critical first
    assert page.model.data(page.model.index(0, 0)) == ui_text("严重", "Critical")
    assert page.model.data(page.model.index(0, 0), BadgeToneRole) == "bad"
    assert "逾期天数 61" in page.model.data(page.model.index(0, 5))
    assert "严重 1" in page.summary.text()
    page.severity.setCurrentIndex(page.severity.findData("warning"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    page.rule.setCurrentIndex(page.rule.findData("dispute"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.severity.setCurrentIndex(0)
    page.rule.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    page.table.selectRow(0)
    assert "质押担保的贷款逾期 1 天以上" in page.explain.text()
    assert page.buttons["halt"].isEnabled()
    save_screenshot(page, "risk-signals.png", tmp_path)
    page.act("halt", "逾期两期，叫停后续放款")
    qtbot.waitUntil(lambda: bool(page.model.rowCount() and page.model.signal(0).actions), timeout=5000)
    assert page.model.data(page.model.index(0, 6)) == "已叫停"
    assert ws.loans.list(ADMIN)[0].state.halted


def test_an_auditor_sees_signals_without_the_action_buttons(qtbot, world) -> None:
    ws = world["ws"]
    ws.actor = Actor("shenji", Role.AUDITOR)
    page = RiskPage(ws, "en")
    qtbot.addWidget(page)
    settle(qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    assert not any(b.isVisibleTo(page) for b in page.buttons.values())
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Severity"


def test_the_pledge_detail_shows_its_signals_and_cover(qtbot, world) -> None:
    ws = world["ws"]
    ws.risk.scan()
    page = pledges_page(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    settle(qtbot)
    assert page.select_pledge(world["pledge"].id)
    qtbot.waitUntil(lambda: bool(page.detail_pane.record and page.detail_pane.record.id == world["pledge"].id))
    settle(qtbot)
    risk = next(s for s in page.detail_pane.sections if isinstance(s, RiskSection))
    cover = next(s for s in page.detail_pane.sections if isinstance(s, CoverSection))
    qtbot.waitUntil(lambda: len(risk.signals) == 3 and cover.cover is not None, timeout=5000)
    assert "贷款逾期" in risk.label.text() and "权属纠纷" in risk.label.text()
    assert "BX2026000001" in cover.label.text() and "早于履行期限 2028-11-15" in cover.label.text()


def test_the_workbench_tiles(qtbot, world) -> None:
    ws = world["ws"]
    ws.risk.scan()
    board = WorkbenchPage(ws, UI_LANG, open_list=lambda _f: None)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: board.extra_tiles["critical_signals"].count == 1, timeout=5000)
    assert board.extra_tiles["cover_ending"].count == 1  # the policy ends 2026-12-31
    assert ws.risk.count_open(Severity.WARNING) == 2


def test_the_model_alone(qtmodeltester, world) -> None:
    world["ws"].risk.scan()
    model = SignalsModel("en")
    model.set_signals(world["ws"].risk.signals(open_only=False))
    qtmodeltester.check(model)
    assert model.data(model.index(0, 1)) == "Repayment overdue"


def test_a_signal_opens_a_disposal_case_and_the_desk_shows_it(qtbot, world, message_mock) -> None:
    from ipdesk.gui.disposal.case_forms import OpenCaseForm
    from ipdesk.gui.mainwindow import MainWindow

    ws = world["ws"]
    loan = ws.loans.list(ADMIN)[0]
    ws.loans.declare_default(ADMIN, loan.id, "连续两期未还")
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    window.show_area("risk")
    page = window.page("risk")
    assert isinstance(page, RiskPage) and page.dispose_button.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    assert not page.dispose_button.isEnabled()  # nothing selected yet
    page.table.selectRow(0)
    assert page.model.signal(0).pledge_no == world["pledge"].registration_no and page.dispose_button.isEnabled()
    page.dispose_button.click()

    def the_form() -> OpenCaseForm | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, OpenCaseForm) and w.isVisible()),
                    None)

    qtbot.waitUntil(lambda: the_form() is not None, timeout=10_000)
    form = the_form()
    assert form is not None and form.registration_no == world["pledge"].registration_no
    with qtbot.waitSignal(form.saved, timeout=15_000):
        form.submit()
    qtbot.waitUntil(lambda: window.current_area() == "disposal", timeout=10_000)
    desk = window.page("disposal")
    qtbot.waitUntil(lambda: getattr(desk, "case", None) is not None, timeout=10_000)
    assert desk.case.pledge_no == world["pledge"].registration_no
    assert [c.case_no for c in ws.disposal.list(ADMIN)] == [desk.case.case_no]


def test_without_the_duty_the_signal_offers_no_case(qtbot, world) -> None:
    ws = world["ws"]
    ws.actor = Actor("shenji", Role.AUDITOR)
    page = RiskPage(ws, "zh", open_case=lambda _s: None)
    qtbot.addWidget(page)
    assert not page.dispose_button.isVisibleTo(page)
