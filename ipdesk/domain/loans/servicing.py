"""Servicing a loan by replaying its events: drawdowns, repayments and their allocation, a guarantee agency's
payment on the borrower's behalf (代偿), penalty interest, overdue days, the halt and the default.

The state on any day is the replay of the recorded events up to it, so nothing derived is stored twice
and a back-dated event cannot silently rewrite history (the service refuses it). Rules:

- **Penalty interest** (银发〔2003〕251号): overdue principal bears the contract rate plus a surcharge of
  30–50 % (per loan); unpaid interest bears it too (compound interest at the penalty rate). It accrues
  from the day after the due date, by the day over 360, each stretch between events rounded to the fen.
- **Allocation** (Fineract's payment-allocation rules): a repayment pays ``bucket.component`` pairs in the
  loan's order — buckets ``past_due`` (due before the day), ``due`` (due that day), ``in_advance``, each
  oldest instalment first; components ``penalty``, ``interest``, ``principal``. More than the order can
  reach is refused. Interest is the schedule's: principal paid in advance does not recompute later
  instalments, but once all principal is repaid the interest not yet due falls away and the loan closes.
- **Default**: recorded by hand, or automatic once the oldest unpaid instalment is more than the loan's
  ``default_after_days`` overdue (dated the day it passed that mark).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ipdesk.domain.loans.schedule import Instalment
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import ZERO, fen
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError

register({
    "loans.closed": ("贷款 {loan} 已于 {on} 结清，不能再还款或放款",
                     "loan {loan} was repaid in full on {on}: nothing more"),
    "loans.overpayment": ("还款 {amount} 元超过按分配顺序可偿还的 {payable} 元",
                          "a repayment of {amount} yuan is more than the {payable} yuan the allocation order can pay"),
    "loans.halted": ("贷款 {loan} 已被叫停，不能放款", "loan {loan} is halted: no drawdown"),
    "loans.defaulted": ("贷款 {loan} 已违约，不能放款", "loan {loan} is in default: no drawdown"),
    "loans.over_limit": ("放款后累计 {drawn} 元将超过贷款本金 {principal} 元",
                         "drawing would bring the total drawn to {drawn} yuan, over the principal of {principal} yuan"),
    "loans.allocation_token": ("分配顺序中的 {token} 无效（应为 past_due/due/in_advance.penalty/interest/principal）",
                               "{token} is not an allocation rule "
                               "(past_due/due/in_advance.penalty/interest/principal)"),
    "loans.allocation_repeated": ("分配顺序中的 {token} 重复", "{token} appears twice in the allocation order"),
    "loans.allocation_empty": ("分配顺序不能为空", "the allocation order must not be empty"),
})


class Bucket(enum.StrEnum):
    PAST_DUE = "past_due"
    DUE = "due"
    IN_ADVANCE = "in_advance"


class Component(enum.StrEnum):
    PENALTY = "penalty"
    INTEREST = "interest"
    PRINCIPAL = "principal"


Rule = tuple[Bucket, Component]

#: Overdue penalty interest, then interest, then principal (Civil Code 561's order), then what falls due on
#: the day, then principal in advance (prepayment).
DEFAULT_ALLOCATION: tuple[str, ...] = (
    "past_due.penalty", "past_due.interest", "past_due.principal",
    "due.penalty", "due.interest", "due.principal", "in_advance.principal",
)


def parse_allocation(order: Sequence[str]) -> tuple[Rule, ...]:
    """An allocation order as rules; each ``bucket.component`` at most once.

    Raises:
        ValidationError: an unknown or repeated rule, or none.
    """
    rules: list[Rule] = []
    problems: list[Problem] = []
    for token in order:
        bucket, _, component = token.strip().partition(".")
        try:
            rule = (Bucket(bucket), Component(component))
        except ValueError:
            problems.append(Problem("loans.allocation_token", "allocation", {"token": token}))
            continue
        if rule in rules:
            problems.append(Problem("loans.allocation_repeated", "allocation", {"token": token}))
        rules.append(rule)
    if not order:
        problems.append(Problem("loans.allocation_empty", "allocation"))
    if problems:
        raise ValidationError(problems)
    return tuple(rules)


class EventKind(enum.StrEnum):
    DRAWDOWN = "drawdown"
    REPAYMENT = "repayment"
    COMPENSATION = "compensation"  # 代偿: a guarantee agency pays for the borrower and gains the claim
    HALT = "halt"  # 叫停: no more drawdowns
    RESUME = "resume"
    DEFAULT = "default"


@dataclass(frozen=True)
class LoanEvent:
    kind: EventKind
    on: date
    amount: Decimal = ZERO
    payer: int | None = None  # the agency's party id (compensation)


@dataclass(frozen=True)
class LoanTerms:
    """What the contract fixes (yuan, per cent a year)."""

    number: str
    principal: Decimal
    annual_rate: Decimal
    start: date
    maturity: date
    instalments: tuple[Instalment, ...]
    penalty_surcharge: Decimal = Decimal(50)  # per cent over the contract rate (30–50)
    default_after_days: int = 90
    allocation: tuple[str, ...] = DEFAULT_ALLOCATION

    @property
    def penalty_rate(self) -> Decimal:
        """The penalty rate, per cent a year."""
        return self.annual_rate * (100 + self.penalty_surcharge) / 100


@dataclass
class _Line:
    instalment: Instalment
    paid: dict[Component, Decimal] = field(default_factory=lambda: dict.fromkeys(Component, ZERO))
    penalty: Decimal = ZERO
    waived_interest: Decimal = ZERO

    def owed(self, component: Component) -> Decimal:
        i = self.instalment
        total = {Component.PRINCIPAL: i.principal, Component.INTEREST: i.interest - self.waived_interest,
                 Component.PENALTY: self.penalty}[component]
        return total - self.paid[component]

    @property
    def arrears(self) -> Decimal:
        """Unpaid principal and interest: what bears penalty interest once overdue."""
        return self.owed(Component.PRINCIPAL) + self.owed(Component.INTEREST)


@dataclass(frozen=True)
class InstalmentState:
    seq: int
    due: date
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    paid_principal: Decimal
    paid_interest: Decimal
    paid_penalty: Decimal

    @property
    def outstanding(self) -> Decimal:
        return (self.principal - self.paid_principal) + (self.interest - self.paid_interest) + (
            self.penalty - self.paid_penalty)


@dataclass(frozen=True)
class Allocation:
    """How one payment was applied: ``(instalment seq, component, amount)`` in the order paid."""

    on: date
    amount: Decimal
    parts: tuple[tuple[int, Component, Decimal], ...]

    def by_component(self) -> dict[Component, Decimal]:
        out = dict.fromkeys(Component, ZERO)
        for _, component, amount in self.parts:
            out[component] += amount
        return out


@dataclass(frozen=True)
class LoanState:
    """A loan on ``as_of``: the replay of its events up to that day."""

    terms: LoanTerms
    as_of: date
    instalments: tuple[InstalmentState, ...]
    drawn: Decimal
    halted: bool
    overdue_days: int
    defaulted_on: date | None
    default_kind: str | None  # "manual" or "automatic"
    closed_on: date | None
    allocations: tuple[Allocation, ...]
    compensations: dict[int, Decimal]

    @property
    def outstanding_principal(self) -> Decimal:
        return sum((i.principal - i.paid_principal for i in self.instalments), ZERO)

    def _unpaid(self, attr: str, paid: str, *, due_only: bool) -> Decimal:
        return sum((getattr(i, attr) - getattr(i, paid) for i in self.instalments
                    if not due_only or i.due <= self.as_of), ZERO)

    @property
    def interest_due(self) -> Decimal:
        """Interest fallen due and unpaid."""
        return self._unpaid("interest", "paid_interest", due_only=True)

    @property
    def penalty_outstanding(self) -> Decimal:
        return self._unpaid("penalty", "paid_penalty", due_only=False)

    @property
    def overdue_amount(self) -> Decimal:
        return sum(((i.principal - i.paid_principal) + (i.interest - i.paid_interest) for i in self.instalments
                    if i.due < self.as_of), ZERO)

    @property
    def closed(self) -> bool:
        return self.closed_on is not None


def _bucket(due: date, on: date) -> Bucket:
    return Bucket.PAST_DUE if due < on else Bucket.DUE if due == on else Bucket.IN_ADVANCE


def _accrue(lines: list[_Line], terms: LoanTerms, since: date, until: date) -> None:
    for line in lines:
        start = max(line.instalment.due, since)
        days = (until - start).days
        if days > 0 and line.arrears > 0:
            line.penalty += fen(line.arrears * terms.penalty_rate / 100 * days / 360)


def _allocate(lines: list[_Line], rules: tuple[Rule, ...], on: date, amount: Decimal) -> Allocation:
    left = amount
    parts: list[tuple[int, Component, Decimal]] = []
    for bucket, component in rules:
        for line in lines:
            if left == 0:
                break
            if _bucket(line.instalment.due, on) is not bucket:
                continue
            take = min(left, line.owed(component))
            if take > 0:
                line.paid[component] += take
                left -= take
                parts.append((line.instalment.seq, component, take))
    if left > 0:
        raise ValidationError(Problem("loans.overpayment", "amount",
                                      {"amount": str(amount), "payable": str(amount - left)}))
    return Allocation(on, amount, tuple(parts))


def _oldest_overdue(lines: list[_Line], on: date) -> date | None:
    """The due date of the oldest instalment still unpaid after it fell due, if any."""
    return min((line.instalment.due for line in lines if line.instalment.due < on and line.arrears > 0), default=None)


def _settled(lines: list[_Line], on: date) -> bool:
    """All principal repaid and nothing fallen due left unpaid: the rest of the interest falls away."""
    if any(line.owed(Component.PRINCIPAL) > 0 for line in lines):
        return False
    return all(line.owed(Component.INTEREST) == 0 and line.owed(Component.PENALTY) == 0
               for line in lines if line.instalment.due <= on)


def replay(terms: LoanTerms, events: Sequence[LoanEvent], as_of: date) -> LoanState:
    """The loan on ``as_of`` after ``events`` (in the order recorded; those after ``as_of`` ignored).

    Raises:
        RuleRefusal: a payment or drawdown after the loan was closed, a drawdown while halted or in default
            or over the principal.
        ValidationError: a payment over what the allocation order can pay.
    """
    rules = parse_allocation(terms.allocation)
    lines = [_Line(i) for i in terms.instalments]
    accrued_to = terms.start
    drawn, halted = ZERO, False
    defaulted_on: date | None = None
    default_kind: str | None = None
    closed_on: date | None = None
    allocations: list[Allocation] = []
    compensations: dict[int, Decimal] = {}
    for event in events:
        if event.on > as_of:
            break
        if closed_on is None:
            _accrue(lines, terms, accrued_to, event.on)
            accrued_to = event.on
        if event.kind in (EventKind.DRAWDOWN, EventKind.REPAYMENT, EventKind.COMPENSATION) and closed_on:
            raise RuleRefusal(Problem("loans.closed", "loan", {"loan": terms.number, "on": closed_on.isoformat()}))
        if event.kind is EventKind.DRAWDOWN:
            if halted:
                raise RuleRefusal(Problem("loans.halted", "loan", {"loan": terms.number}))
            oldest = _oldest_overdue(lines, event.on)
            if defaulted_on is not None or (oldest and (event.on - oldest).days > terms.default_after_days):
                raise RuleRefusal(Problem("loans.defaulted", "loan", {"loan": terms.number}))
            if drawn + event.amount > terms.principal:
                raise RuleRefusal(Problem("loans.over_limit", "amount", {"drawn": str(drawn + event.amount),
                                                                         "principal": str(terms.principal)}))
            drawn += event.amount
        elif event.kind in (EventKind.REPAYMENT, EventKind.COMPENSATION):
            allocations.append(_allocate(lines, rules, event.on, event.amount))
            if event.kind is EventKind.COMPENSATION and event.payer is not None:
                compensations[event.payer] = compensations.get(event.payer, ZERO) + event.amount
            if _settled(lines, event.on):
                closed_on = event.on
                for line in lines:
                    if line.instalment.due > event.on:
                        line.waived_interest = line.owed(Component.INTEREST)
        elif event.kind is EventKind.HALT:
            halted = True
        elif event.kind is EventKind.RESUME:
            halted = False
        elif event.kind is EventKind.DEFAULT and defaulted_on is None:
            defaulted_on, default_kind = event.on, "manual"
    if closed_on is None:
        _accrue(lines, terms, accrued_to, as_of)
    oldest = _oldest_overdue(lines, as_of) if closed_on is None else None
    overdue_days = (as_of - oldest).days if oldest else 0
    if defaulted_on is None and oldest and overdue_days > terms.default_after_days:
        defaulted_on = oldest + timedelta(days=terms.default_after_days + 1)
        default_kind = "automatic"
    states = tuple(InstalmentState(
        line.instalment.seq, line.instalment.due, line.instalment.principal,
        line.instalment.interest - line.waived_interest, line.penalty, line.paid[Component.PRINCIPAL],
        line.paid[Component.INTEREST], line.paid[Component.PENALTY]) for line in lines)
    return LoanState(terms, as_of, states, drawn, halted, overdue_days, defaulted_on, default_kind, closed_on,
                     tuple(allocations), compensations)
