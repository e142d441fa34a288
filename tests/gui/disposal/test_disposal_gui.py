"""The 处置 area in the GUI: a case from a defaulted pledge to closed through the forms (opened on the pledge
detail, every stage completed with its documents, settled with a fund sharing the loss, the statement
printed), the loan acts on the pledge detail, the workbench tile by stage, the models under the tester."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from ipdesk.domain.disposal.stages import Stage
from ipdesk.gui.areas import pledge_sections
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.disposal.case_forms import AdvanceForm, AmountForm, OpenCaseForm
from ipdesk.gui.disposal.case_models import CasesModel, LedgerModel, SettlementModel, SharesModel, TimelineModel
from ipdesk.gui.disposal.case_section import CaseSection
from ipdesk.gui.disposal.disposal_page import DisposalPage
from ipdesk.gui.loans.loan_forms import LoanActForm
from ipdesk.gui.loans.loan_section import LoanSection
from ipdesk.gui.pledges.pledge_detail import PledgeDetailPane
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot, ui_text
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture
def world(ws: Workstation) -> dict[str, Any]:
    base = pledge_world(ws)
    base["buyer"] = ws.parties.create(ADMIN, {"kind": "enterprise", "name": "常州智造装备有限公司",
                                              "uscc": make_uscc(702)})
    base["pledge"] = ws.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))
    base["loan"] = ws.loans.add(ADMIN, {"lender": base["bank"].uscc, "borrower": base["firm"].uscc,
                                        "pledge": base["pledge"].registration_no, "principal": "1200000",
                                        "rate": "6", "start": "2026-09-01", "maturity": "2027-09-01",
                                        "schedule": "equal_principal"}).value
    fund = ws.funds.create(ADMIN, "镇江市科技之星风险补偿资金池", "kejizhixing").value
    ws.funds.contribute(ADMIN, fund.id, D("50000000.00"), party="江苏省财政厅")
    return base


def pane_for(qtbot: Any, ws: Workstation, pledge_id: int) -> PledgeDetailPane:
    pane = PledgeDetailPane(ws, UI_LANG, sections=pledge_sections(ws, UI_LANG))
    qtbot.addWidget(pane)
    pane.resize(1100, 1400)
    pane.record_id = pledge_id
    pane.present(pane.load(pledge_id))
    return pane


def submit(qtbot: Any, form: Any) -> None:
    with qtbot.waitSignal(form.saved, timeout=15_000):
        form.submit()
    settle(qtbot)


def complete(qtbot: Any, page: DisposalPage, facts: dict[str, str] | None = None) -> None:
    """Tick every document of the case's stage and type its facts, then complete it."""
    stage = page.case.stage
    form = page.advance()
    assert isinstance(form, AdvanceForm)
    for box, ref in form.documents.values():
        if box.isEnabled():
            box.setChecked(True)
            ref.setText("DOC-1")
    for key, value in (facts or {}).items():
        editor = form.facts[key]
        if hasattr(editor, "findData"):
            editor.setCurrentIndex(editor.findData(value))
        else:
            editor.setText(value)
    submit(qtbot, form)
    qtbot.waitUntil(lambda: page.case is not None and page.case.stage is not stage, timeout=10_000)


