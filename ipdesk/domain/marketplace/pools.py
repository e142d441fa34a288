"""Patent pools for trust financing (seed 004 §2): complementary patents of several member firms valued as
one, a trust plan over them, and the pool's licence income shared among the members by an agreed key,
exact to the fen.

Valuation methods: ``average`` — the pool counts every patent at the average value of its valued patents
(a patent not yet valued takes the average, which is what pooling complementary patents argues for);
``sum`` — the valued patents' values added up (an unvalued patent adds nothing); ``minimum`` — every patent
at the lowest value found (the prudent lender's view).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import HUNDRED, ZERO, fen, split
from ipdesk.domain.shared.problems import Problem

register({
    "market.pool_key_total": ("分配比例合计应为 100%，现为 {total}%（{members}）",
                              "the distribution key must add up to 100%; it is {total}% ({members})"),
    "market.pool_share": ("分配比例应在 0 到 100 之间：{value}", "a share must be between 0 and 100: {value}"),
})


class PoolMethod(enum.StrEnum):
    AVERAGE = "average"
    SUM = "sum"
    MINIMUM = "minimum"


POOL_METHOD_LABELS = {PoolMethod.AVERAGE: ("平均值法", "Average"), PoolMethod.SUM: ("加总法", "Sum"),
                      PoolMethod.MINIMUM: ("最低值法", "Minimum")}


def pool_value(method: PoolMethod, values: Sequence[Decimal | None]) -> Decimal | None:
    """The pool's value from its patents' values (None: not valued); None when no patent is valued."""
    valued = [v for v in values if v is not None]
    if not valued:
        return None
    if method is PoolMethod.SUM:
        return fen(sum(valued, ZERO))
    each = min(valued) if method is PoolMethod.MINIMUM else sum(valued, ZERO) / len(valued)
    return fen(each * len(values))


@dataclass(frozen=True)
class Share:
    member_id: int
    name: str
    percent: Decimal


def key_problems(shares: Sequence[Share]) -> list[Problem]:
    """The key of the members sharing an income: each share 0–100, all of them exactly 100 %."""
    out = [Problem("market.pool_share", "share", {"value": f"{s.percent:f}"}) for s in shares
           if not ZERO <= s.percent <= HUNDRED]
    total = sum((s.percent for s in shares), Decimal(0))
    if not out and total != HUNDRED:
        out.append(Problem("market.pool_key_total", "share", {
            "total": f"{total.normalize():f}", "members": "、".join(f"{s.name} {s.percent.normalize():f}%"
                                                               for s in shares)}))
    return out


def distribute(amount: Decimal, shares: Sequence[Share]) -> list[tuple[int, Decimal]]:
    """``amount`` (yuan, to the fen) to each member by its share; the parts add up to it exactly (the fen
    left by rounding go to the largest remainders, earlier members first on a tie)."""
    parts = split(fen(amount), [s.percent for s in shares])
    return [(s.member_id, part) for s, part in zip(shares, parts, strict=True)]
