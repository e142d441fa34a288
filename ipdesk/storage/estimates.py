"""Counts that are not exact: an estimate from a sample or a count stopped at a cap, still an ``int``."""

from __future__ import annotations


class Estimate(int):
    """A count that is not exact, still an ``int`` (callers that only need a number keep working):
    ``kind`` "about" is an estimate from a sample (the register shows "约 94 万条"), "at_least" a count that
    stopped at a cap ("10 万条以上"). The rows are in exact order and a page that continues one already read
    follows it exactly; a jump far from both ends of an "about" list lands near that fraction of the order
    (the position is as approximate as the count), and a reader going to the end reads until a page comes
    back short."""

    kind: str

    def __new__(cls, value: int, kind: str = "about") -> Estimate:
        made = super().__new__(cls, value)
        made.kind = kind
        return made

    def __repr__(self) -> str:
        return f"Estimate({int(self)}, {self.kind!r})"


def estimate_kind(count: int) -> str:
    """"" for an exact count, else the :class:`Estimate`'s kind ("about" / "at_least")."""
    return count.kind if isinstance(count, Estimate) else ""