def test_a_case_from_a_defaulted_pledge_to_closed(qtbot, qtmodeltester, ws, world, tmp_path) -> None:
    pledge, loan = world["pledge"], world["loan"]
    pane = pane_for(qtbot, ws, pledge.id)
    loans = next(s for s in pane.sections if isinstance(s, LoanSection))
    cases = next(s for s in pane.sections if isinstance(s, CaseSection))
    assert ui_text("没有处置案件", "No disposal case") in cases.list_label.text()
    act = loans.act(loans.loans[0], "default")  # the loan officer's act on the pledge detail
    assert isinstance(act, LoanActForm)
    act.reason.setText("连续三期未还")  # type: ignore[union-attr]
    submit(qtbot, act)
    assert ws.loans.get(ADMIN, loan.id).status == "defaulted"
    pane.present(pane.load(pledge.id))
    form = cases.open_case()
    assert isinstance(form, OpenCaseForm)
    form.fund.setCurrentIndex(form.fund.findData("镇江市科技之星风险补偿资金池"))
    submit(qtbot, form)
    pane.present(pane.load(pledge.id))
    assert "CZ202600001" in cases.list_label.text() and not cases.open_button.isEnabled()

    page = DisposalPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 860)
    page.show()
    qtbot.waitUntil(lambda: page.case is not None, timeout=10_000)
    assert page.case.stage is Stage.DEFAULT_NOTICE and "1 件案件" in page.summary.text()
    complete(qtbot, page)
    complete(qtbot, page, {"market_value": "900000", "forced_value": "630000"})
    complete(qtbot, page, {"route": "negotiated"})
    assert page.case.stage is Stage.DEAL  # a negotiated transfer is not listed on the marketplace
    complete(qtbot, page, {"buyer": world["buyer"].uscc, "price": "800000"})
    assert page.case.stage is Stage.SETTLEMENT and page.settle_button.isEnabled()
    settling = page.settle()
    assert isinstance(settling, AmountForm)
    settling.amount.setText("12000")
    submit(qtbot, settling)
    qtbot.waitUntil(lambda: page.case.settlement is not None, timeout=10_000)
    assert not page.settle_button.isEnabled() and page.statement_button.isEnabled()
    page.tabs.setCurrentIndex(1)
    assert page.settlement.rowCount() == 6 and page.shares.rowCount() == 2
    qtmodeltester.check(page.settlement)
    qtmodeltester.check(page.shares)
    assert "处置所得 800,000.00 元" in page.settlement_note.text()
    save_screenshot(page, "disposal-settlement.png", tmp_path)
    page.open_only.setChecked(False)  # the closed case stays in the list
    settle(qtbot)
    for _ in range(3):  # settlement → transfer → cancellation → closed
        complete(qtbot, page)
    assert page.case.stage is Stage.CLOSED
    assert ws.pledges.get(pledge.id).cancellation_trigger.value == "realised"
    assert [o.party_id for o in ws.rights.get(world["right"].id).owners] == [world["buyer"].id]
    page.tabs.setCurrentIndex(0)
    assert page.timeline.rowCount() == 8 and not page.advance_button.isEnabled()  # opened, seven stages
    qtmodeltester.check(page.timeline)
    qtmodeltester.check(page.model)
    assert page.model.data(page.model.index(0, 3)) == "结案"
    save_screenshot(page, "disposal-desk.png", tmp_path)
    page.tabs.setCurrentIndex(2)
    assert page.ledger.rowCount() == 2 and "补偿" in page.ledger.data(page.ledger.index(1, 1))
    qtmodeltester.check(page.ledger)
    save_screenshot(page, "disposal-fund.png", tmp_path)
    pdf = tmp_path / "statement.pdf"
    page.print_document("settlement_statement", pdf)
    qtbot.waitUntil(pdf.exists, timeout=15_000)
    assert ws.notices.verify_file(pdf).ok
    if os.environ.get("IPDESK_SCREENSHOTS") == "1":
        out = ROOT / "docs" / "disposal"
        out.mkdir(parents=True, exist_ok=True)
        (out / "settlement-statement.pdf").write_bytes(pdf.read_bytes())


def test_the_workbench_counts_the_cases_by_stage(qtbot, ws, world) -> None:
    ws.loans.declare_default(ADMIN, world["loan"].id)
    ws.disposal.open(ADMIN, world["pledge"].registration_no)
    opened: list[str] = []
    board = WorkbenchPage(ws, UI_LANG, open_area=opened.append)
    qtbot.addWidget(board)
    qtbot.waitUntil(lambda: board.disposal_tile is not None and board.disposal_tile.count == 1, timeout=10_000)
    assert "违约通知 1" in board.disposal_tile.caption.text()
    board.disposal_tile.click()
    assert opened == ["disposal"]


def test_the_models_under_the_tester(qtmodeltester, ws, world) -> None:
    ws.loans.declare_default(ADMIN, world["loan"].id)
    case = ws.disposal.open(ADMIN, world["pledge"].registration_no).value
    cases = CasesModel("en")
    cases.set_rows([{"case": case}])
    qtmodeltester.check(cases)
    assert cases.data(cases.index(0, 3)) == "default notice"
    assert cases.data(cases.index(0, 3), BadgeToneRole) == "info"
    timeline = TimelineModel("zh")
    timeline.set_rows(list(case.steps))
    qtmodeltester.check(timeline)
    assert timeline.data(timeline.index(0, 1)) == "启动处置"
    for empty in (SettlementModel("zh"), SharesModel("en"), LedgerModel("zh"), CasesModel("zh")):
        qtmodeltester.check(empty)
