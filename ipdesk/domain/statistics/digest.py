"""The deadline digest: one list of what falls due across the office in the next N days, and what has just passed
and can still be acted on — the kinds of deadline, who sees which, and the order of the list (pure rules).

Window: an item is listed when its day is within ``days`` ahead of today, or already past while the thing is still
open (an application undecided after its service-level deadline, a correction not cured, a fee in its late period,
an instalment unpaid, an auction past its close but not yet closed, a registered pledge whose term or performance
deadline or a policy whose cover ended less than ``days`` ago).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from ipdesk.domain.disposal.stages import STAGES, Stage
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Role
from ipdesk.domain.shared.problems import Problem, ValidationError

DEFAULT_DAYS = 14
MAX_DAYS = 366

register({
    "digest.days": ("天数须为 1 至 366 的整数：{value}",
                    "the number of days must be a whole number from 1 to 366: {value}"),
})


class DueKind(enum.StrEnum):
    """What falls due (the value is used in JSON and files)."""

    APPLICATION = "application"  # an undecided application's service-level deadline (办结期限)
    CORRECTION = "correction"  # the applicant's correction deadline (补正期限)
    ANNUAL_FEE = "annual_fee"  # the next annual fee of a pledged patent, with its late band
    PLEDGE_TERM = "pledge_term"  # a registered pledge's term ends (质押期限届满)
    PERFORMANCE = "performance"  # the secured debt's performance deadline (债务履行期限届满)
    LOAN_INSTALMENT = "loan_instalment"  # an instalment of a loan behind a pledge
    DISPOSAL_STAGE = "disposal_stage"  # the working-day deadline of an open disposal case's current stage
    INSURANCE_END = "insurance_end"  # an insurance policy's cover ends (保险期间届满)
    AUCTION_CLOSING = "auction_closing"  # an open auction's (extended) close (竞价结束)


KIND_LABELS: dict[DueKind, tuple[str, str]] = {
    DueKind.APPLICATION: ("办结期限", "Service-level deadline"),
    DueKind.CORRECTION: ("补正期限", "Correction deadline"),
    DueKind.ANNUAL_FEE: ("质押专利年费", "Annual fee of a pledged patent"),
    DueKind.PLEDGE_TERM: ("质押期限届满", "Pledge term ends"),
    DueKind.PERFORMANCE: ("债务履行期限届满", "Performance deadline"),
    DueKind.LOAN_INSTALMENT: ("贷款还款", "Loan instalment"),
    DueKind.DISPOSAL_STAGE: ("处置阶段期限", "Disposal stage deadline"),
    DueKind.INSURANCE_END: ("保险期间届满", "Insurance cover ends"),
    DueKind.AUCTION_CLOSING: ("竞价结束", "Auction closes"),
}

_OFFICE = frozenset(DueKind)
#: Which deadlines each role's digest lists. An agency officer sees its own loans and disposal cases and the
#: pledges it holds as pledgee, and the auctions of its own lots (scoped by the service); the custodian the fees;
#: the insurer officer its own insurer's policies. The clerk does not work disposal cases or their auctions (the
#: approver does, as its view says).
ROLE_KINDS: dict[Role, frozenset[DueKind]] = {
    Role.CLERK: _OFFICE - {DueKind.LOAN_INSTALMENT, DueKind.DISPOSAL_STAGE, DueKind.AUCTION_CLOSING},
    Role.APPROVER: _OFFICE - {DueKind.LOAN_INSTALMENT},
    Role.AGENCY: frozenset({DueKind.PLEDGE_TERM, DueKind.PERFORMANCE, DueKind.LOAN_INSTALMENT,
                            DueKind.DISPOSAL_STAGE, DueKind.AUCTION_CLOSING}),
    Role.CUSTODIAN: frozenset({DueKind.ANNUAL_FEE}),
    Role.INSURER: frozenset({DueKind.INSURANCE_END}),
    Role.AUDITOR: _OFFICE,
    Role.ADMIN: _OFFICE,
}

# Past items of these kinds stay listed for as long as they are open; the others only ``days`` back.
STAYS_WHILE_OPEN = frozenset({DueKind.APPLICATION, DueKind.CORRECTION, DueKind.ANNUAL_FEE, DueKind.LOAN_INSTALMENT,
                              DueKind.DISPOSAL_STAGE, DueKind.AUCTION_CLOSING})


class DueItem(NamedTuple):
    """One deadline: its kind and day, what it is about (a number and a name), and what is due (a band, a sum).

    A named tuple, not a dataclass: the digest builds tens of thousands at a time (17 k at 200 k pledges) and a
    frozen dataclass costs ~3 µs each to build against ~0.4 µs (benchmarks/README.md, the digest)."""

    kind: DueKind
    due: date
    reference: str  # application, registration, patent or loan number
    subject: str  # the pledgor, the right's title, the borrower
    seq: int | None = None  # the fee's patent year, the instalment's number, the auction's round
    status: str = ""  # a fee's band (due / late / lapsed); an instalment: due / overdue
    rate: Decimal | None = None  # the late fee's surcharge in percent of the fee
    amount: Decimal | None = None  # what is due today (fee with surcharge, instalment outstanding)
    pledge_id: int | None = None
    right_id: int | None = None
    loan_id: int | None = None

    def days_left(self, today: date) -> int:
        """Days from ``today`` to the deadline (negative: passed)."""
        return (self.due - today).days

    def to_json(self, today: date) -> dict[str, Any]:
        return {"kind": self.kind.value, "due": self.due.isoformat(), "days_left": self.days_left(today),
                "reference": self.reference, "subject": self.subject, "seq": self.seq, "status": self.status,
                "rate": None if self.rate is None else f"{self.rate:.0f}",
                "amount": None if self.amount is None else f"{self.amount:.2f}"}

    def detail(self, lang: str = "zh") -> str:
        """What is due, in words: "第5年度年费 滞纳期（滞纳金 10%）", "第3期（逾期）"."""
        zh = lang != "en"
        if self.kind is DueKind.ANNUAL_FEE and self.seq is not None:
            bands = {"late": ("滞纳期", "late period"),
                     "lapsed": ("已过滞纳期（可请求恢复）", "past the late period (restorable)")}
            band = bands.get(self.status, ("", ""))
            text = f"第{self.seq}年度年费" if zh else f"year {self.seq} fee"
            if band[0]:
                text += f" {band[0] if zh else band[1]}"
            if self.rate:
                text += f"（滞纳金 {self.rate:.0f}%）" if zh else f" (surcharge {self.rate:.0f} %)"
            return text
        if self.kind is DueKind.DISPOSAL_STAGE and self.status:
            try:
                label = STAGES[Stage(self.status)].label
            except (ValueError, KeyError):
                label = (self.status, self.status)
            return f"「{label[0]}」阶段" if zh else f"stage: {label[1]}"
        if self.kind is DueKind.AUCTION_CLOSING and self.seq is not None:
            return f"第{self.seq}轮竞价" if zh else f"round {self.seq}"
        if self.kind is DueKind.LOAN_INSTALMENT and self.seq is not None:
            text = f"第{self.seq}期" if zh else f"instalment {self.seq}"
            if self.status == "overdue":
                text += "（逾期）" if zh else " (overdue)"
            return text
        return ""


def kinds_for(role: Role) -> frozenset[DueKind]:
    return ROLE_KINDS.get(role, frozenset())


def ordered(items: list[DueItem]) -> list[DueItem]:
    """Earliest first (what passed before what is coming), then by kind and number: a stable list."""
    order = {k: n for n, k in enumerate(DueKind)}
    return sorted(items, key=lambda i: (i.due, order[i.kind], i.reference))


def parse_days(value: Any) -> int:
    """The digest's horizon in days (default 14).

    Raises:
        ValidationError: ``digest.days`` unless a whole number 1..366.
    """
    text = str(value).strip() if value is not None else str(DEFAULT_DAYS)
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise ValidationError(Problem("digest.days", "days", {"value": text}))
    return int(text)
