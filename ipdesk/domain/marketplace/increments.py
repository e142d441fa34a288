"""Bid increments: one fixed step, or steps tiered by price band (``0=1000,1000000=5000``: 1 000 yuan below
a current price of 1 000 000, 5 000 from there on)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "market.increment": ("加价幅度应为正金额，或“起价=幅度”的价格区间列表（例如 0=1000,1000000=5000）：{value}",
                         "the increment must be a positive amount or price bands 'from=step' "
                         "(e.g. 0=1000,1000000=5000): {value}"),
})


@dataclass(frozen=True)
class Increments:
    """The steps by band: ``bands`` are (from price, step), ascending, the first from 0."""

    bands: tuple[tuple[Decimal, Decimal], ...]

    def step_at(self, price: Decimal) -> Decimal:
        """The step that applies on top of the current ``price``."""
        step = self.bands[0][1]
        for start, value in self.bands:
            if price >= start:
                step = value
        return step

    @property
    def text(self) -> str:
        """The stored form (what :func:`parse_increments` reads back)."""
        if len(self.bands) == 1:
            return f"{self.bands[0][1]:.2f}"
        return ",".join(f"{start:.2f}={step:.2f}" for start, step in self.bands)


def parse_increments(text: str) -> Increments:
    """``1000`` or ``0=1000,1000000=5000``.

    Raises:
        ValidationError: ``market.increment``.
    """
    bad = ValidationError(Problem("market.increment", "increment", {"value": text}))
    bands: list[tuple[Decimal, Decimal]] = []
    try:
        for part in (p.strip() for p in str(text).split(",")):
            start, _, step = part.rpartition("=")
            band = (Decimal(start.strip() or "0"), Decimal(step.strip()))
            if not band[0].is_finite() or not band[1].is_finite() or band[0] < 0 or band[1] <= 0:
                raise bad
            bands.append((band[0].quantize(Decimal("0.01")), band[1].quantize(Decimal("0.01"))))
    except (InvalidOperation, ValueError):
        raise bad from None
    bands.sort()
    if not bands or bands[0][0] != 0 or len({b[0] for b in bands}) != len(bands):
        raise bad
    return Increments(tuple(bands))
