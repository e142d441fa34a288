"""Money to the fen: quantising yuan, and splitting an amount by weights so the parts add up exactly."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def fen(amount: Decimal | int | str) -> Decimal:
    """``amount`` in yuan rounded half-up to the fen (two places)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def split(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``amount`` (whole fen, not negative) in parts proportional to ``weights`` that add up to it exactly.

    Each part is first cut down to the fen; the fen left over go one each to the parts that lost the most
    in the cut (largest remainder), earlier parts first on a tie, so the result never depends on chance.
    All weights zero gives all parts zero (and then the parts add up to the amount only if it is zero).
    """
    total = sum(weights, Decimal(0))
    if total <= 0:
        return [ZERO for _ in weights]
    exact = [amount * w / total for w in weights]
    parts = [e.quantize(CENT, rounding=ROUND_DOWN) for e in exact]
    left = int(((amount - sum(parts, ZERO)) / CENT).to_integral_value())
    by_loss = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_loss[:left]:
        parts[i] += CENT
    return parts


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of ``amount``, to the fen (half-up)."""
    return fen(amount * percent / HUNDRED)
