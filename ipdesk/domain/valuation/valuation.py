"""Valuation records of a right or a package of rights: method, evaluator, value, value date, validity,
forced-sale value; revaluation adds a record, so the history stays and the current one is the latest valid."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ipdesk.domain.registry.terms import add_months
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.fields import (
    check_length,
    choice_map,
    clean,
    parse_choice,
    parse_date,
    parse_money,
    required,
)
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem


class ValuationMethod(enum.StrEnum):
    """DOMAIN §12: the income approach is the most common for patents."""

    INCOME = "income"  # 收益法
    MARKET = "market"  # 市场法
    COST = "cost"  # 成本法


METHOD_LABELS: dict[ValuationMethod, tuple[str, str]] = {
    ValuationMethod.INCOME: ("收益法", "Income approach"),
    ValuationMethod.MARKET: ("市场法", "Market approach"),
    ValuationMethod.COST: ("成本法", "Cost approach"),
}

VALUATION_FIELDS: dict[str, tuple[str, str]] = {
    "rights": ("评估权利", "Rights valued"),
    "method": ("评估方法", "Method"),
    "evaluator": ("评估机构", "Evaluator"),
    "value": ("评估价值", "Value"),
    "forced_sale_value": ("快速变现价值", "Forced-sale value"),
    "value_date": ("评估基准日", "Value date"),
    "valid_until": ("有效期至", "Valid until"),
    "report_no": ("评估报告编号", "Report no."),
    "notes": ("备注", "Notes"),
}
register_labels(VALUATION_FIELDS)
register_labels({"评估记录": "valuation"})
register({
    "valuation.future_date": ("评估基准日不能晚于今天（{today}）：{value}",
                              "the value date must not be after today ({today}): {value}"),
    "valuation.forced_above_value": ("快速变现价值（{forced}）不能高于评估价值（{value}）",
                                     "the forced-sale value ({forced}) must not exceed the value ({value})"),
    "valuation.valid_until_before": ("有效期至（{value}）须晚于评估基准日（{value_date}）",
                                     "valid until ({value}) must be after the value date ({value_date})"),
    "valuation.no_rights": ("至少要评估一项权利", "a valuation covers at least one right"),
    "valuation.duplicate_right": ("同一权利在评估中出现了两次：{number}",
                                  "the same right appears twice in the valuation: {number}"),
})

REPORT_NO_MAX = 60
NOTES_MAX = 2000
_METHODS = choice_map(METHOD_LABELS)
_ONE_DAY = timedelta(days=1)


def label(name: str, lang: str = "zh") -> str:
    zh, en = VALUATION_FIELDS.get(name, (name, name))
    return en if lang.startswith("en") else zh


def valid_until_for(value_date: date, months: int) -> date:
    """The last day a valuation of ``value_date`` holds for ``months`` months (one year: to the day before
    the anniversary)."""
    return add_months(value_date, months) - _ONE_DAY


@dataclass(frozen=True)
class ValuationInput:
    """A checked valuation, before the service has resolved its rights and its evaluator."""

    method: ValuationMethod
    value: Decimal
    forced_sale_value: Decimal | None
    value_date: date
    valid_until: date
    report_no: str
    notes: str


def _amount(data: dict[str, Any], name: str, problems: list[Problem]) -> Decimal | None:
    amount, found = parse_money(data.get(name), name, label(name))
    problems += found
    if amount is not None and amount < 0:
        problems.append(Problem("negative", name, {"label": label(name), "value": clean(data.get(name))}))
        return None
    return amount


def check_valuation(data: dict[str, Any], today: date, validity_months: int) -> tuple[ValuationInput | None,
                                                                                      list[Problem]]:
    """Every problem of a valuation's own fields at once; the input is ``None`` when there is any.

    Args:
        data: ``method``, ``value``, ``forced_sale_value`` (optional), ``value_date``, ``valid_until``
            (optional: ``validity_months`` after the value date), ``report_no``, ``notes``.
        today: the office's today; a value date after it is refused (a valuation is of a past or present state).
        validity_months: the office setting used when ``valid_until`` is not given.
    """
    problems: list[Problem] = []
    method, found = parse_choice(data.get("method"), _METHODS, "method", label("method"))
    problems += found
    if method is None and not found:
        problems.append(required("method", label("method")))
    value = _amount(data, "value", problems)
    if value is None and not clean(data.get("value")):
        problems.append(required("value", label("value")))
    elif value is not None and value == 0:
        problems.append(Problem("not_positive", "value", {"label": label("value"), "value": clean(data.get("value"))}))
    forced = _amount(data, "forced_sale_value", problems)
    if value is not None and forced is not None and forced > value:
        problems.append(Problem("valuation.forced_above_value", "forced_sale_value",
                                {"forced": str(forced), "value": str(value)}))
    value_date, found = parse_date(data.get("value_date"), "value_date", label("value_date"))
    problems += found
    if value_date is None and not found:
        problems.append(required("value_date", label("value_date")))
    elif value_date is not None and value_date > today:
        problems.append(Problem("valuation.future_date", "value_date",
                                {"today": today.isoformat(), "value": value_date.isoformat()}))
    valid_until, found = parse_date(data.get("valid_until"), "valid_until", label("valid_until"))
    problems += found
    if value_date is not None and valid_until is not None and valid_until <= value_date:
        problems.append(Problem("valuation.valid_until_before", "valid_until",
                                {"value": valid_until.isoformat(), "value_date": value_date.isoformat()}))
    report_no, notes = clean(data.get("report_no")), clean(data.get("notes"))
    problems += check_length(report_no, REPORT_NO_MAX, "report_no", label("report_no"))
    problems += check_length(notes, NOTES_MAX, "notes", label("notes"))
    if problems:
        return None, problems
    assert method is not None and value is not None and value_date is not None
    return ValuationInput(ValuationMethod(method), value, forced, value_date,
                          valid_until or valid_until_for(value_date, validity_months), report_no, notes), []


@dataclass(frozen=True)
class ValuedRight:
    """A right a valuation covers, as the record names it."""

    id: int
    number: str  # display form
    kind: str


@dataclass(frozen=True)
class Valuation:
    """A stored valuation of one right or a package of rights (the value is of the whole package)."""

    id: int
    rights: tuple[ValuedRight, ...]
    method: ValuationMethod
    evaluator_id: int
    evaluator_name: str
    value: Decimal
    forced_sale_value: Decimal | None
    value_date: date
    valid_until: date
    report_no: str = ""
    notes: str = ""
    recorded_by: str = ""
    created_at: datetime | None = None
    #: What the command that returned this record changed (empty when read).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def right_ids(self) -> tuple[int, ...]:
        return tuple(r.id for r in self.rights)

    @property
    def is_package(self) -> bool:
        return len(self.rights) > 1

    def is_valid_on(self, day: date) -> bool:
        return self.value_date <= day <= self.valid_until

    def to_json(self, today: date | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "rights": [r.number for r in self.rights], "method": self.method.value,
            "evaluator": {"id": self.evaluator_id, "name": self.evaluator_name},
            "value": f"{self.value:.2f}",
            "forced_sale_value": None if self.forced_sale_value is None else f"{self.forced_sale_value:.2f}",
            "value_date": self.value_date.isoformat(), "valid_until": self.valid_until.isoformat(),
            "report_no": self.report_no, "notes": self.notes, "recorded_by": self.recorded_by,
        }
        if today is not None:
            out["valid"] = self.is_valid_on(today)
        return out


def _order(v: Valuation) -> tuple[date, int]:
    return v.value_date, v.id


def latest(valuations: Iterable[Valuation]) -> Valuation | None:
    """The most recent valuation (by value date, then by when it was recorded), valid or not."""
    return max(valuations, key=_order, default=None)


def current(valuations: Iterable[Valuation], day: date) -> Valuation | None:
    """The latest valuation still valid on ``day`` (a revaluation supersedes the older ones); None if none."""
    return latest(v for v in valuations if v.is_valid_on(day))
