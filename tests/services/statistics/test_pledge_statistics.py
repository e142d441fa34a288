"""Pledge statistics against totals computed by hand, on both engines: by year, family, bank, region and units;
a mixed pledge counted once, a cancelled one in the year it was registered, refused and pending ones never."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ipdesk.domain.shared.problems import ValidationError
from ipdesk.domain.statistics.pledges import Dimension, Unit
from ipdesk.services import pledge_grouping
from ipdesk.services.statistics.pledges import PledgeStatistics
from ipdesk.storage.schema import PartyRow, PledgePledgorRow, PledgeRow

Y, F, B, R = Dimension.YEAR, Dimension.FAMILY, Dimension.BANK, Dimension.REGION

# (status, family, bank, pledgors, amount, registered_on, cancelled_on)
PLEDGES = [
    ("registered", "patent", "A", ["P1"], "5000000.00", date(2024, 3, 1), None),
    ("registered", "trademark", "B", ["P2"], "1234567.89", date(2024, 7, 15), None),
    # Patent and trademark in one pledge: once, under mixed; its first-named pledgor is P1.
    ("registered", "mixed", "A", ["P1", "P2"], "30000000.00", date(2025, 1, 2), None),
    # Registered in 2024, cancelled in 2025: counts in 2024.
    ("cancelled", "copyright", "B", ["P3"], "800000.00", date(2024, 11, 30), date(2025, 6, 1)),
    ("refused", "patent", "A", ["P1"], "99000000.00", None, None),
    ("applied", "patent", "A", ["P2"], "7000000.00", None, None),
    ("registered", "patent", "B", ["P2"], "2500000.50", date(2025, 12, 31), None),
]


def seed(engine: Engine) -> None:
    """The register above, written as rows (the statistics read nothing else)."""
    with Session(engine) as s:
        parties = {
            "A": PartyRow(kind="bank", name="中国银行股份有限公司镇江分行", name_key="a"),
            "B": PartyRow(kind="bank", name="江苏银行股份有限公司南京分行", name_key="b"),
            "P1": PartyRow(kind="enterprise", name="江苏恒顺新材料科技有限公司", name_key="p1", region="320100"),
            "P2": PartyRow(kind="enterprise", name="北京智图科技有限公司", name_key="p2", region="110000"),
            "P3": PartyRow(kind="person", name="张三", name_key="p3"),
        }
        for key in ("A", "B", "P1", "P2", "P3"):  # in this order: bank A gets the lower id
            s.add(parties[key])
            s.flush()
        for i, (status, family, bank, pledgors, amount, registered, cancelled) in enumerate(PLEDGES, start=1):
            row = PledgeRow(application_no=f"ZY2024{i:05d}", status=status, family=family,
                            application_date=date(2024, 1, 2), clock_start=date(2024, 1, 2),
                            pledgee_id=parties[bank].id, debt_type="loan", secured_amount=Decimal(amount),
                            performance_deadline=date(2027, 1, 1), registered_on=registered, cancelled_on=cancelled,
                            registration_no=f"Z2024{i:05d}" if registered else None)
            s.add(row)
            s.flush()
            for pos, p in enumerate(pledgors):
                s.add(PledgePledgorRow(pledge_id=row.id, party_id=parties[p].id, position=pos))
        s.flush()
        pledge_grouping.refresh(s)  # rows written by hand: their stored kind and region, as the migration backfills
        s.commit()


@pytest.fixture
def stats(engine: Engine) -> PledgeStatistics:
    seed(engine)
    return PledgeStatistics(engine)


def rows(result) -> list[tuple]:
    return [tuple(r.values()) for r in result.rows]


def test_totals_count_registered_and_cancelled_never_refused_or_pending(stats: PledgeStatistics) -> None:
    result = stats.pledges()
    assert (result.count, result.amount) == (5, Decimal("39534568.39"))
    assert result.rows == ()


def test_by_year_and_family(stats: PledgeStatistics) -> None:
    result = stats.pledges((Y, F))
    assert rows(result) == [
        (2024, "copyright", 1, Decimal("800000.00")),  # the cancelled pledge, in its year of registration
        (2024, "patent", 1, Decimal("5000000.00")),
        (2024, "trademark", 1, Decimal("1234567.89")),
        (2025, "mixed", 1, Decimal("30000000.00")),
        (2025, "patent", 1, Decimal("2500000.50")),
    ]
    assert list(result.rows[0]) == ["year", "family", "count", "amount"]
    assert sum(r["count"] for r in result.rows) == result.count  # the mixed pledge is not counted twice


def test_by_family_bank_and_region(stats: PledgeStatistics) -> None:
    assert rows(stats.pledges((F,))) == [("copyright", 1, Decimal("800000.00")), ("mixed", 1, Decimal("30000000.00")),
                                         ("patent", 2, Decimal("7500000.50")), ("trademark", 1, Decimal("1234567.89"))]
    assert rows(stats.pledges((B,))) == [("中国银行股份有限公司镇江分行", 2, Decimal("35000000.00")),
                                         ("江苏银行股份有限公司南京分行", 3, Decimal("4534568.39"))]
    # The region of the first-named pledgor; a pledgor without one is "".
    assert rows(stats.pledges((R,))) == [("", 1, Decimal("800000.00")), ("110000", 2, Decimal("3734568.39")),
                                         ("320100", 2, Decimal("35000000.00"))]
    assert rows(stats.pledges((Y, B)))[0] == (2024, "中国银行股份有限公司镇江分行", 1, Decimal("5000000.00"))


def test_years_are_inclusive_and_filter_the_totals(stats: PledgeStatistics) -> None:
    later = stats.pledges((Y,), start=2025)
    assert rows(later) == [(2025, 2, Decimal("32500000.50"))]
    assert (later.count, later.amount) == (2, Decimal("32500000.50"))
    earlier = stats.pledges((Y,), end=2024)
    assert (earlier.count, earlier.amount) == (3, Decimal("7034567.89"))
    assert stats.pledges(start=2024, end=2024).count == 3
    assert stats.pledges(start=2026).count == 0 and stats.pledges(start=2026).amount == Decimal("0.00")
    with pytest.raises(ValidationError) as err:
        stats.pledges(start=2025, end=2024)
    assert err.value.problems[0].code == "stats.bad_years"


def test_units_wan_and_yi_with_two_places(stats: PledgeStatistics) -> None:
    wan = stats.pledges((Y, F), unit=Unit.WAN)
    assert wan.amount == Decimal("3953.46")
    assert wan.rows[2]["amount"] == Decimal("123.46")  # 1 234 567.89 yuan
    yi = stats.pledges((F,), unit=Unit.YI)
    assert yi.amount == Decimal("0.40")
    assert [r["amount"] for r in yi.rows] == [Decimal("0.01"), Decimal("0.30"), Decimal("0.08"), Decimal("0.01")]
    assert yi.to_json()["totals"] == {"count": 5, "amount": "0.40"}
    assert stats.pledges().to_json()["totals"] == {"count": 5, "amount": "39534568.39"}
