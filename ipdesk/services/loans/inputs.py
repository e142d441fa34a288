"""A loan as JSON or form data → checked terms with the parties and the pledge resolved (nothing written).

Keys: ``lender``, ``borrower`` (party id as ``#id``, USCC or exact name), ``pledge`` (registration number,
optional), ``principal``, ``rate`` (per cent a year), ``start``, ``maturity``, ``schedule`` (one of
``equal_instalments``, ``equal_principal``, ``interest_only``, ``custom``), ``instalments`` (custom: a list
of ``{"due", "principal"}``), ``penalty_surcharge`` (per cent, 30–50), ``default_after_days``,
``allocation`` (a list of ``bucket.component`` rules). Every problem is collected and raised at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.loans.schedule import Instalment, ScheduleKind, build
from ipdesk.domain.loans.servicing import parse_allocation
from ipdesk.domain.loans.terms import check_terms
from ipdesk.domain.pledges.lifecycle import PledgeStatus
from ipdesk.domain.shared.fields import clean, parse_date, parse_int, parse_money, required
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.services.loans.settings import LoanSettings
from ipdesk.services.pledges.inputs import resolve_party
from ipdesk.storage.schema import PledgeRow

register({
    "loans.party_unknown": ("{label}不在当事人名录中：{key}", "{label} is not a known party: {key}"),
    "loans.pledge_unknown": ("未找到已登记的质押：{key}", "no registered pledge {key}"),
    "loans.bad_schedule": ("还款方式不是可选值：{value}（可选：{choices}）",
                           "the schedule is not one of {choices}: {value}"),
    "loans.bad_rate": ("年利率应为数字（最多四位小数）：{value}",
                       "the annual rate must be a number (up to 4 decimals): {value}"),
})
LABELS = {"lender": "贷款人", "borrower": "借款人", "pledge": "质押登记", "principal": "贷款本金", "rate": "年利率",
          "start": "起息日", "maturity": "到期日", "schedule": "还款方式", "penalty_surcharge": "罚息上浮比例",
          "default_after_days": "自动违约逾期天数", "instalments": "还款计划", "amount": "金额", "on": "日期"}
register_labels({"贷款人": "lender", "借款人": "borrower", "贷款本金": "principal",
                 "年利率": "annual rate", "起息日": "start date", "到期日": "maturity", "还款方式": "schedule",
                 "罚息上浮比例": "penalty surcharge", "自动违约逾期天数": "days overdue before default",
                 "还款计划": "schedule", "金额": "amount", "贷款": "loan"})


@dataclass(frozen=True)
class LoanInput:
    lender_id: int
    borrower_id: int
    pledge_id: int | None
    principal: Decimal
    annual_rate: Decimal
    start: date
    maturity: date
    schedule: ScheduleKind
    instalments: tuple[Instalment, ...]
    penalty_surcharge: Decimal
    default_after_days: int
    allocation: tuple[str, ...]


def _rate(value: Any, problems: list[Problem]) -> Decimal | None:
    text = clean(value).rstrip("%").strip()
    if not text:
        problems.append(required("rate", LABELS["rate"]))
        return None
    try:
        rate = Decimal(text)
    except ArithmeticError:
        rate = None
    if rate is None or not rate.is_finite() or rate.as_tuple().exponent < -4:  # type: ignore[operator]
        problems.append(Problem("loans.bad_rate", "rate", {"value": text}))
        return None
    return rate


def _party(session: Session, data: dict[str, Any], key: str, problems: list[Problem]) -> int | None:
    value = data.get(key)
    if value in (None, ""):
        problems.append(required(key, LABELS[key]))
        return None
    found = resolve_party(session, value)
    if found is None:
        problems.append(Problem("loans.party_unknown", key, {"label": LABELS[key], "key": clean(value)}))
    return found


def _pledge(session: Session, value: Any, problems: list[Problem]) -> int | None:
    text = clean(value)
    if not text:
        return None
    row = session.execute(select(PledgeRow.id).where(PledgeRow.registration_no == text,
                                                     PledgeRow.status == PledgeStatus.REGISTERED.value)).first()
    if row is None:
        problems.append(Problem("loans.pledge_unknown", "pledge", {"key": text}))
        return None
    return int(row[0])


def parse_loan(session: Session, data: dict[str, Any], settings: LoanSettings) -> LoanInput:
    """The loan ``data`` describes, checked; the schedule built.

    Raises:
        ValidationError: every problem found (nothing written).
    """
    problems: list[Problem] = []
    lender = _party(session, data, "lender", problems)
    borrower = _party(session, data, "borrower", problems)
    if lender is not None and lender == borrower:
        problems.append(Problem("loans.same_party", "borrower"))
    pledge = _pledge(session, data.get("pledge"), problems)
    principal, found = parse_money(data.get("principal"), "principal", LABELS["principal"])
    problems += found or ([] if principal is not None else [required("principal", LABELS["principal"])])
    rate = _rate(data.get("rate"), problems)
    dates = {}
    for key in ("start", "maturity"):
        dates[key], found = parse_date(data.get(key), key, LABELS[key])
        problems += found or ([] if dates[key] is not None else [required(key, LABELS[key])])
    kind_text = clean(data.get("schedule")) or ScheduleKind.EQUAL_INSTALMENTS.value
    kind = next((k for k in ScheduleKind if k.value == kind_text), None)
    if kind is None:
        problems.append(Problem("loans.bad_schedule", "schedule",
                                {"value": kind_text, "choices": ", ".join(k.value for k in ScheduleKind)}))
    surcharge, found = parse_money(data.get("penalty_surcharge", settings.penalty_surcharge), "penalty_surcharge",
                                   LABELS["penalty_surcharge"])
    problems += found
    days, found = parse_int(data.get("default_after_days", settings.default_after_days), "default_after_days",
                            LABELS["default_after_days"])
    problems += found
    allocation = tuple(data.get("allocation") or settings.allocation)
    try:
        parse_allocation(allocation)
    except ValidationError as err:
        problems += err.problems
    custom = []
    for n, item in enumerate(data.get("instalments") or [], start=1):
        due, found = parse_date(item.get("due") if isinstance(item, dict) else None, "instalments",
                                f"{LABELS['instalments']}第{n}期")
        amount, more = parse_money(item.get("principal") if isinstance(item, dict) else None, "instalments",
                                   f"{LABELS['instalments']}第{n}期")
        problems += found + more
        if due is None or amount is None:
            problems.append(required("instalments", f"{LABELS['instalments']}第{n}期"))
        else:
            custom.append((due, amount))
    if principal is not None and rate is not None and surcharge is not None and days is not None:
        problems += check_terms(principal, rate, surcharge, days)
    if problems:
        raise ValidationError(problems)
    assert lender and borrower and principal is not None and rate is not None and kind is not None
    assert surcharge is not None and days is not None and dates["start"] and dates["maturity"]
    plan = build(kind, principal, rate, dates["start"], dates["maturity"], custom)
    return LoanInput(lender, borrower, pledge, principal, rate, dates["start"], dates["maturity"], kind,
                     tuple(plan), surcharge, days, allocation)
