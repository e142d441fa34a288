"""Disposal outcomes against hand-computed values, on both engines: cases closed by year, the average days to
close, and the recovery rate of the settled ones (proceeds ÷ the claim the settlement met — principal, interest and
costs on the day —, the pledge's secured amount only when a settlement records no claim); open cases left out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import insert

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.workstation import Workstation
from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalSettlementRow
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world

# case no → (opened, closed or None, (proceeds, surplus to the pledgor, shortfall) of its settlement or None)
CASES = {"CZ-1": (date(2026, 1, 10), date(2026, 3, 11), ("3000000.00", "0.00", "2000000.00")),  # 60 days; 3 of 5 m
         "CZ-2": (date(2026, 2, 1), date(2026, 2, 21), None),  # 20 days, closed without a settlement
         # 213 days; more than the 5 million claim: the half million over it went to the pledgor
         "CZ-3": (date(2025, 6, 1), date(2025, 12, 31), ("5500000.00", "500000.00", "0.00")),
         "CZ-4": (date(2026, 5, 1), None, None)}  # still open: not counted


def open_cases(ws: Workstation, cases: dict[str, tuple[date, date | None, tuple[str, str, str] | None]]) -> None:
    """A registered pledge of 5 million with its loan, and ``cases`` on it (rows: the stages are not replayed)."""
    base = pledge_world(ws)
    agency = ws.parties.create(ADMIN, {"kind": "guarantee", "name": "镇江市科技融资担保有限公司",
                                       "uscc": make_uscc(700)})
    pledge = ws.pledges.file_and_register(ADMIN, application_data(
        base, debt={"type": "loan", "amount": "5000000.00", "performance_deadline": "2026-12-10"}),
        on=date(2026, 11, 20))
    loan = ws.loans.add(Actor("danbao", Role.AGENCY, agency.id), {
        "lender": base["bank"].uscc, "borrower": base["firm"].uscc, "pledge": pledge.registration_no,
        "principal": "1200000.00", "rate": "6", "start": "2026-09-01", "maturity": "2027-09-01",
        "schedule": "equal_principal"}).value
    stamp = datetime(2026, 11, 2, tzinfo=UTC)
    with ws.engine.begin() as conn:
        for no, (opened, closed, settlement) in cases.items():
            case_id = conn.execute(insert(DisposalCaseRow.__table__).values(
                case_no=no, pledge_id=pledge.id, loan_id=loan.id, owner_party_id=agency.id,
                stage="closed" if closed else "valuation", stage_entered_on=opened, responsible="danbao",
                opened_on=opened, closed_on=closed, scheme="", listing="", created_at=stamp, updated_at=stamp,
                version=1)).inserted_primary_key[0]
            if settlement is not None:
                proceeds, surplus, shortfall = (Decimal(v) for v in settlement)
                zero = Decimal("0.00")
                conn.execute(insert(DisposalSettlementRow.__table__).values(
                    case_id=case_id, settled_on=closed, proceeds=proceeds, costs=zero, paid_penalty=zero,
                    paid_interest=zero, paid_principal=proceeds - surplus, surplus_to_pledgor=surplus,
                    shortfall=shortfall, pledgor_is_debtor=True, lines="[]", actor="danbao"))


def test_recovery_rate_and_time_to_close_by_year(workstation: Workstation) -> None:
    ws = workstation
    open_cases(ws, CASES)
    result = ws.statistics.disposal()
    assert result.keys == ("year", "closed", "average_days", "settled", "proceeds", "secured", "recovery_percent")
    assert [tuple(r.values()) for r in result.rows] == [
        (2025, 1, Decimal("213.0"), 1, Decimal("5500000.00"), Decimal("5000000.00"), Decimal("110.0")),
        (2026, 2, Decimal("40.0"), 1, Decimal("3000000.00"), Decimal("5000000.00"), Decimal("60.0")),
    ]
    assert result.totals == {"closed": 3, "average_days": Decimal("97.7"), "settled": 2,
                             "proceeds": Decimal("8500000.00"), "secured": Decimal("10000000.00"),
                             "recovery_percent": Decimal("85.0")}  # (213 + 60 + 20) / 3; 8.5 of 10 million
    assert result.to_json()["rows"][1]["proceeds"] == "3000000.00"
    assert [r["year"] for r in ws.statistics.disposal(2026, 2026).rows] == [2026]


def test_the_claim_is_the_settlements_with_interest_and_costs_else_the_secured_amount(workstation: Workstation) -> None:
    # CZ-5: 5 m principal, 150 k interest and 50 k costs owed on the day; 2.6 m realised, 2.6 m left unpaid.
    # CZ-6: a settlement recording no claim (nothing realised, nothing owed): the pledge's 5 m instead.
    open_cases(workstation, {"CZ-5": (date(2026, 1, 1), date(2026, 4, 1), ("2600000.00", "0.00", "2600000.00")),
                             "CZ-6": (date(2026, 1, 1), date(2026, 1, 31), ("0.00", "0.00", "0.00"))})
    (row,) = workstation.statistics.disposal().rows
    assert (row["settled"], row["proceeds"], row["secured"]) == (2, Decimal("2600000.00"), Decimal("10200000.00"))
    assert row["recovery_percent"] == Decimal("25.5")  # 2.6 of 5.2 + 5 million
    assert row["average_days"] == Decimal("60.0")  # (90 + 30) / 2
