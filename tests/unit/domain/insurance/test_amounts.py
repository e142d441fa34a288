"""The subsidy and claim arithmetic, exact to the fen (pure), and the rules as data."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.insurance.amounts import ClaimAmounts, approved_amount, remaining, subsidy
from ipdesk.domain.insurance.eligibility import RightFacts, reasons
from ipdesk.domain.insurance.products import ClaimStatus, Product, SubsidyClass
from ipdesk.domain.insurance.rules import BEIJING_2020, DEFAULT_RULES, InsuranceRules
from ipdesk.resources import resource_path

SCHEME = DEFAULT_RULES.subsidies[0]
SME, CHAMPION = SubsidyClass.SME, SubsidyClass.CHAMPION


@pytest.mark.parametrize(("cls", "premium", "nth", "used", "expected"), [
    (SME, "10000.00", 1, "0", ("100", "10000.00", "0.00")),
    (SME, "10000.00", 2, "0", ("90", "9000.00", "1000.00")),
    (SME, "10000.00", 5, "0", ("90", "9000.00", "1000.00")),  # later applications keep the last rate
    (CHAMPION, "10000.00", 2, "0", ("80", "8000.00", "2000.00")),
    (SME, "0.05", 2, "0", ("90", "0.05", "0.00")),  # 0.045 rounds half up
    (CHAMPION, "12345.67", 2, "0", ("80", "9876.54", "2469.13")),  # 9876.536
    (SME, "10000.00", 2, "295000.00", ("90", "5000.00", "5000.00")),  # capped at 300000.00 a year
    (SME, "10000.00", 1, "300000.00", ("100", "0.00", "10000.00")),
    (None, "10000.00", 1, "0", ("0", "0.00", "10000.00")),
])
def test_subsidy(cls, premium, nth, used, expected) -> None:
    s, problems = subsidy(SCHEME, cls, D(premium), nth, D(used))
    assert problems == [] and (f"{s.rate.normalize():f}", f"{s.amount}", f"{s.insured_pays}") == expected
    assert s.amount + s.insured_pays == D(premium)


@given(st.decimals(min_value=0, max_value=10**7, places=2), st.integers(1, 4),
       st.decimals(min_value=0, max_value=600000, places=2))
def test_the_subsidy_never_exceeds_the_premium_or_the_cap(premium, nth, used) -> None:
    s, _ = subsidy(SCHEME, SME, premium, nth, used)
    assert D(0) <= s.amount <= premium and s.amount <= max(D("300000.00") - used, D(0))
    assert s.amount + s.insured_pays == premium and s.amount.as_tuple().exponent == -2


def test_a_stated_subsidy_is_checked() -> None:
    assert subsidy(SCHEME, SME, D("100"), 1, D(0), D("100.01"))[1][0].code == "insurance.subsidy_over_premium"
    assert subsidy(SCHEME, SME, D("100"), 1, D("299950"), D("50.01"))[1][0].code == "insurance.subsidy_over_cap"
    assert subsidy(SCHEME, None, D("100"), 1, D(0), D("0.01"))[1][0].code == "insurance.subsidy_over_cap"
    assert subsidy(SCHEME, SME, D("100"), 1, D(0), D("-1"))[1][0].code == "insurance.subsidy_negative"
    assert subsidy(SCHEME, SME, D("100"), 1, D(0), D("60.00"))[0].insured_pays == D("40.00")


def test_remaining_limit_and_approval() -> None:
    claims = [ClaimAmounts(ClaimStatus.PAID, 1, D("100"), D("90"), D("80")),
              ClaimAmounts(ClaimStatus.APPROVED, 2, D("100"), D("70"), None),
              ClaimAmounts(ClaimStatus.ENTERED, 1, D("50"), None, None),
              ClaimAmounts(ClaimStatus.REJECTED, 1, D("999"), None, None)]
    assert remaining(D("1000"), claims) == D("800.00")  # 80 paid + 70 approved + 50 reserved
    assert remaining(D("1000"), claims, 1, D("200")) == D("70.00")  # right 1: 80 + 50 of its 200
    assert remaining(D("100"), claims) == D("0.00")
    assert approved_amount(D("1000.00"), D("150.50"), D("10000")) == D("849.50")
    assert approved_amount(D("1000.00"), D("150.50"), D("600.01")) == D("600.01")
    assert approved_amount(D("100.00"), D("150.00"), D("600")) == D("0.00")


def test_the_shipped_file_is_the_default_and_round_trips() -> None:
    with open(resource_path("data", "insurance_cn.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    assert data == BEIJING_2020 and InsuranceRules.from_json(data) == DEFAULT_RULES
    assert InsuranceRules.from_json(DEFAULT_RULES.to_json()) == DEFAULT_RULES
    assert DEFAULT_RULES.subsidy_on(date(2019, 12, 31), Product.ENFORCEMENT) is None
    assert DEFAULT_RULES.subsidy_on(date(2026, 1, 1), Product.LOAN_GUARANTEE) is None
    assert DEFAULT_RULES.eligibility_on(date(2026, 1, 1), Product.ENFORCEMENT).min_years_left == 3


FACTS = RightFacts("ZL 201710601862.3", True, True, "in_force", date(2037, 7, 24), 1, False)
RULE = DEFAULT_RULES.eligibility[0]


@pytest.mark.parametrize(("change", "consent", "codes"), [
    ({}, False, []),
    ({"expiry": date(2029, 10, 31)}, False, ["insurance.ineligible.years_left"]),
    ({"expiry": date(2029, 11, 1)}, False, []),  # exactly 3 years from 2026-11-01
    ({"disputed": True}, False, ["insurance.ineligible.dispute"]),
    ({"owners": 2}, False, ["insurance.ineligible.consent"]),
    ({"owners": 2}, True, []),
    ({"in_force": False, "status": "terminated"}, False, ["insurance.ineligible.not_in_force"]),
    ({"is_patent": False}, False, ["insurance.ineligible.not_patent"]),
])
def test_eligibility_reasons(change, consent, codes) -> None:
    from dataclasses import replace

    assert [p.code for p in reasons(RULE, replace(FACTS, **change), date(2026, 11, 1), consent)] == codes
