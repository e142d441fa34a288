"""Credit lines of a bank–enterprise matchmaking event (seed 004: on 2009-12-19 in Zhenjiang 26 firms' 138
patents got 1.3亿 of collective credit lines from 6 banks) and the rules they follow — pure.

A line is one bank's credit line to one firm against the patents the firm offers: intended (意向) at the
event, approved (批准) by the bank, withdrawn, or converted into a pledge application (the line's amount is
the secured amount, its term from the application day the performance deadline). The event's totals count
the lines still alive (not withdrawn): distinct firms, patents and banks, and their amount.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ipdesk.domain.registry.terms import add_months
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "match.amount_positive": ("授信额度应大于零：{value}", "the credit line must be greater than zero: {value}"),
    "match.term_range": ("授信期限应为 1 到 {max} 个月：{value}", "the term must be 1 to {max} months: {value}"),
    "match.same_party": ("授信银行与企业不能是同一当事人：{party}",
                         "the bank and the firm cannot be one party: {party}"),
    "match.not_a_bank": ("{party} 不是银行，不能授信", "{party} is not a bank and cannot grant a credit line"),
    "match.no_rights": ("授信应列明企业提供的专利", "a credit line must list the patents the firm offers"),
    "match.right_twice": ("{number} 在本授信中重复列出", "{number} is listed twice in this line"),
    "match.not_owner": ("{number} 不属于 {party}，不能由其提供", "{number} is not {party}'s to offer"),
    "match.right_offered": ("{number} 已在本次对接会的另一笔授信中（{line}）",
                            "{number} is already offered in another line of this event ({line})"),
    "match.line_status": ("授信 {line} 当前为“{status}”，不能{action}",
                          "line {line} is {status}: it cannot be {action}"),
})

#: The longest term a line may have (ten years: seed 004's lines are one-year; long project loans exist).
MAX_TERM_MONTHS = 120


class LineStatus(enum.StrEnum):
    INTENDED = "intended"  # 意向授信 at the event
    APPROVED = "approved"  # the bank has approved it
    WITHDRAWN = "withdrawn"
    CONVERTED = "converted"  # a pledge application was filed from it


LINE_STATUS_LABELS: dict[LineStatus, tuple[str, str]] = {
    LineStatus.INTENDED: ("意向", "Intended"), LineStatus.APPROVED: ("已批准", "Approved"),
    LineStatus.WITHDRAWN: ("已撤回", "Withdrawn"), LineStatus.CONVERTED: ("已转质押申请", "Converted"),
}

#: What may be done to a line in each status, and the status it then has.
_STEPS: dict[str, tuple[frozenset[LineStatus], LineStatus, tuple[str, str]]] = {
    "approve": (frozenset({LineStatus.INTENDED}), LineStatus.APPROVED, ("批准", "approved")),
    "withdraw": (frozenset({LineStatus.INTENDED, LineStatus.APPROVED}), LineStatus.WITHDRAWN,
                 ("撤回", "withdrawn")),
    "convert": (frozenset({LineStatus.INTENDED, LineStatus.APPROVED}), LineStatus.CONVERTED,
                ("转为质押申请", "converted")),
}


def step(action: str, status: LineStatus, line: str) -> tuple[LineStatus | None, Problem | None]:
    """The status after ``action`` on a line in ``status``, or the problem refusing it (converting twice,
    withdrawing a converted line)."""
    allowed, after, (zh, en) = _STEPS[action]
    if status in allowed:
        return after, None
    label = LINE_STATUS_LABELS[status]
    return None, Problem("match.line_status", "line", {"line": line, "status": label[0], "status_en": label[1].lower(),
                                                       "action": zh, "action_en": en})


def line_problems(amount: Decimal, term_months: int, firm: int, bank: int, *, bank_is_bank: bool,
                  bank_name: str, numbers: Sequence[str]) -> list[Problem]:
    """Every problem of a new line's own values (the owners and other lines are the caller's to check)."""
    out: list[Problem] = []
    if amount <= 0:
        out.append(Problem("match.amount_positive", "amount", {"value": f"{amount:f}"}))
    if not 1 <= term_months <= MAX_TERM_MONTHS:
        out.append(Problem("match.term_range", "term", {"value": term_months, "max": MAX_TERM_MONTHS}))
    if firm == bank:
        out.append(Problem("match.same_party", "bank", {"party": bank_name}))
    elif not bank_is_bank:
        out.append(Problem("match.not_a_bank", "bank", {"party": bank_name}))
    if not numbers:
        out.append(Problem("match.no_rights", "rights"))
    seen: set[str] = set()
    for number in numbers:
        if number in seen:
            out.append(Problem("match.right_twice", "rights", {"number": number}))
        seen.add(number)
    return out


def performance_deadline(application_day: date, term_months: int) -> date:
    """The pre-filled application's performance deadline: the line's term from the application day."""
    return add_months(application_day, term_months)


@dataclass(frozen=True)
class LineFacts:
    """What the totals need of a line."""

    firm_id: int
    bank_id: int
    amount: Decimal
    status: LineStatus
    right_ids: tuple[int, ...]


@dataclass(frozen=True)
class Totals:
    firms: int
    patents: int
    banks: int
    amount: Decimal
    lines: int
    converted_amount: Decimal

    def to_json(self) -> dict[str, object]:
        return {"firms": self.firms, "patents": self.patents, "banks": self.banks, "lines": self.lines,
                "amount": f"{self.amount:.2f}", "converted_amount": f"{self.converted_amount:.2f}"}


def totals(lines: Iterable[LineFacts]) -> Totals:
    """The event's figures over its lines that are not withdrawn (a converted line still counts: it is the
    credit the event brought); ``converted_amount`` is the part already filed as pledge applications."""
    alive = [line for line in lines if line.status is not LineStatus.WITHDRAWN]
    return Totals(firms=len({line.firm_id for line in alive}),
                  patents=len({r for line in alive for r in line.right_ids}),
                  banks=len({line.bank_id for line in alive}),
                  amount=sum((line.amount for line in alive), Decimal("0.00")),
                  lines=len(alive),
                  converted_amount=sum((line.amount for line in alive if line.status is LineStatus.CONVERTED),
                                       Decimal("0.00")))
