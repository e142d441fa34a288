"""The fee service on SQLite and PostgreSQL: schedules, payments, refusals that write nothing, and the legal
status the fees give wherever it is shown or examined."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.fees.schedule import YearStatus
from ipdesk.domain.pledges.examination.findings import FindingStatus
from ipdesk.domain.registry.rights import LegalStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal, ValidationError
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from ipdesk.storage.fees.tables import FeePaymentRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import ADMIN, application_data, invention_data, pledge_world

NUMBER = "ZL 201710601862.3"  # filed 2017-07-25, granted 2020-03-10; the test clock's today is 2026-12-01
CUSTODIAN = Actor("tuoguan", Role.CUSTODIAN)
D = Decimal


def rows(ws: Workstation, model) -> int:  # type: ignore[no-untyped-def]
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def world(ws: Workstation, **fees: str) -> dict:
    w = pledge_world(ws)
    if fees:
        data = invention_data([w["firm"].id], **fees)
        w["right"] = ws.rights.update(ADMIN, w["right"].id, data)  # type: ignore[arg-type]
    return w


def test_a_new_patent_in_force_is_paid_through_its_current_year(workstation: Workstation) -> None:
    w = world(workstation)
    assert w["right"].fees_paid_through == 10  # year 10 runs 2026-07-25 .. 2027-07-24
    report = workstation.fees.report(NUMBER)
    y10, y11 = report.schedule.year(10), report.schedule.year(11)
    assert (y10.status, y11.status) == (YearStatus.PAID, YearStatus.DUE)
    assert (y11.due_date, y11.amount_due) == (date(2027, 7, 26), D("4000.00"))  # 07-25 is a Sunday


def test_a_late_patent_shows_late_and_the_examination_refuses_it(workstation: Workstation) -> None:
    w = world(workstation, fee_reduction="85", fees_paid_through="9")
    assert workstation.rights.get(w["right"].id).legal_status is LegalStatus.LATE_FEE  # type: ignore[arg-type]
    y10 = workstation.fees.report(NUMBER).schedule.year(10)  # due 2026-07-27 (07-25 a Saturday)
    assert (y10.status, y10.surcharge_rate, y10.payable, y10.surcharge, y10.amount_due) == (
        YearStatus.LATE, D(20), D("600.00"), D("800.00"), D("1400.00"))
    page = workstation.rights.page(Query(), 0, 10)
    assert page[0]["legal_status"] == "late_fee"
    ex = workstation.pledges.examine_data(application_data(w))
    assert ex.status_of("P4") is FindingStatus.FAILED


def test_past_the_late_period_the_patent_reads_terminated_with_the_date(workstation: Workstation) -> None:
    w = world(workstation, fees_paid_through="8")  # year 9 was due 2025-07-25; six months ended 2026-01-25
    right = workstation.rights.get(w["right"].id)  # type: ignore[arg-type]
    assert (right.legal_status, right.terminated_on) == (LegalStatus.TERMINATED, date(2025, 7, 25))
    assert workstation.rights.page(Query(), 0, 10)[0]["terminated_on"] == date(2025, 7, 25)
    ex = workstation.pledges.examine_data(application_data(w))
    assert ex.status_of("P2") is FindingStatus.FAILED


def test_a_payment_settles_the_year_and_the_status_follows(workstation: Workstation) -> None:
    w = world(workstation, fee_reduction="85", fees_paid_through="9")
    done = workstation.fees.pay(CUSTODIAN, NUMBER, 10, D("1400.00"), payer="恒顺", receipt_no="R-1")
    assert done.matched.settles and w["right"].id in done.changes.rights
    right = workstation.rights.get(w["right"].id)  # type: ignore[arg-type]
    assert (right.fees_paid_through, right.legal_status) == (10, LegalStatus.IN_FORCE)
    assert workstation.fees.payments(NUMBER)[0]["receipt_no"] == "R-1"
    assert [e.action for e in workstation.rights.history(w["right"].id)][-1] == "fee.pay"  # type: ignore[arg-type]


def test_an_underpayment_is_topped_up(workstation: Workstation) -> None:
    world(workstation, fees_paid_through="9")
    first = workstation.fees.pay(CUSTODIAN, NUMBER, 10, D("4000.00"), on=date(2026, 11, 20))  # 15 % band
    assert not first.matched.settles
    assert workstation.fees.report(NUMBER).schedule.year(10).amount_due == D("800.00")  # 20 % band today
    assert workstation.fees.pay(CUSTODIAN, NUMBER, 10, D("800.00")).matched.settles


@pytest.mark.parametrize("year, amount, on, error", [
    (10, "1400.01", None, RuleRefusal),  # more than is due
    (11, "4000.00", None, RuleRefusal),  # year 10 is unpaid
    (9, "100.00", None, RuleRefusal),  # already paid
    (10, "-5", None, ValidationError),
    (10, "12.345", None, ValidationError),
    (10, "100.00", date(2026, 12, 2), ValidationError),  # after today
])
def test_a_payment_that_matches_no_fee_writes_nothing(workstation: Workstation, year, amount, on, error) -> None:
    world(workstation, fee_reduction="85", fees_paid_through="9")
    audit_before = rows(workstation, AuditRow)
    with pytest.raises(error):
        workstation.fees.pay(CUSTODIAN, NUMBER, year, D(amount), on=on)
    assert rows(workstation, FeePaymentRow) == 0 and rows(workstation, AuditRow) == audit_before


def test_only_who_may_pay_fees_records_a_payment(workstation: Workstation) -> None:
    world(workstation, fees_paid_through="9")
    with pytest.raises(PermissionDenied):
        workstation.fees.pay(Actor("audit", Role.AUDITOR), NUMBER, 10, D("100.00"))
    assert rows(workstation, FeePaymentRow) == 0


def test_fee_fields_are_checked(workstation: Workstation) -> None:
    w = pledge_world(workstation)
    for bad in ({"fee_reduction": "50"}, {"fees_paid_through": "21"}, {"fee_reduction": "70"}):
        with pytest.raises(ValidationError):
            workstation.rights.update(ADMIN, w["right"].id, invention_data([w["firm"].id], **bad))  # type: ignore[arg-type]


def test_a_mark_has_no_fee_schedule(workstation: Workstation) -> None:
    with pytest.raises(ValidationError):
        workstation.fees.report("not a number")


def test_the_import_reads_the_fee_columns(workstation: Workstation, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.registry.imports import ImportService
    from tests.helpers.factories import add_party, make_uscc

    add_party(workstation)
    path = tmp_path / "rights.csv"
    path.write_text("专利号,名称,权利人,申请日,授权公告日,法律状态,费减比例,年费已缴至\n"
                    f"{NUMBER},一种图像处理装置,{make_uscc(1)},2017-07-25,2020-03-10,有效,85%,9\n", "utf-8")
    report = ImportService(workstation.engine, clock=workstation.clock).import_file(ADMIN, "rights", path)
    assert report.ok, [p.message("en") for p in report.problems]
    right = workstation.rights.get_by_number(NUMBER)
    assert (right.fee_reduction, right.fees_paid_through, right.legal_status) == (85, 9, LegalStatus.LATE_FEE)
