"""The valuation context's office settings: how long a valuation holds, the LTV caps and the term buffer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem
from ipdesk.domain.valuation.ltv import DEFAULT_LTV_CAPS, DEFAULT_TERM_BUFFER_MONTHS

register({
    "valuation.validity_months": ("评估有效期应为 {min}–{max} 个月：{value}",
                                  "a valuation's validity must be {min}-{max} months: {value}"),
    "valuation.term_buffer_months": ("期限余量应为 {min}–{max} 个月：{value}",
                                     "the term buffer must be {min}-{max} months: {value}"),
    "valuation.ltv_cap": ("{kind} 的质押率上限应为 0–100 之间、最多两位小数的百分数：{value}",
                          "the LTV cap of {kind} must be a percentage from 0 to 100 with at most 2 decimals: {value}"),
    "valuation.unknown_kind": ("未知的权利类型：{kind}", "unknown kind of right: {kind}"),
})

VALIDITY_MONTHS = (1, 120)
TERM_BUFFER_MONTHS = (0, 240)


@dataclass(frozen=True)
class ValuationSettings:
    """Attributes:
    validity_months: a valuation holds this long after its value date unless it says otherwise (default 1 year).
    term_buffer_months: a pledged right must outlive the performance deadline by this much.
    ltv_caps: percent of the assessed value per kind of right.
    """

    validity_months: int = 12
    term_buffer_months: int = DEFAULT_TERM_BUFFER_MONTHS
    ltv_caps: dict[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_LTV_CAPS))

    def to_json(self) -> dict[str, Any]:
        return {"validity_months": self.validity_months, "term_buffer_months": self.term_buffer_months,
                "ltv_caps": {k: f"{v:.2f}" for k, v in sorted(self.ltv_caps.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ValuationSettings:
        caps = dict(DEFAULT_LTV_CAPS)
        caps.update({k: Decimal(str(v)) for k, v in (data.get("ltv_caps") or {}).items()})
        return cls(int(data.get("validity_months", 12)),
                   int(data.get("term_buffer_months", DEFAULT_TERM_BUFFER_MONTHS)), caps)


def check_settings(settings: ValuationSettings) -> list[Problem]:
    """Every problem of a settings value (nothing is saved while there is one)."""
    problems: list[Problem] = []
    for name, (low, high) in (("validity_months", VALIDITY_MONTHS), ("term_buffer_months", TERM_BUFFER_MONTHS)):
        value = getattr(settings, name)
        if not low <= value <= high:
            problems.append(Problem(f"valuation.{name}", name, {"min": low, "max": high, "value": value}))
    kinds = {k.value for k in RightKind}
    for kind, cap in settings.ltv_caps.items():
        if kind not in kinds:
            problems.append(Problem("valuation.unknown_kind", "ltv_caps", {"kind": kind}))
        elif not _is_percent(cap):
            problems.append(Problem("valuation.ltv_cap", cap_field(kind), {"kind": kind, "value": str(cap)}))
    return problems


def cap_field(kind: str) -> str:
    """The field a cap's problem names (``ltv_caps.invention``), so a form shows it under that cap."""
    return f"ltv_caps.{kind}"


def settings_from_text(validity_months: int, term_buffer_months: int, caps: Mapping[str, str]) -> tuple[
        ValuationSettings | None, list[Problem]]:
    """Settings from a form (the caps as typed, e.g. "45" or "27.5"): None and every problem, or the settings."""
    parsed: dict[str, Decimal] = {}
    problems: list[Problem] = []
    for kind, text in caps.items():
        try:
            parsed[kind] = Decimal(text.strip().removesuffix("%").strip())
        except InvalidOperation:
            problems.append(Problem("valuation.ltv_cap", cap_field(kind), {"kind": kind, "value": text}))
    settings = ValuationSettings(validity_months, term_buffer_months, {**DEFAULT_LTV_CAPS, **parsed})
    problems += check_settings(settings)
    return (None, problems) if problems else (settings, [])


def _is_percent(value: Any) -> bool:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return False
    return number.is_finite() and 0 <= number <= 100 and number.as_tuple().exponent >= -2  # type: ignore[operator]
