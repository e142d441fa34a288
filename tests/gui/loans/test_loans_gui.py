"""Loans in the GUI: the schedule and repayments on the pledge detail, the workbench's overdue-loans tile,
and the models under the model tester."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from ipdesk.gui.areas import pledges_page
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.loans.loan_section import LoanEventsModel, LoanScheduleModel, LoanSection
from ipdesk.gui.workbench.workbench_page import OverdueLoansModel, WorkbenchPage, overdue_loan_rows
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.helpers.factories import ADMIN, application_data, pledge_world


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture
def loan(ws: Workstation) -> Any:
    world = pledge_world(ws)
    pledge = ws.pledges.file_and_register(ADMIN, application_data(world), on=date(2026, 11, 20))
    added = ws.loans.add(ADMIN, {"lender": world["bank"].uscc, "borrower": world["firm"].uscc,
                                 "pledge": pledge.registration_no, "principal": "1200000", "rate": "6",
                                 "start": "2026-09-01", "maturity": "2027-09-01", "schedule": "equal_principal"})
    ws.loans.repay(ADMIN, added.value.id, D("106000.00"), on=date(2026, 10, 1))
    return ws.loans.get(ADMIN, added.value.id)


def test_the_pledge_detail_shows_the_loan_schedule_and_repayments(qtbot, ws, loan) -> None:
    page = pledges_page(ws, "zh")
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    settle(qtbot)
    assert page.select_pledge(loan.pledge_id)
    qtbot.waitUntil(lambda: bool(page.detail_pane.record and page.detail_pane.record.id == loan.pledge_id))
    settle(qtbot)
    section = next(s for s in page.detail_pane.sections if isinstance(s, LoanSection))
    qtbot.waitUntil(lambda: len(section.loans) == 1, timeout=5000)
    schedule = section.schedule_models[0]
    assert schedule.rowCount() == 12
    assert schedule.data(schedule.index(0, 7)) == "已还清"
    assert schedule.data(schedule.index(0, 7), BadgeToneRole) == "ok"
    assert schedule.data(schedule.index(1, 7)) == "逾期" and schedule.data(schedule.index(1, 2)) == "100,000.00"
    events = section.event_models[0]
    assert events.rowCount() == 1 and events.data(events.index(0, 1)) == "还款"
    heading = section.findChild(type(section.layout_.itemAt(0).widget()), f"loanHeading_{loan.loan_no}")
    assert "逾期 30 天" in heading.text() and "关注" in heading.text()


def test_a_pledge_without_loans_says_so(qtbot, ws) -> None:
    section = LoanSection(ws, "zh")
    qtbot.addWidget(section)
    section.present([])
    assert section.layout_.itemAt(0).widget().text() == "没有登记贷款"


def test_the_workbench_counts_overdue_loans(qtbot, ws, loan) -> None:
    opened: list[dict[str, str]] = []
    board = WorkbenchPage(ws, "zh", open_list=opened.append)
    qtbot.addWidget(board)
    board.resize(1300, 600)
    board.show()
    qtbot.waitUntil(lambda: board.tiles["overdue_loans"].count == 1, timeout=5000)
    assert board.loans_model.row_data(0)["loan_no"] == loan.loan_no
    assert board.loans_model.data(board.loans_model.index(0, 0)) == "30"
    board.tiles["overdue_loans"].click()
    assert board.loans_table.currentIndex().row() == 0
    board.open_loan_row(0)
    assert opened[-1] == {"search": loan.pledge_no}


def test_models_pass_the_model_tester(qtbot, qtmodeltester, ws, loan) -> None:
    schedule = LoanScheduleModel("en")
    schedule.set_rows([{"seq": i.seq, "due": i.due, "principal": i.principal, "interest": i.interest,
                        "penalty": i.penalty, "paid": i.paid_principal, "outstanding": i.outstanding,
                        "as_of": loan.state.as_of} for i in loan.state.instalments])
    qtmodeltester.check(schedule)
    events = LoanEventsModel("en")
    events.set_rows(list(loan.events))
    qtmodeltester.check(events)
    overdue = OverdueLoansModel("en")
    overdue.set_rows(overdue_loan_rows(ws, None))
    qtmodeltester.check(overdue)
    assert overdue.data(overdue.index(0, 2)) == "special mention"
