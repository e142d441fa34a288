"""Money helpers: splitting to the fen with the parts adding up exactly."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.shared.money import fen, percent_of, split


def test_split_gives_the_leftover_fen_to_the_largest_remainders():
    assert split(D("0.10"), [D(1), D(1), D(1)]) == [D("0.04"), D("0.03"), D("0.03")]
    assert split(D("100.00"), [D(39), D(26), D(7), D(28)]) == [D("39.00"), D("26.00"), D("7.00"), D("28.00")]
    assert split(D("5.00"), [D(0), D(0)]) == [D("0.00"), D("0.00")]


def test_fen_and_percent_round_half_up():
    assert fen(D("1.005")) == D("1.01") and percent_of(D("10.00"), D("33.335")) == D("3.33")


@given(amount=st.integers(0, 10**13).map(lambda n: D(n) / 100),
       weights=st.lists(st.integers(0, 10_000).map(lambda n: D(n) / 100), min_size=1, max_size=8))
def test_split_parts_add_up(amount, weights):
    parts = split(amount, weights)
    if sum(weights) > 0:
        assert sum(parts) == amount
    assert all(p >= 0 for p in parts)
