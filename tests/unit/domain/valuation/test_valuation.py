"""The valuation record's own rules: required fields, no future value date, no negative value, validity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipdesk.domain.valuation.settings import ValuationSettings, check_settings
from ipdesk.domain.valuation.valuation import (
    Valuation,
    ValuationMethod,
    ValuedRight,
    check_valuation,
    current,
    latest,
    valid_until_for,
)

TODAY = date(2026, 12, 1)
GOOD = {"method": "income", "value": "5,000,000.00", "value_date": "2026-11-20", "forced_sale_value": "3000000"}


def codes(data: dict) -> list[str]:
    return [p.code for p in check_valuation(data, TODAY, 12)[1]]


def test_a_good_valuation_holds_one_year_by_default() -> None:
    checked, problems = check_valuation(GOOD, TODAY, 12)
    assert problems == [] and checked is not None
    assert checked.method is ValuationMethod.INCOME and checked.value == Decimal("5000000.00")
    assert checked.forced_sale_value == Decimal("3000000.00")
    assert checked.valid_until == date(2027, 11, 19)  # the day before the anniversary
    assert check_valuation({**GOOD, "method": "收益法"}, TODAY, 6)[0].valid_until == date(2027, 5, 19)  # type: ignore[union-attr]


def test_validity_clamps_at_month_end() -> None:
    assert valid_until_for(date(2024, 2, 29), 12) == date(2025, 2, 27)
    assert valid_until_for(date(2026, 8, 31), 6) == date(2027, 2, 27)


@pytest.mark.parametrize(("change", "code"), [
    ({"value_date": "2026-12-02"}, "valuation.future_date"),
    ({"value": "-1.00"}, "negative"),
    ({"value": "0", "forced_sale_value": ""}, "not_positive"),
    ({"value": "12.345"}, "bad_decimal"),
    ({"forced_sale_value": "-5"}, "negative"),
    ({"forced_sale_value": "6000000"}, "valuation.forced_above_value"),
    ({"method": "guess"}, "bad_choice"),
    ({"method": ""}, "required"),
    ({"value": ""}, "required"),
    ({"value_date": ""}, "required"),
    ({"valid_until": "2026-11-20"}, "valuation.valid_until_before"),
])
def test_bad_input_is_named(change: dict, code: str) -> None:
    assert codes({**GOOD, **change}) == [code]


def test_the_future_date_message_reads_in_both_languages() -> None:
    problem = check_valuation({**GOOD, "value_date": "2027-01-01"}, TODAY, 12)[1][0]
    assert "2027-01-01" in problem.message("zh") and "不能晚于今天" in problem.message("zh")
    assert "must not be after today" in problem.message("en")


def _v(vid: int, value_date: date, valid_until: date) -> Valuation:
    return Valuation(vid, (ValuedRight(1, "ZL 1", "invention"),), ValuationMethod.MARKET, 9, "评估所",
                     Decimal("100"), None, value_date, valid_until)


def test_the_current_valuation_is_the_latest_valid_one() -> None:
    old = _v(1, date(2025, 1, 1), date(2026, 12, 31))
    newer = _v(2, date(2026, 6, 1), date(2027, 5, 31))
    expired = _v(3, date(2024, 1, 1), date(2024, 12, 31))
    assert current([old, newer, expired], TODAY) is newer
    assert current([old, expired], TODAY) is old
    assert current([expired], TODAY) is None and latest([expired, old]) is old
    # Revalued on the same day: the one recorded later wins.
    again = _v(4, date(2026, 6, 1), date(2027, 5, 31))
    assert current([again, newer], TODAY) is again


def test_settings_are_checked() -> None:
    assert check_settings(ValuationSettings()) == []
    bad = ValuationSettings(validity_months=0, term_buffer_months=-1,
                            ltv_caps={"invention": Decimal("120"), "ship": Decimal("10"), "design": Decimal("1.234")})
    assert sorted(p.code for p in check_settings(bad)) == sorted([
        "valuation.validity_months", "valuation.term_buffer_months", "valuation.ltv_cap", "valuation.unknown_kind",
        "valuation.ltv_cap"])
    assert ValuationSettings.from_json(ValuationSettings().to_json()) == ValuationSettings()


def test_settings_typed_in_a_form_name_the_cap_at_fault() -> None:
    from ipdesk.domain.valuation.settings import cap_field, settings_from_text

    settings, problems = settings_from_text(6, 24, {"invention": "45", "trademark": "27.5%"})
    assert problems == [] and settings is not None
    assert settings.validity_months == 6 and settings.ltv_caps["invention"] == Decimal("45")
    assert settings.ltv_caps["trademark"] == Decimal("27.5") and settings.ltv_caps["design"] == Decimal("30")
    settings, problems = settings_from_text(0, 24, {"invention": "abc", "design": "101"})
    assert settings is None
    assert sorted((p.code, p.field) for p in problems) == [
        ("valuation.ltv_cap", cap_field("design")), ("valuation.ltv_cap", cap_field("invention")),
        ("valuation.validity_months", "validity_months")]
