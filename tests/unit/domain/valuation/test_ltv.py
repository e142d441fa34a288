"""The loan-to-value rule: ratio, the strictest cap of a mixed pledge, expired or missing valuations, the term."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ipdesk.domain.valuation.ltv import DEFAULT_LTV_CAPS, PledgedRight, assess, ratio_of
from ipdesk.domain.valuation.valuation import Valuation, ValuationMethod, ValuedRight

TODAY = date(2026, 12, 1)
DEADLINE = date(2028, 11, 15)
PATENT = PledgedRight(1, "ZL 201710601862.3", "invention", date(2037, 7, 24))
UTILITY = PledgedRight(2, "ZL 202220312345.0", "utility_model", date(2032, 2, 9))


def valuation(vid: int, value: str, *rights: PledgedRight, on: date = date(2026, 11, 20),
              until: date = date(2027, 11, 19)) -> Valuation:
    return Valuation(vid, tuple(ValuedRight(r.id, r.number, r.kind) for r in rights), ValuationMethod.INCOME, 9,
                     "评估所", Decimal(value), None, on, until)


def run(amount: str, rights: list[PledgedRight], valuations: list[Valuation], buffer: int = 12):
    return assess(Decimal(amount), DEADLINE, rights, valuations, TODAY, DEFAULT_LTV_CAPS, buffer)


def test_ratio_below_the_cap_has_no_warning() -> None:
    line = run("2000000", [PATENT], [valuation(1, "5000000", PATENT)])
    assert line.ratio == Decimal("40.00") and line.cap == Decimal("50") and line.warnings == ()
    assert not line.over_cap and line.to_json()["ratio"] == "40.00"


def test_above_the_cap_warns() -> None:
    line = run("2600000", [PATENT], [valuation(1, "5000000", PATENT)])
    assert line.over_cap and [w.code for w in line.warnings] == ["ltv.over_cap"]
    assert "52.00" in line.warnings[0].message("zh") and "发明专利" in line.warnings[0].message("zh")
    assert "above the cap 50.00% (Invention patent)" in line.warnings[0].message("en")
    assert not run("2500000", [PATENT], [valuation(1, "5000000", PATENT)]).over_cap  # exactly at the cap


def test_a_mixed_pledge_is_held_to_its_strictest_cap_and_a_package_counts_once() -> None:
    package = valuation(1, "6000000", PATENT, UTILITY)
    line = run("2000000", [PATENT, UTILITY], [package])
    assert line.value == Decimal("6000000") and line.ratio == Decimal("33.33")
    assert line.cap == Decimal("30") and line.cap_kind == "utility_model" and line.over_cap
    separate = run("2000000", [PATENT, UTILITY], [valuation(1, "5000000", PATENT), valuation(2, "2000000", UTILITY)])
    assert separate.value == Decimal("7000000") and separate.ratio == Decimal("28.57") and not separate.over_cap


def test_the_current_valuation_is_used_and_an_expired_one_warns() -> None:
    old = valuation(1, "8000000", PATENT, on=date(2025, 1, 1), until=date(2025, 12, 31))
    line = run("2000000", [PATENT], [old])
    assert line.ratio == Decimal("25.00") and [w.code for w in line.warnings] == ["ltv.valuation_expired"]
    assert "2025-12-31" in line.warnings[0].message("en")
    line = run("2000000", [PATENT], [old, valuation(2, "4000000", PATENT)])
    assert line.ratio == Decimal("50.00") and line.warnings == ()


def test_no_valuation_gives_no_ratio() -> None:
    line = run("2000000", [PATENT], [])
    assert line.value is None and line.ratio is None and [w.code for w in line.warnings] == ["ltv.no_valuation"]


def test_a_right_that_ends_before_the_loan_plus_the_buffer_warns() -> None:
    short = PledgedRight(3, "ZL 201720000001.X", "utility_model", date(2029, 6, 30))
    line = run("100", [short], [valuation(1, "5000000", short)])
    assert [w.code for w in line.warnings] == ["ltv.term_short"]
    assert line.warnings[0].params["months"] == 12
    assert run("100", [short], [valuation(1, "5000000", short)], buffer=6).warnings == ()  # 2029-05-15 < 06-30
    assert ratio_of(Decimal("1"), Decimal("3")) == Decimal("33.33")
