"""The rule engine on plain states (pure): the thresholds' edges, the explanations, the rules as data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from ipdesk.domain.risk.engine import Cover, PledgeState, RightState, add_months, evaluate
from ipdesk.domain.risk.rules import DEFAULT_RULES, DEFAULT_SET, RiskRule, RiskRules, RuleCode, RuleSet, Severity

DAY = date(2026, 12, 1)
RIGHT = RightState(7, "ZL 201710601862.3", True, "in_force", date(2027, 7, 25), date(2037, 7, 24), False, False,
                   False, 0)
PLEDGE = PledgeState(3, "Y2026980000001", date(2028, 11, 15), (RIGHT,))


def rules_of(pledge: PledgeState, rule_set: RuleSet = DEFAULT_SET, day: date = DAY) -> list[str]:
    return [r.rule.value for r in evaluate(rule_set, pledge, day)]


@pytest.mark.parametrize(("right", "pledge", "expected"), [
    ({}, {}, []),
    ({"fees_next_due": date(2026, 12, 31)}, {}, ["fee_due_soon"]),  # 30 days
    ({"fees_next_due": date(2027, 1, 1)}, {}, []),
    ({"status": "late_fee"}, {}, ["fee_late"]),
    ({"status": "terminated", "dispute": True}, {}, ["lapsed"]),  # a lapsed right raises only that
    ({"expiry": date(2029, 11, 15)}, {}, ["expiry_near_deadline"]),  # 12 months after the deadline
    ({"expiry": date(2029, 11, 16)}, {}, []),
    ({"valuation_until": date(2026, 11, 30)}, {}, ["valuation_expired"]),
    ({"valuation_value": D("80"), "previous_value": D("100")}, {}, []),  # exactly 20 %
    ({"valuation_value": D("79.99"), "previous_value": D("100")}, {}, ["valuation_drop"]),
    ({}, {"ltv_ratio": D("50.01"), "ltv_cap": D("50.00")}, ["ltv_over_cap"]),
    ({}, {"ltv_ratio": D("50.00"), "ltv_cap": D("50.00")}, []),
    ({}, {"cover": Cover(date(2028, 11, 14), None)}, ["insurance_lapsed"]),
    ({}, {"cover": Cover(date(2028, 11, 15), None)}, []),
    ({}, {"cover": Cover(date(2028, 11, 15), None), "maturity": date(2029, 1, 1)}, ["insurance_lapsed"]),
    ({}, {"cover": Cover(None, "BX2025000001")}, ["insurance_lapsed"]),
    ({}, {"overdue_days": 1, "overdue_loan": "L2026000001"}, ["repayment_overdue"]),
])
def test_each_rule_at_its_edge(right: dict, pledge: dict, expected: list[str]) -> None:
    state = replace(PLEDGE, rights=(replace(RIGHT, **right),), **pledge)
    assert rules_of(state) == expected


def test_thresholds_are_parameters_and_explanations_name_them() -> None:
    lenient = RuleSet(date(2027, 1, 1), tuple(
        RiskRule(r.code, r.severity, {"days": D(60)}) if r.code is RuleCode.FEE_DUE_SOON else r
        for r in DEFAULT_SET.rules))
    rules = DEFAULT_RULES.with_set(lenient)
    state = replace(PLEDGE, rights=(replace(RIGHT, fees_next_due=date(2027, 2, 15)),))
    assert rules_of(state, rules.on(date(2027, 1, 1)), date(2027, 1, 1)) == ["fee_due_soon"]
    assert rules_of(state, rules.on(DAY), date(2027, 1, 1)) == []  # the old set: 30 days
    assert lenient.rule(RuleCode.FEE_DUE_SOON).explanation("en") == (
        "an annual fee of a pledged patent is due within 60 days and unpaid")
    assert RiskRules.from_json(rules.to_json()) == rules
    bad = RuleSet(date(2028, 1, 1), (RiskRule(RuleCode.VALUATION_DROP, Severity.WARNING, {"percent": D(-1)}),))
    assert [p.code for p in DEFAULT_RULES.with_set(bad).check()] == ["risk.bad_parameter"]


def test_add_months() -> None:
    assert add_months(date(2028, 11, 30), 3) == date(2029, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2028, 11, 15), 12) == date(2029, 11, 15)
