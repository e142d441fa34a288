"""Sharing a loss under a scheme, exact to the fen: the parties' amounts always add up to the loss.

The loss is a settlement's shortfall: its principal part is shared by the principal shares, the rest
(unpaid interest, penalty interest and any unpaid costs) by the interest shares. Then the limits: a
party's cap, and the pool balance the pool's parties draw on together (cut interest first: a compensation
pool is there for the principal). What a limit cuts goes to the scheme's residual party; a scheme without
one refuses the claim (a claim over the pool balance, or over a cap, with nobody to bear the rest).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ipdesk.domain.funds.schemes import HUNDRED, Scheme, SchemeKind
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import ZERO, split
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError

register({
    "funds.over_pool": ("补偿请求 {claim} 元超过资金池余额 {balance} 元（方案 {scheme}）",
                        "a claim of {claim} yuan exceeds the pool balance of {balance} yuan (scheme {scheme})"),
    "funds.over_cap": ("{party} 应分担 {amount} 元，超过其上限 {cap} 元，且无兜底方（方案 {scheme}）",
                       "{party} would bear {amount} yuan, over its cap of {cap} yuan, and nobody bears the rest "
                       "(scheme {scheme})"),
    "funds.no_pool": ("方案 {scheme} 不使用资金池，不能给出资金池余额",
                      "scheme {scheme} draws on no pool: no pool balance applies"),
    "funds.loss_negative": ("损失金额不能为负数：{value}", "a loss must not be negative: {value}"),
})


@dataclass(frozen=True)
class Loss:
    """The loss to share (yuan, whole fen): the unpaid principal and the unpaid rest."""

    principal: Decimal
    interest: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


@dataclass(frozen=True)
class PartyLoss:
    party: str
    principal: Decimal
    interest: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


@dataclass(frozen=True)
class Sharing:
    """Who bears what of ``loss`` under ``scheme``; ``parties`` in the scheme's order."""

    scheme: str
    loss: Loss
    parties: tuple[PartyLoss, ...]
    pool_paid: Decimal = ZERO

    def amounts(self) -> dict[str, Decimal]:
        return {p.party: p.total for p in self.parties}


def _weights(scheme: Scheme, attr: str) -> list[Decimal]:
    """Each party's per cent, the residual party also taking whatever the shares leave under 100 %."""
    weights = [getattr(s, attr) for s in scheme.shares]
    if scheme.residual is not None:
        i = scheme.parties.index(scheme.residual)
        weights[i] += HUNDRED - sum(weights, Decimal(0))
    return weights


def _cut(parts: dict[str, list[Decimal]], party: str, amount: Decimal, residual: str) -> None:
    """Move ``amount`` of ``party``'s burden to ``residual``, interest first."""
    principal, interest = parts[party]
    from_interest = min(interest, amount)
    from_principal = amount - from_interest
    parts[party] = [principal - from_principal, interest - from_interest]
    parts[residual][0] += from_principal
    parts[residual][1] += from_interest


def share_loss(scheme: Scheme, loss: Loss, *, pool_balance: Decimal | None = None,
               proceeds: Decimal | None = None) -> Sharing:
    """Share ``loss`` under ``scheme``.

    Args:
        pool_balance: what the scheme's pool holds (``None``: enough for any claim).
        proceeds: what the disposal fetched (a CAPP buyer bears what its price exceeds them by).

    Raises:
        ValidationError: a negative loss, or a pool balance for a scheme without a pool.
        RuleRefusal: a claim over the pool balance or over a cap with no residual party to bear the rest.
    """
    if loss.principal < 0 or loss.interest < 0:
        raise ValidationError(Problem("funds.loss_negative", "loss",
                                      {"value": str(min(loss.principal, loss.interest))}))
    if pool_balance is not None and (not scheme.has_pool):
        raise ValidationError(Problem("funds.no_pool", "pool_balance", {"scheme": scheme.name}))
    if pool_balance is not None and pool_balance < 0:
        raise ValidationError(Problem("funds.negative", "pool_balance",
                                      {"label": "资金池余额", "value": str(pool_balance)}))
    if scheme.kind is SchemeKind.CAPP:
        return _capp(scheme, loss, proceeds or ZERO)
    principal = split(loss.principal, _weights(scheme, "principal"))
    interest = split(loss.interest, _weights(scheme, "interest"))
    parts = {s.party: [p, i] for s, p, i in zip(scheme.shares, principal, interest, strict=True)}
    for s in scheme.shares:
        total = sum(parts[s.party], ZERO)
        if s.cap is not None and total > s.cap and s.party != scheme.residual:
            if scheme.residual is None:
                raise RuleRefusal(Problem("funds.over_cap", "scheme", {"party": s.party, "amount": str(total),
                                                                        "cap": str(s.cap), "scheme": scheme.name}))
            _cut(parts, s.party, total - s.cap, scheme.residual)
    pooled = [s.party for s in scheme.shares if s.from_pool and s.party != scheme.residual]
    claim = sum((sum(parts[p], ZERO) for p in pooled), ZERO)
    if pool_balance is not None and claim > pool_balance:
        if scheme.residual is None:
            raise RuleRefusal(Problem("funds.over_pool", "pool_balance",
                                      {"claim": str(claim), "balance": str(pool_balance), "scheme": scheme.name}))
        # The pool pays up to its balance, its parties in proportion to what they would have borne.
        allowed = split(pool_balance, [sum(parts[p], ZERO) for p in pooled])
        for party, keep in zip(pooled, allowed, strict=True):
            _cut(parts, party, sum(parts[party], ZERO) - keep, scheme.residual)
        claim = pool_balance
    return Sharing(scheme.name, loss, tuple(PartyLoss(p, *parts[p]) for p in scheme.parties), pool_paid=claim)


def _capp(scheme: Scheme, loss: Loss, proceeds: Decimal) -> Sharing:
    """The committed buyer pays its guaranteed price: it bears the loss up to that price less the proceeds
    (principal first), the lender the rest."""
    price = scheme.guaranteed_price or ZERO
    buyer = min(loss.total, max(price - proceeds, ZERO))
    buyer_principal = min(buyer, loss.principal)
    buyer_interest = buyer - buyer_principal
    return Sharing(scheme.name, loss, (
        PartyLoss("buyer", buyer_principal, buyer_interest),
        PartyLoss("bank", loss.principal - buyer_principal, loss.interest - buyer_interest),
    ))
