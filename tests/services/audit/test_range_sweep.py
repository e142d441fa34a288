"""Verification's range look-up (the latest entry whose id range holds a record) answers as a check against
every range would, whether the ids come in ascending order (the walk) or not (deleted records)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ipdesk.services.audit.verify import RangeSweep

RANGES = st.lists(st.tuples(st.integers(1, 60), st.integers(0, 20), st.integers(1, 500)).map(
    lambda t: (t[0], t[0] + t[1], t[2])), max_size=12)


def naive(ranges: list[tuple[int, int, int]], rid: int) -> int | None:
    return max((seq for first, last, seq in ranges if first <= rid <= last), default=None)


@settings(max_examples=200, deadline=None)
@given(RANGES, st.lists(st.integers(0, 90), max_size=40), st.booleans())
def test_the_sweep_answers_as_every_range_would(ranges, ids, ascending) -> None:  # type: ignore[no-untyped-def]
    sweep = RangeSweep(ranges)
    for rid in sorted(ids) if ascending else ids:
        assert sweep.latest(rid) == naive(ranges, rid)
