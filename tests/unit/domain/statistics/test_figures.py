"""The figures' pure helpers: the year × family pivot and the months filled in between."""

from __future__ import annotations

from decimal import Decimal

from ipdesk.domain.statistics.figures import every_month, pivot, value_text


def test_pivot_puts_zero_where_a_family_has_no_pledge_and_orders_the_series() -> None:
    rows = [{"year": 2024, "family": "trademark", "amount": Decimal("1.5")},
            {"year": 2025, "family": "patent", "amount": Decimal("2")},
            {"year": 2025, "family": "mixed", "amount": Decimal("3")}]
    p = pivot(rows, "year", "family", "amount", ("patent", "trademark", "copyright", "mixed"))
    assert p.categories == ("2024", "2025")
    assert p.series == {"patent": (0, 2), "trademark": (Decimal("1.5"), 0), "mixed": (0, 3)}  # no copyright at all


def test_every_month_fills_the_quiet_months_across_a_year_end() -> None:
    rows = [{"month": "2024-11", "registered": 2}, {"month": "2025-02", "registered": 1}]
    assert every_month(rows, ("registered",)) == [
        {"month": "2024-11", "registered": 2}, {"month": "2024-12", "registered": 0},
        {"month": "2025-01", "registered": 0}, {"month": "2025-02", "registered": 1}]
    assert every_month([], ("registered",)) == []


def test_values_in_words() -> None:
    assert value_text("family", "mixed") == "混合" and value_text("family", "mixed", "en") == "Mixed"
    assert value_text("kind", "utility_model") == "实用新型" and value_text("kind", "mixed", "en") == "Several kinds"
    assert value_text("region", "") == "未填写" and value_text("region", "320100") == "320100"
