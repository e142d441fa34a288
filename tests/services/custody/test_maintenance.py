"""Maintenance custody on SQLite and PostgreSQL: agreements, a right in custody once, the worklist with bands
and amounts, one-step paid through the fee service, bulk from pledges, the month's payment list."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.fees.schedule import YearStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal, ValidationError
from ipdesk.services.custody.payment_list import write_payment_list
from ipdesk.services.workstation import Workstation
from ipdesk.storage.custody.tables import CustodyAgreementRow, CustodyRightRow
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc

CUSTODIAN = Actor("tuoguan", Role.CUSTODIAN)
D = Decimal
# Filed 2017-07-25 / granted 2020-03-10 (year 11 due 2027-07-26); filed 2016-12-20 (year 11 due 2026-12-21).
FAR, NEAR = "ZL 201710601862.3", "ZL 201610000003.4"


def count(ws: Workstation, model) -> int:  # type: ignore[no-untyped-def]
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def setup(ws: Workstation) -> dict:
    from ipdesk.domain.registry.identifiers import parse_right_number

    firm = add_party(ws)
    custodian = ws.parties.create(ADMIN, {"kind": "enterprise", "name": "镇江知识产权托管中心", "uscc": make_uscc(77)})
    ws.rights.create(ADMIN, invention_data([firm.id]))  # type: ignore[list-item]
    near = parse_right_number(NEAR)  # a real check digit, whatever the serial
    ws.rights.create(ADMIN, invention_data([firm.id], number=near.display, filing_date="2016-12-20",  # type: ignore[list-item]
                                           grant_date="2019-05-06"))
    late = ws.rights.create(ADMIN, invention_data([firm.id], number="ZL 201610000010.4",  # type: ignore[list-item]
                                                  filing_date="2016-09-01", grant_date="2019-01-01",
                                                  fees_paid_through="10", fee_reduction="85"))
    gone = ws.rights.create(ADMIN, invention_data([firm.id], number="ZL 201410362077.3",  # type: ignore[list-item]
                                                  filing_date="2014-09-10", grant_date="2017-01-01",
                                                  fees_paid_through="11"))
    return {"custodian": custodian, "near": near.display, "late": late.display_number, "gone": gone.display_number}


def agreement(ws: Workstation, w: dict, **extra) -> object:  # type: ignore[no-untyped-def]
    data = {"custodian_id": w["custodian"].id, "starts_on": "2026-01-01", "payer": "custodian",
            "fee_budget": "50000.00", "reference": "TG-2026-001", "rights": [FAR, w["near"], w["late"], w["gone"]]}
    data.update(extra)
    return ws.custody.create_agreement(CUSTODIAN, data)


def test_the_worklist_lists_what_is_due_and_overdue_with_band_and_amount(workstation: Workstation) -> None:
    w = setup(workstation)
    a = agreement(workstation, w)
    assert len(a.right_numbers) == 4  # type: ignore[attr-defined]
    items = workstation.custody.worklist(60)
    by_number = {i.number: i for i in items}
    # The far one is due in July 2027; the gone one lapsed (due 2025-09-10) and is past restoration (2026-07-10).
    assert set(by_number) == {w["near"], w["late"]}
    late = by_number[w["late"]]  # year 11 due 2026-09-01, three months late today: the 10 % band on the full fee
    assert (late.status, late.surcharge_rate, late.payable, late.amount_due) == (
        YearStatus.LATE, 10, D("600.00"), D("1000.00"))
    near = by_number[w["near"]]
    assert (near.year, near.due_date, near.amount_due, near.surcharge_rate) == (11, date(2026, 12, 21), D("4000.00"), 0)
    assert [i.number for i in workstation.custody.worklist(400)][-1] == FAR
    assert workstation.custody.worklist(60, "镇江知识产权托管中心") == items
    assert workstation.custody.worklist(60, "999") == []


def test_a_right_in_custody_twice_is_refused_and_nothing_is_written(workstation: Workstation) -> None:
    w = setup(workstation)
    agreement(workstation, w)
    before = (count(workstation, CustodyAgreementRow), count(workstation, CustodyRightRow))
    with pytest.raises(RuleRefusal) as e:
        agreement(workstation, w, rights=[FAR], reference="TG-2")
    assert e.value.problems[0].code == "custody.right_in_custody"
    with pytest.raises(RuleRefusal):
        agreement(workstation, w, rights=[w["near"], w["near"]], reference="TG-3")
    assert (count(workstation, CustodyAgreementRow), count(workstation, CustodyRightRow)) == before


@pytest.mark.parametrize("extra, code", [
    ({"fee_budget": "-1"}, "custody.budget_negative"),
    ({"fee_budget": "1.234"}, "bad_decimal"),
    ({"ends_on": "2025-01-01"}, "custody.term_order"),
    ({"rights": []}, "custody.no_rights"),
    ({"payer": "nobody"}, None),
])
def test_bad_agreements_write_nothing(workstation: Workstation, extra, code) -> None:
    w = setup(workstation)
    with pytest.raises(ValidationError) as e:
        agreement(workstation, w, **extra)
    if code:
        assert e.value.problems[0].code == code
    assert count(workstation, CustodyAgreementRow) == 0


def test_one_step_paid_records_through_the_fee_service(workstation: Workstation) -> None:
    w = setup(workstation)
    agreement(workstation, w)
    done = workstation.custody.mark_paid(CUSTODIAN, w["near"], receipt_no="R-9")
    assert done.matched.settles
    assert workstation.fees.payments(w["near"])[0]["payer"] == "镇江知识产权托管中心"
    assert w["near"] not in {i.number for i in workstation.custody.worklist(60)}
    with pytest.raises(PermissionDenied):
        workstation.custody.mark_paid(Actor("a", Role.AUDITOR), w["late"])
    assert workstation.custody.mark_paid(CUSTODIAN, w["late"]).matched.settles


def test_pledged_rights_go_into_custody_in_bulk(workstation: Workstation) -> None:
    from tests.helpers.factories import application_data, pledge_world

    pw = pledge_world(workstation)
    custodian = workstation.parties.create(ADMIN, {"kind": "enterprise", "name": "托管中心", "uscc": make_uscc(78)})
    pledge = workstation.pledges.file_and_register(ADMIN, application_data(pw))
    other = workstation.rights.create(ADMIN, invention_data([pw["firm"].id], number="ZL 201410362077.3"))  # type: ignore[list-item]
    a = workstation.custody.create_agreement(CUSTODIAN, {"custodian_id": custodian.id, "starts_on": "2026-01-01",
                                                         "rights": [other.display_number]})
    done = workstation.custody.add_pledged_rights(CUSTODIAN, a.id, [pledge.id])
    assert set(done.right_numbers) == {other.display_number, FAR}
    with pytest.raises(RuleRefusal):
        workstation.custody.add_pledged_rights(CUSTODIAN, a.id, [pledge.id])


def test_the_month_payment_list_is_formula_safe(workstation: Workstation, tmp_path: Path) -> None:
    w = setup(workstation)
    workstation.parties.update(ADMIN, w["custodian"].id, {"kind": "enterprise", "name": "=HYPERLINK(\"x\")",  # type: ignore[attr-defined]
                                                           "uscc": w["custodian"].uscc})
    agreement(workstation, w)
    items = workstation.custody.month_list(2026, 12)
    assert [i.number for i in items if i.status is YearStatus.DUE] == [w["near"]]
    path = tmp_path / "list.csv"
    assert write_payment_list(items, path) == len(items)
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines()))
    assert rows[0][0] == "序号" and all(r[-1].startswith("'=") for r in rows[1:])
    xlsx = tmp_path / "list.xlsx"
    write_payment_list(items, xlsx)
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet.cell(2, 11).value.startswith("'=") and isinstance(sheet.cell(2, 9).value, (int, float))
