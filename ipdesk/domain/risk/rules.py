"""The early-warning rules as data: each with a code, a severity, its parameters and an explanation, in rule
sets with effective dates (the set in force on the scan's day applies; an office saves its own set).

The thresholds below are this app's defaults, not published figures: the seed papers ask for signals that
lead to a loan being halted (叫停) or collected (催收) but give no numbers (DOMAIN.md §0, §12–13).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CRITICAL: 2}
SEVERITY_LABELS: dict[Severity, tuple[str, str]] = {
    Severity.INFO: ("提示", "Info"), Severity.WARNING: ("警告", "Warning"), Severity.CRITICAL: ("严重", "Critical"),
}


class RuleCode(enum.StrEnum):
    FEE_DUE_SOON = "fee_due_soon"
    FEE_LATE = "fee_late"
    LAPSED = "lapsed"
    INVALIDATION = "invalidation"
    DISPUTE = "dispute"
    PRESERVATION = "preservation"
    LITIGATION = "litigation"
    EXPIRY_NEAR_DEADLINE = "expiry_near_deadline"
    VALUATION_EXPIRED = "valuation_expired"
    VALUATION_DROP = "valuation_drop"
    LTV_OVER_CAP = "ltv_over_cap"
    INSURANCE_LAPSED = "insurance_lapsed"
    REPAYMENT_OVERDUE = "repayment_overdue"


#: A short name of each rule for lists and filters.
RULE_LABELS: dict[RuleCode, tuple[str, str]] = {
    RuleCode.FEE_DUE_SOON: ("年费即将到期", "Fee due soon"), RuleCode.FEE_LATE: ("年费滞纳", "Fee late"),
    RuleCode.LAPSED: ("权利终止", "Lapsed"), RuleCode.INVALIDATION: ("无效宣告请求", "Invalidation request"),
    RuleCode.DISPUTE: ("权属纠纷", "Ownership dispute"), RuleCode.PRESERVATION: ("法院保全", "Court preservation"),
    RuleCode.LITIGATION: ("侵权与诉讼", "Litigation"),
    RuleCode.EXPIRY_NEAR_DEADLINE: ("临近保护期届满", "Expiry near the deadline"),
    RuleCode.VALUATION_EXPIRED: ("评估过期", "Valuation expired"),
    RuleCode.VALUATION_DROP: ("评估值下降", "Value drop"),
    RuleCode.LTV_OVER_CAP: ("质押率超限", "LTV over cap"), RuleCode.INSURANCE_LAPSED: ("保险保障不足", "Cover lapsed"),
    RuleCode.REPAYMENT_OVERDUE: ("贷款逾期", "Repayment overdue"),
}

#: The explanation of each rule, Chinese and English (the parameters in braces).
EXPLANATIONS: dict[RuleCode, tuple[str, str]] = {
    RuleCode.FEE_DUE_SOON: ("出质专利的年费将在 {days} 天内到期且未缴", "an annual fee of a pledged patent is due "
                                                                  "within {days} days and unpaid"),
    RuleCode.FEE_LATE: ("出质专利处于年费滞纳期", "a pledged patent is in its annual-fee late period"),
    RuleCode.LAPSED: ("出质权利已终止、届满或被宣告无效", "a pledged right has lapsed, expired or been invalidated"),
    RuleCode.INVALIDATION: ("出质专利被提起无效宣告请求，尚未审结", "an invalidation request against a pledged "
                                                                  "patent is pending"),
    RuleCode.DISPUTE: ("出质权利存在权属纠纷", "a pledged right is under an ownership dispute"),
    RuleCode.PRESERVATION: ("出质权利被法院采取保全措施", "a pledged right is under court preservation"),
    RuleCode.LITIGATION: ("出质权利有未结的侵权、诉讼或行政投诉", "a pledged right has an open infringement, lawsuit "
                                                                  "or administrative complaint"),
    RuleCode.EXPIRY_NEAR_DEADLINE: ("出质权利在债务履行期限届满后 {months} 个月内到期",
                                    "a pledged right expires within {months} months after the performance deadline"),
    RuleCode.VALUATION_EXPIRED: ("出质权利的评估已过有效期", "the valuation of a pledged right has expired"),
    RuleCode.VALUATION_DROP: ("出质权利的最新评估值较上次下降超过 {percent} %",
                              "the latest valuation of a pledged right fell by more than {percent} %"),
    RuleCode.LTV_OVER_CAP: ("质押率超过上限", "the loan-to-value ratio is over its cap"),
    RuleCode.INSURANCE_LAPSED: ("保险保障在债务到期前终止，或保单已过期", "insurance cover ends before the debt "
                                                                         "falls due, or a policy expired"),
    RuleCode.REPAYMENT_OVERDUE: ("质押担保的贷款逾期 {days} 天以上", "a loan the pledge secures is {days} or more "
                                                                      "days overdue"),
}
register({
    "risk.unknown_rule": ("未知的预警规则：{code}", "unknown early-warning rule: {code}"),
    "risk.bad_parameter": ("预警规则 {code} 的参数 {name} 应为非负数：{value}",
                           "rule {code}: the parameter {name} must be a number not below zero: {value}"),
    "risk.rules_duplicate": ("{effective_from} 起生效的预警规则集已存在", "a rule set from {effective_from} "
                                                                         "is listed twice"),
})


@dataclass(frozen=True)
class RiskRule:
    code: RuleCode
    severity: Severity
    params: Mapping[str, Decimal] = field(default_factory=dict)
    enabled: bool = True

    def param(self, name: str) -> Decimal:
        return self.params.get(name, Decimal(0))

    def explanation(self, lang: str = "zh") -> str:
        zh, en = EXPLANATIONS[self.code]
        values = {k: f"{v.normalize():f}" for k, v in self.params.items()}
        try:
            return (zh if lang == "zh" else en).format(**values)
        except (KeyError, IndexError):
            return zh if lang == "zh" else en


@dataclass(frozen=True)
class RuleSet:
    effective_from: date
    rules: tuple[RiskRule, ...]

    def rule(self, code: RuleCode) -> RiskRule | None:
        found = next((r for r in self.rules if r.code is code), None)
        return found if found is not None and found.enabled else None

    def check(self) -> list[Problem]:
        return [Problem("risk.bad_parameter", "params", {"code": r.code.value, "name": k, "value": f"{v}"})
                for r in self.rules for k, v in r.params.items() if v < 0]


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


_DEFAULTS: tuple[tuple[RuleCode, Severity, dict[str, Decimal]], ...] = (
    (RuleCode.FEE_DUE_SOON, Severity.WARNING, {"days": _d(30)}),
    (RuleCode.FEE_LATE, Severity.CRITICAL, {}),
    (RuleCode.LAPSED, Severity.CRITICAL, {}),
    (RuleCode.INVALIDATION, Severity.WARNING, {}),
    (RuleCode.DISPUTE, Severity.WARNING, {}),
    (RuleCode.PRESERVATION, Severity.CRITICAL, {}),
    (RuleCode.LITIGATION, Severity.WARNING, {}),
    (RuleCode.EXPIRY_NEAR_DEADLINE, Severity.WARNING, {"months": _d(12)}),
    (RuleCode.VALUATION_EXPIRED, Severity.INFO, {}),
    (RuleCode.VALUATION_DROP, Severity.WARNING, {"percent": _d(20)}),
    (RuleCode.LTV_OVER_CAP, Severity.CRITICAL, {}),
    (RuleCode.INSURANCE_LAPSED, Severity.WARNING, {}),
    (RuleCode.REPAYMENT_OVERDUE, Severity.CRITICAL, {"days": _d(1)}),
)
DEFAULT_SET = RuleSet(date(2021, 1, 1), tuple(RiskRule(c, s, p) for c, s, p in _DEFAULTS))


@dataclass(frozen=True)
class RiskRules:
    """Every rule set, oldest first."""

    sets: tuple[RuleSet, ...] = (DEFAULT_SET,)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", tuple(sorted(self.sets, key=lambda s: s.effective_from)))

    def on(self, day: date) -> RuleSet:
        chosen = self.sets[0]
        for s in self.sets:
            if s.effective_from <= day:
                chosen = s
        return chosen

    def with_set(self, rule_set: RuleSet) -> RiskRules:
        return replace(self, sets=(*[s for s in self.sets if s.effective_from != rule_set.effective_from], rule_set))

    def check(self) -> list[Problem]:
        problems = [p for s in self.sets for p in s.check()]
        days = [s.effective_from for s in self.sets]
        return problems + [Problem("risk.rules_duplicate", "effective_from", {"effective_from": d.isoformat()})
                           for d in sorted(set(days)) if days.count(d) > 1]

    def to_json(self) -> dict[str, Any]:
        return {"sets": [{"effective_from": s.effective_from.isoformat(), "rules": [
            {"code": r.code.value, "severity": r.severity.value, "enabled": r.enabled,
             "params": {k: f"{v.normalize():f}" for k, v in sorted(r.params.items())}} for r in s.rules]}
            for s in self.sets]}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> RiskRules:
        """Raises ValueError for an unknown rule code or severity."""
        sets = []
        for s in obj.get("sets") or ():
            rules = tuple(RiskRule(RuleCode(r["code"]), Severity(r["severity"]),
                                   {k: _d(v) for k, v in (r.get("params") or {}).items()}, bool(r.get("enabled", True)))
                          for r in s.get("rules") or ())
            sets.append(RuleSet(date.fromisoformat(s["effective_from"]), rules))
        return cls(tuple(sets) or (DEFAULT_SET,))


DEFAULT_RULES = RiskRules()
