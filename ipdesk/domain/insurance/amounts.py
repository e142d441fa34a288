"""The money of a policy, exact to the fen: the premium subsidy and the firm's share, a claim's limit,
deductible and the amount approved (DOMAIN.md §9)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ipdesk.domain.insurance.products import ClaimStatus, SubsidyClass
from ipdesk.domain.insurance.rules import SubsidyScheme
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

register({
    "insurance.subsidy_over_premium": ("补贴 {subsidy} 元超过保费 {premium} 元（超过 100 %）",
                                       "the subsidy {subsidy} exceeds the premium {premium} (over 100 %)"),
    "insurance.subsidy_over_cap": ("补贴 {subsidy} 元超过该企业 {year} 年度剩余补贴额度 {left} 元（上限 {cap} 元）",
                                   "the subsidy {subsidy} exceeds the firm's {year} allowance left, {left} "
                                   "(cap {cap})"),
    "insurance.subsidy_negative": ("补贴不能为负：{subsidy}", "the subsidy cannot be negative: {subsidy}"),
})


def fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Subsidy:
    """What the scheme gives one policy.

    Attributes:
        nth: the firm's application count with this policy (1: its first subsidised policy).
        rate: per cent of the premium the scheme pays for that application.
        cap / used: the firm's yearly cap and what its earlier policies of the year already took (no class
            or no scheme: cap 0, nothing to give).
        by_rate: premium × rate; ``amount`` the subsidy, ``min(by_rate, cap − used)`` unless stated;
        insured_pays: the firm's share, premium − subsidy.
    """

    cls: SubsidyClass | None
    nth: int
    rate: Decimal
    cap: Decimal
    used: Decimal
    by_rate: Decimal
    amount: Decimal
    insured_pays: Decimal

    @property
    def capped(self) -> bool:
        return self.amount < self.by_rate


def subsidy(scheme: SubsidyScheme | None, cls: SubsidyClass | None, premium: Decimal, nth: int,
            used: Decimal, given: Decimal | None = None, year: int = 0) -> tuple[Subsidy, list[Problem]]:
    """The subsidy of a ``premium`` under ``scheme``; ``given`` is an amount stated instead of computed
    (from a subsidy notice), checked against the premium (at most 100 %) and the firm's cap left."""
    if scheme is None or cls is None:
        rate, cap = Decimal(0), ZERO
    else:
        rate, cap = scheme.rate(cls, nth), scheme.yearly_cap.get(cls, ZERO)
    by_rate = fen(premium * rate / 100)
    left = max(cap - used, ZERO)
    problems: list[Problem] = []
    if given is None:
        amount = min(by_rate, left)
    else:
        amount = fen(given)
        if amount < 0:
            problems.append(Problem("insurance.subsidy_negative", "subsidy", {"subsidy": f"{amount:.2f}"}))
        elif amount > premium:
            problems.append(Problem("insurance.subsidy_over_premium", "subsidy",
                                    {"subsidy": f"{amount:.2f}", "premium": f"{premium:.2f}"}))
        elif amount > left:
            problems.append(Problem("insurance.subsidy_over_cap", "subsidy",
                                    {"subsidy": f"{amount:.2f}", "left": f"{left:.2f}", "cap": f"{cap:.2f}",
                                     "year": year}))
    return Subsidy(cls, nth, rate, fen(cap), fen(used), by_rate, amount, fen(premium - amount)), problems


# --- claims ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimAmounts:
    """One claim's figures as the limit sees them."""

    status: ClaimStatus
    right_id: int | None
    claimed: Decimal
    approved: Decimal | None
    paid: Decimal | None

    @property
    def committed(self) -> Decimal:
        """What the claim takes of the limit: paid, else approved, else (still open) what is claimed."""
        if self.status is ClaimStatus.REJECTED:
            return ZERO
        if self.status is ClaimStatus.PAID and self.paid is not None:
            return self.paid
        if self.status is ClaimStatus.APPROVED and self.approved is not None:
            return self.approved
        return self.claimed


def remaining(limit: Decimal, claims: Iterable[ClaimAmounts], right_id: int | None = None,
              per_right: Decimal | None = None) -> Decimal:
    """The limit left: the aggregate's, or (with ``right_id`` and a per-right limit) the smaller of the
    aggregate's and that right's."""
    claims = list(claims)
    left = limit - sum((c.committed for c in claims), ZERO)
    if right_id is not None and per_right is not None:
        left = min(left, per_right - sum((c.committed for c in claims if c.right_id == right_id), ZERO))
    return max(fen(left), ZERO)


def approved_amount(assessed: Decimal, deductible: Decimal, left: Decimal) -> Decimal:
    """What the insurer pays on ``assessed`` covered costs: less the deductible, within the limit left."""
    return fen(max(min(assessed - deductible, left), ZERO))
