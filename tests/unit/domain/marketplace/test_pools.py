"""Pool valuation by method, the distribution key (100 %), the distribution exact to the fen (property test)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.marketplace.pools import PoolMethod, Share, distribute, key_problems, pool_value


@pytest.mark.parametrize(("method", "values", "expected"), [
    (PoolMethod.AVERAGE, [D(100), D(200), None], D("450.00")),  # the unvalued patent at the average
    (PoolMethod.SUM, [D(100), D(200), None], D("300.00")),
    (PoolMethod.MINIMUM, [D(100), D(200), None], D("300.00")),
    (PoolMethod.AVERAGE, [None, None], None),
    (PoolMethod.AVERAGE, [D(1), D(2), D(2)], D("5.00")),
])
def test_pool_value(method: PoolMethod, values: list, expected: D | None) -> None:  # type: ignore[type-arg]
    assert pool_value(method, values) == expected


def test_the_key_must_add_up_to_a_hundred() -> None:
    assert key_problems([Share(1, "甲", D(60)), Share(2, "乙", D(40))]) == []
    (problem,) = key_problems([Share(1, "甲", D(60)), Share(2, "乙", D("39.99"))])
    assert problem.code == "market.pool_key_total" and "99.99" in problem.message()
    assert key_problems([Share(1, "甲", D(120)), Share(2, "乙", D(-20))])[0].code == "market.pool_share"


def test_a_fen_that_does_not_divide_goes_to_the_largest_remainder() -> None:
    shares = [Share(1, "甲", D("33.34")), Share(2, "乙", D("33.33")), Share(3, "丙", D("33.33"))]
    assert distribute(D("100.00"), shares) == [(1, D("33.34")), (2, D("33.33")), (3, D("33.33"))]
    assert distribute(D("0.01"), shares) == [(1, D("0.01")), (2, D("0.00")), (3, D("0.00"))]


@st.composite
def keys(draw: st.DrawFn) -> list[Share]:
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=0, max_size=6)))
    bounds = [0, *cuts, 10_000]
    return [Share(i, f"m{i}", D(hi - lo) / 100) for i, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False))]


@given(amount=st.integers(0, 10**11).map(lambda f: D(f) / 100), shares=keys())
def test_the_distribution_is_exact_to_the_fen(amount: D, shares: list[Share]) -> None:
    assert key_problems(shares) == []
    parts = distribute(amount, shares)
    assert sum(p for _i, p in parts) == amount
    for share, (_i, part) in zip(shares, parts, strict=True):
        exact = amount * share.percent / 100
        assert part.as_tuple().exponent == -2 and abs(part - exact) < D("0.01")
