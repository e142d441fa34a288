"""The register's legal-status filter agrees with the status the list shows (the fee engine's for a tracked
patent), on SQLite and PostgreSQL, on days either side of every due date and late-period end: a patent past
its late period is found under terminated and no longer under in force; a late fee recorded by hand stays late;
other kinds and untracked patents keep their stored status."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.domain.registry.rights import LegalStatus
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, add_party, invention_data

KIND_DIGIT = {"invention": "1", "utility_model": "2", "design": "3"}


def number(year: int, kind: str, serial: int) -> str:
    body = f"{year}{KIND_DIGIT[kind]}{serial:07d}"
    return f"ZL {body}.{patent_check_digit(body)}"


def register(ws: Workstation) -> None:
    firm = add_party(ws)
    filing = date(2015, 1, 3)
    serial = 0
    while filing < date(2016, 12, 31):  # next anniversaries spread over 2025–2027, every few days
        serial += 1
        kind = ("invention", "utility_model", "design")[serial % 3]
        paid = 10 if serial % 2 else 9  # utility models and designs are still in their term
        stored = ("late_fee" if serial % 11 == 0 else "terminated" if serial % 13 == 0
                  else "invalidated" if serial % 17 == 0 else "in_force")
        ws.rights.create(ADMIN, invention_data([firm.id], number(filing.year, kind, serial), kind=kind,
                                               filing_date=filing.isoformat(), grant_date=f"{filing.year + 2}-03-10",
                                               legal_status=stored, fees_paid_through=str(paid)))
        filing += timedelta(days=23)
    ws.rights.create(ADMIN, invention_data([firm.id], number(2024, "invention", 9001), filing_date="2024-05-06",
                                           grant_date="", legal_status="pending"))  # no fees tracked yet
    ws.rights.create(ADMIN, invention_data([firm.id], number(2005, "utility_model", 9002), kind="utility_model",
                                           filing_date="2005-03-01", grant_date="2006-01-10",
                                           legal_status="expired"))  # sorts before in_force: its count's complement
    ws.rights.create(ADMIN, {"kind": "trademark", "number": "12345678", "title": "恒顺", "legal_status": "in_force",
                             "filing_date": "2015-02-01", "registration_date": "2016-02-01", "nice_classes": "9",
                             "owners": [{"party_id": firm.id, "share": ""}]})


def shown(ws: Workstation) -> dict[int, str]:
    return {r["id"]: r["legal_status"] for r in ws.rights.page(Query(), 0, 10_000)}


def test_the_status_filter_finds_what_the_list_shows(workstation: Workstation, clock) -> None:
    ws = workstation
    register(ws)
    seen: set[str] = set()
    for day in (date(2026, 12, 1), date(2026, 2, 14), date(2026, 7, 31), date(2027, 3, 1), date(2027, 9, 30)):
        clock.set(datetime(day.year, day.month, day.day, 2, tzinfo=UTC))
        statuses = shown(ws)
        seen |= set(statuses.values())
        for status in LegalStatus:
            q = Query(filters={"legal_status": status.value})
            found = {r["id"] for r in ws.rights.page(q, 0, 10_000)}
            expected = {rid for rid, s in statuses.items() if s == status.value}
            assert found == expected, (day, status)
            assert ws.rights.count(q) == len(expected), (day, status)
            assert all(r["legal_status"] == status.value for r in ws.rights.page(q, 0, 10_000))
    assert {"expired", "in_force", "late_fee", "terminated", "pending", "invalidated"} <= seen


def test_a_patent_past_its_late_period_moves_from_in_force_to_terminated(workstation: Workstation, clock) -> None:
    ws = workstation
    firm = add_party(ws)
    right = ws.rights.create(ADMIN, invention_data([firm.id], fees_paid_through="9"))  # year 10 due 2026-07-27
    in_force, terminated = (Query(filters={"legal_status": s}) for s in ("in_force", "terminated"))
    assert ws.rights.count(terminated) == 0
    assert ws.rights.count(in_force) == 0 and ws.rights.count(Query(filters={"legal_status": "late_fee"})) == 1
    clock.set(datetime(2027, 1, 28, 2, tzinfo=UTC))  # six months after the due date 2027-01-27
    assert ws.rights.page(Query(), 0, 10)[0]["legal_status"] == "terminated"
    assert [r["id"] for r in ws.rights.page(terminated, 0, 10)] == [right.id] and ws.rights.count(in_force) == 0
