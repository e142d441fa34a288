"""Units, dimensions and years of the statistics: conversions half up to two places, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ipdesk.domain.shared.problems import ValidationError
from ipdesk.domain.statistics.pledges import Dimension, Unit, check_years, parse_dimensions, parse_unit


def test_units_convert_half_up_to_two_places() -> None:
    assert Unit.YUAN.of(Decimal("1234.5")) == Decimal("1234.50")
    assert Unit.WAN.of(Decimal("12345")) == Decimal("1.23")
    assert Unit.WAN.of(Decimal("125")) == Decimal("0.01")  # 0.0125 → 0.01
    assert Unit.WAN.of(Decimal("50")) == Decimal("0.01")  # 0.005 → half up
    assert Unit.YI.of(Decimal("123456789012.34")) == Decimal("1234.57")
    assert parse_unit(None) is Unit.YUAN and parse_unit(" Yi ") is Unit.YI


def test_dimensions_in_the_order_given_and_refusals() -> None:
    assert parse_dimensions("year,family") == (Dimension.YEAR, Dimension.FAMILY)
    assert parse_dimensions(" bank , year ") == (Dimension.BANK, Dimension.YEAR)
    assert parse_dimensions("") == ()
    with pytest.raises(ValidationError) as err:
        parse_dimensions("year,colour,year")
    assert [p.code for p in err.value.problems] == ["stats.bad_dimension", "stats.repeated_dimension"]
    with pytest.raises(ValidationError) as err:
        parse_unit("dollar")
    assert err.value.problems[0].code == "stats.bad_unit"
    with pytest.raises(ValidationError):
        check_years(2025, 2024)
    check_years(2024, 2024)
