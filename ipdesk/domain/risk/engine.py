"""The rule engine: what each rule raises for a pledge and its rights on a day (pure).

The service gathers a :class:`PledgeState` per registered pledge (the fee engine's status, the rights'
flags and open cases, valuations, the LTV line, insurance cover, the loans' days overdue) and keeps the
signals in step with what :func:`evaluate` returns: a signal raised is opened, one no longer raised is
cleared. A signal is keyed by (rule, pledge, right); pledge-level rules have no right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ipdesk.domain.risk.rules import RiskRule, RuleCode, RuleSet, Severity

_LAPSED = frozenset({"terminated", "expired", "invalidated"})


@dataclass(frozen=True)
class RightState:
    right_id: int
    display: str
    is_patent: bool
    status: str  # the legal status on the day (the fee engine's for tracked patents)
    fees_next_due: date | None
    expiry: date | None
    invalidation: bool
    dispute: bool
    preservation: bool
    open_cases: int  # open infringement, litigation or administrative entries
    valuation_until: date | None = None  # the latest valuation's validity
    valuation_value: Decimal | None = None
    previous_value: Decimal | None = None  # the valuation before the latest one


@dataclass(frozen=True)
class Cover:
    """The pledge's insurance, when any policy ever covered one of its rights."""

    active_until: date | None  # the end of the cover running today (None: none runs today)
    expired_policy: str | None  # the number of a policy that expired without cover continuing


@dataclass(frozen=True)
class PledgeState:
    pledge_id: int
    registration_no: str
    performance_deadline: date
    rights: tuple[RightState, ...]
    ltv_ratio: Decimal | None = None
    ltv_cap: Decimal | None = None
    cover: Cover | None = None
    maturity: date | None = None  # the latest maturity of the open loans it secures
    overdue_days: int = 0  # the most days overdue of its open loans
    overdue_loan: str | None = None


@dataclass(frozen=True)
class Raised:
    rule: RuleCode
    severity: Severity
    pledge_id: int
    right_id: int | None
    detail: dict[str, Any]

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.rule.value, self.pledge_id, self.right_id or 0)


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _right_rules(rules: RuleSet, p: PledgeState, r: RightState, as_of: date) -> list[tuple[RiskRule, dict]]:
    out: list[tuple[RiskRule, dict[str, Any]]] = []

    def hit(code: RuleCode, **detail: Any) -> None:
        rule = rules.rule(code)
        if rule is not None:
            out.append((rule, detail))

    lapsed = r.status in _LAPSED
    if lapsed:
        hit(RuleCode.LAPSED, status=r.status)
    elif r.status == "late_fee":
        hit(RuleCode.FEE_LATE, due=r.fees_next_due.isoformat() if r.fees_next_due else None)
    elif r.is_patent and r.fees_next_due is not None and (rule := rules.rule(RuleCode.FEE_DUE_SOON)) is not None:
        if as_of <= r.fees_next_due <= as_of + timedelta(days=int(rule.param("days"))):
            out.append((rule, {"due": r.fees_next_due.isoformat(), "days": (r.fees_next_due - as_of).days}))
    if lapsed:
        return out
    if r.invalidation:
        hit(RuleCode.INVALIDATION)
    if r.dispute:
        hit(RuleCode.DISPUTE)
    if r.preservation:
        hit(RuleCode.PRESERVATION)
    if r.open_cases:
        hit(RuleCode.LITIGATION, open=r.open_cases)
    rule = rules.rule(RuleCode.EXPIRY_NEAR_DEADLINE)
    if rule is not None and r.expiry is not None:
        if r.expiry <= add_months(p.performance_deadline, int(rule.param("months"))):
            out.append((rule, {"expiry": r.expiry.isoformat(), "deadline": p.performance_deadline.isoformat()}))
    if r.valuation_until is not None and r.valuation_until < as_of:
        hit(RuleCode.VALUATION_EXPIRED, valid_until=r.valuation_until.isoformat())
    rule = rules.rule(RuleCode.VALUATION_DROP)
    if rule is not None and r.valuation_value is not None and r.previous_value:
        drop = (r.previous_value - r.valuation_value) * 100 / r.previous_value
        if drop > rule.param("percent"):
            out.append((rule, {"from": f"{r.previous_value:.2f}", "to": f"{r.valuation_value:.2f}",
                               "drop_percent": f"{drop.quantize(Decimal('0.01'))}"}))
    return out


def evaluate(rules: RuleSet, p: PledgeState, as_of: date) -> list[Raised]:
    """Every signal the rules in force raise for pledge ``p`` on ``as_of``."""
    raised = [Raised(rule.code, rule.severity, p.pledge_id, r.right_id, {"right": r.display, **detail})
              for r in p.rights for rule, detail in _right_rules(rules, p, r, as_of)]

    def hit(code: RuleCode, **detail: Any) -> None:
        rule = rules.rule(code)
        if rule is not None:
            raised.append(Raised(code, rule.severity, p.pledge_id, None, detail))

    if p.ltv_ratio is not None and p.ltv_cap is not None and p.ltv_ratio > p.ltv_cap:
        hit(RuleCode.LTV_OVER_CAP, ratio=f"{p.ltv_ratio:.2f}", cap=f"{p.ltv_cap:.2f}")
    if p.cover is not None:
        due = p.maturity or p.performance_deadline  # the loans' maturity once loans exist
        if p.cover.active_until is None:
            hit(RuleCode.INSURANCE_LAPSED, policy=p.cover.expired_policy, cover_until=None, maturity=due.isoformat())
        elif p.cover.active_until < due:
            hit(RuleCode.INSURANCE_LAPSED, cover_until=p.cover.active_until.isoformat(), maturity=due.isoformat())
    rule = rules.rule(RuleCode.REPAYMENT_OVERDUE)
    if rule is not None and p.overdue_days >= max(int(rule.param("days")), 1):
        raised.append(Raised(rule.code, rule.severity, p.pledge_id, None,
                             {"loan": p.overdue_loan, "overdue_days": p.overdue_days}))
    return raised
