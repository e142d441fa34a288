"""Parties and rights services on SQLite and PostgreSQL: validation, audit, search, history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ipdesk.domain.registry.rights import LegalStatus, RightKind
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import ConcurrentModification, PermissionDenied, ValidationError
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, PartyRow, RightRow
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc, party_data


def count(ws: Workstation, model) -> int:  # type: ignore[no-untyped-def]
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_party_create_normalises_and_audits(workstation: Workstation) -> None:
    uscc = make_uscc(7)
    party = workstation.parties.create(ADMIN, party_data(uscc=" " + uscc.lower() + " "))
    assert party.uscc == uscc
    entries = workstation.parties.history(party.id)  # type: ignore[arg-type]
    assert [e.action for e in entries] == ["party.create"]
    assert entries[0].after and entries[0].after["name"] == "江苏恒顺新材料科技有限公司"


def test_bad_party_lists_every_problem_and_writes_nothing(workstation: Workstation) -> None:
    with pytest.raises(ValidationError) as err:
        workstation.parties.create(ADMIN, {"kind": "公司?", "name": "", "uscc": "91350100M000100Y4Z", "region": "12"})
    fields = {p.field for p in err.value.problems}
    assert {"kind", "name", "region"} <= fields
    assert count(workstation, PartyRow) == 0
    assert count(workstation, AuditRow) == 0


def test_uscc_check_digit_message_names_expected_char(workstation: Workstation) -> None:
    problems = workstation.parties.validate(party_data(uscc="91350100M000100Y4Z"))
    assert any(p.field == "uscc" and "3" in p.message() for p in problems)


def test_duplicate_uscc_refused(workstation: Workstation) -> None:
    add_party(workstation, serial=3)
    with pytest.raises(ValidationError) as err:
        workstation.parties.create(ADMIN, party_data("另一家公司", serial=3))
    assert err.value.problems[0].code == "party.uscc_taken"


def test_right_with_coowners_expiry_and_lookup_by_any_form(workstation: Workstation) -> None:
    a = add_party(workstation, "江苏恒顺新材料科技有限公司", 1)
    b = add_party(workstation, "镇江市高新技术研究院有限公司", 2)
    right = workstation.rights.create(ADMIN, invention_data([a.id, b.id]))  # type: ignore[list-item]
    assert right.number == "2017106018623"
    assert right.display_number == "ZL 201710601862.3"
    assert right.kind is RightKind.INVENTION
    assert right.expiry_date == date(2037, 7, 24)
    assert [o.share for o in right.owners] == [Decimal("50.00"), Decimal("50.00")]
    for form in ("2017106018623", "CN201710601862.3", "ZL 201710601862.3", "201710601862．3"):
        assert workstation.rights.get_by_number(form).id == right.id


def test_right_validation_problems(workstation: Workstation) -> None:
    a = add_party(workstation)
    data = invention_data([a.id], number="ZL 201710601862.5", filing_date="2017-13-01")  # type: ignore[list-item]
    with pytest.raises(ValidationError) as err:
        workstation.rights.create(ADMIN, data)
    by_field = {p.field: p for p in err.value.problems}
    assert "number" in by_field and "3" in by_field["number"].message()
    assert "filing_date" in by_field
    assert count(workstation, RightRow) == 0


def test_shares_must_sum_to_100(workstation: Workstation) -> None:
    a = add_party(workstation, serial=1)
    b = add_party(workstation, "乙公司", serial=2)
    data = invention_data([a.id, b.id])  # type: ignore[list-item]
    data["owners"] = [{"party_id": a.id, "share": "60"}, {"party_id": b.id, "share": "30"}]
    problems = workstation.rights.validate(data)
    assert [p.code for p in problems] == ["right.share_sum"]


def test_update_records_before_and_after(workstation: Workstation) -> None:
    a = add_party(workstation)
    right = workstation.rights.create(ADMIN, invention_data([a.id]))  # type: ignore[list-item]
    data = invention_data([a.id], legal_status="late_fee", invalidation_requested="是")  # type: ignore[list-item]
    updated = workstation.rights.update(ADMIN, right.id, data, expected_version=right.version)  # type: ignore[arg-type]
    assert updated.legal_status is LegalStatus.LATE_FEE and updated.invalidation_requested
    history = workstation.rights.history(right.id)  # type: ignore[arg-type]
    assert [e.action for e in history] == ["right.create", "right.update"]
    changed = {f for f, _b, _a in history[-1].changed_fields()}
    assert changed == {"legal_status", "invalidation_requested"}
    with pytest.raises(ConcurrentModification):
        workstation.rights.update(ADMIN, right.id, data, expected_version=right.version)  # type: ignore[arg-type]


def test_auditor_may_not_edit(workstation: Workstation) -> None:
    with pytest.raises(PermissionDenied):
        workstation.parties.create(Actor("audit", Role.AUDITOR), party_data())
    assert count(workstation, PartyRow) == 0


@pytest.mark.parametrize(
    "query, expected",
    [
        ("图像", 1),
        ("图像处理", 1),
        ("像", 1),
        ("银行", 0),
        ("恒顺", 1),
        ("2017106", 1),
        ("ZL 2017", 1),
        ("处理图像", 0),
    ],
)
def test_search_by_title_owner_number(workstation: Workstation, query: str, expected: int) -> None:
    a = add_party(workstation)
    workstation.rights.create(ADMIN, invention_data([a.id]))  # type: ignore[list-item]
    workstation.rights.create(ADMIN, invention_data([a.id], number="201410362077.3", title="一种钢结构连接件"))  # type: ignore[list-item]
    q = Query(search=query)
    rows = workstation.rights.page(q, 0, 50)
    assert workstation.rights.count(q) == len(rows)
    matching = [r for r in rows if r["number"] == "2017106018623"]
    assert len(matching) == expected


def test_renaming_owner_reindexes_rights(workstation: Workstation) -> None:
    a = add_party(workstation)
    workstation.rights.create(ADMIN, invention_data([a.id]))  # type: ignore[list-item]
    workstation.parties.update(ADMIN, a.id, party_data("润州银行科技有限公司"))  # type: ignore[arg-type]
    assert workstation.rights.count(Query(search="银行")) == 1
    assert workstation.rights.count(Query(search="恒顺")) == 0


def test_page_filters_and_sorts_in_sql(workstation: Workstation) -> None:
    a = add_party(workstation)
    workstation.rights.create(ADMIN, invention_data([a.id]))  # type: ignore[list-item]
    workstation.rights.create(
        ADMIN, invention_data([a.id], number="201410362077.3", title="甲 钢结构", legal_status="late_fee")
    )  # type: ignore[list-item]
    rows = workstation.rights.page(Query(sort_key="number", descending=True), 0, 10)
    assert [r["number"] for r in rows] == ["2017106018623", "2014103620773"]
    late = workstation.rights.page(Query(filters={"legal_status": "late_fee"}), 0, 10)
    assert [r["number"] for r in late] == ["2014103620773"]
    assert workstation.rights.count(Query(filters={"legal_status": "late_fee"})) == 1


def test_audit_chain_detects_edited_row(workstation: Workstation) -> None:
    a = add_party(workstation)
    workstation.rights.create(ADMIN, invention_data([a.id]))  # type: ignore[list-item]
    assert workstation.audit.verify().ok
    assert workstation.audit.verify().entries == 2
    with workstation.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET summary = summary || 'x' WHERE seq = 1"))
    report = workstation.audit.verify()
    assert not report.ok and report.first_bad_seq == 1


def test_audit_chain_detects_deleted_tail(workstation: Workstation) -> None:
    a = add_party(workstation)
    workstation.rights.create(ADMIN, invention_data([a.id]))  # type: ignore[list-item]
    with workstation.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    assert not workstation.audit.verify().ok
