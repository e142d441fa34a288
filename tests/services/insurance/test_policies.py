"""Insurance policies on both engines: the subsidy by application count, firm class and yearly cap exact to
the fen, the rules as dated data, eligibility with reasons, a pledge's cover, the bad input refused with
nothing written, and a direct SQL edit of a policy caught by the audit verification."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from ipdesk.domain.insurance.products import SubsidyClass
from ipdesk.domain.insurance.rules import DEFAULT_RULES, SubsidyScheme
from ipdesk.domain.shared.problems import RuleRefusal, ValidationError
from tests.helpers.factories import ADMIN, invention_data
from tests.services.insurance.conftest import UTILITY, World, counts


def amounts(policy) -> tuple[str, str, str, str]:
    j = policy.to_json()
    return j["premium"], j["subsidy_rate"], j["subsidy"], j["insured_pays"]


def test_a_policy_shows_premium_subsidy_and_the_firms_share(world: World) -> None:
    added = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="sme", premium="25000.00",
                                                             deductible="5000", limit_per_right="400000"))
    policy = added.value
    assert policy.policy_no == "BX2026000001" and policy.insurer_id == world.insurer_a.id
    assert amounts(policy) == ("25000.00", "100", "25000.00", "0.00")  # the firm's first application: 100 %
    assert policy.status == "active" and added.changes.policies == {policy.id}
    second = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="sme", premium="16666.67",
                                                              **{"from": "2026-11-15"})).value
    assert amounts(second) == ("16666.67", "90", "15000.00", "1666.67")  # 90 % of 16666.67 = 15000.003
    assert second.subsidy_nth == 2
    assert world.ws.insurance.find(ADMIN, "BX2026000001").id == policy.id


def test_champion_firms_get_80_percent_the_second_time_within_the_yearly_cap(world: World) -> None:
    first = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="champion", premium="480000")).value
    assert amounts(first) == ("480000.00", "100", "480000.00", "0.00")
    second = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="champion", premium="30000.05")).value
    # 80 % would be 24000.04, but only 20000.00 of the 500000.00 cap is left this year.
    assert amounts(second) == ("30000.05", "80", "20000.00", "10000.05")
    next_year = world.ws.insurance.add(ADMIN, world.policy_data(
        subsidy_class="champion", premium="30000.05", **{"from": "2027-01-01", "to": "2027-12-31"})).value
    assert amounts(next_year) == ("30000.05", "80", "24000.04", "6000.01")  # a new year's cap, still the 3rd
    summary = world.ws.insurance.subsidy_summary(ADMIN, 2026)
    assert summary == [{"holder": world.firm.name, "holder_id": world.firm.id, "policies": 2,
                        "premium": "510000.05", "subsidy": "500000.00", "insured_pays": "10000.05"}]


def test_no_class_no_subsidy_and_a_stated_subsidy_is_checked(world: World) -> None:
    plain = world.ws.insurance.add(ADMIN, world.policy_data()).value
    assert amounts(plain)[2:] == ("0.00", "25000.00") and plain.to_json()["subsidy_rate"] is None
    stated = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="sme", subsidy="12345.67")).value
    assert amounts(stated)[2:] == ("12345.67", "12654.33")
    before = counts(world.ws)
    for extra, code in (({"subsidy_class": "sme", "subsidy": "25000.01"}, "insurance.subsidy_over_premium"),
                        ({"subsidy": "1.00"}, "insurance.subsidy_over_cap"),
                        ({"subsidy_class": "sme", "premium": "400000", "subsidy": "300000.00"},
                         "insurance.subsidy_over_cap")):  # 12345.67 of the SME's 300000.00 is used
        with pytest.raises(ValidationError) as err:
            world.ws.insurance.add(ADMIN, world.policy_data(**extra))
        assert err.value.problems[0].code == code, extra
    assert counts(world.ws) == before


def test_the_subsidy_rules_are_dated_data(world: World) -> None:
    rules = world.ws.insurance.rules()
    assert rules == DEFAULT_RULES and "subsidy 2020-01-01" in rules.unverified  # the caps' mapping is a guess
    later = SubsidyScheme(date(2027, 1, 1), {SubsidyClass.SME: (D("50"),)}, {SubsidyClass.SME: D("10000.00")})
    world.ws.insurance.save_rules(ADMIN, replace(rules, subsidies=(*rules.subsidies, later)))
    old = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="sme")).value
    new = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="sme", premium="30000",
                                                           **{"from": "2027-02-01", "to": "2028-01-31"})).value
    assert amounts(old) == ("25000.00", "100", "25000.00", "0.00")
    assert amounts(new) == ("30000.00", "50", "10000.00", "20000.00")  # 15000 by the rate, 10000 by the cap
    over = SubsidyScheme(date(2028, 1, 1), {SubsidyClass.SME: (D("100.01"),)}, {SubsidyClass.SME: D("1")})
    with pytest.raises(ValidationError) as err:
        world.ws.insurance.save_rules(ADMIN, replace(rules, subsidies=(*rules.subsidies, over)))
    assert err.value.problems[0].code == "insurance.rate_over_100"


def codes(err: pytest.ExceptionInfo) -> list[str]:
    return [p.code for p in err.value.problems]


def test_eligibility_gives_every_reason_right_by_right(world: World) -> None:
    before = counts(world.ws)
    # The co-owned utility model (expires 2031-02-09) from 2028-03-01: under 3 years left, no consent.
    with pytest.raises(RuleRefusal) as err:
        world.ws.insurance.add(ADMIN, world.policy_data(rights=[UTILITY], **{"from": "2028-03-01",
                                                                             "to": "2029-02-28"}))
    assert codes(err) == ["insurance.ineligible.years_left", "insurance.ineligible.consent"]
    assert "2031-02-09" in err.value.problems[0].message("en")
    ok = world.ws.insurance.add(ADMIN, world.policy_data(rights=[UTILITY], consent=True)).value
    assert ok.consent and counts(world.ws)[0] == before[0] + 1
    world.ws.rights.update(ADMIN, world.right.id, {**invention_data([world.firm.id]), "ownership_dispute": True})
    with pytest.raises(RuleRefusal) as err:
        world.ws.insurance.add(ADMIN, world.policy_data())
    assert codes(err) == ["insurance.ineligible.dispute"]
    world.ws.rights.update(ADMIN, world.right.id, {**invention_data([world.firm.id]), "ownership_dispute": False})
    world.ws.monitoring.add(ADMIN, {"right": world.right.display_number, "kind": "litigation",
                                    "opened_on": "2026-11-25", "counterparty": "某公司"})
    with pytest.raises(RuleRefusal) as err:
        world.ws.insurance.add(ADMIN, world.policy_data())
    assert codes(err) == ["insurance.ineligible.dispute"]


def test_the_thresholds_are_settings(world: World) -> None:
    rules = world.ws.insurance.rules()
    strict = replace(rules.eligibility[0], effective_from=date(2026, 1, 1), min_years_left=11)
    world.ws.insurance.save_rules(ADMIN, replace(rules, eligibility=(*rules.eligibility, strict)))
    with pytest.raises(RuleRefusal) as err:  # the invention ends 2037-07-25: 10 years 9 months left
        world.ws.insurance.add(ADMIN, world.policy_data())
    assert codes(err) == ["insurance.ineligible.years_left"]
    assert world.ws.insurance.add(ADMIN, world.policy_data(**{"from": "2025-11-01", "to": "2026-10-31"})).value


@pytest.mark.parametrize(("extra", "code"), [
    ({"premium": "-1.00"}, "insurance.amount_negative"),
    ({"limit": "0"}, "insurance.amount_zero"),
    ({"from": "2027-10-31", "to": "2026-11-01"}, "insurance.dates_order"),
    ({"retroactive": "2026-11-02"}, "insurance.retroactive_after_start"),
    ({"insured": "#2"}, "insurance.not_owner"),
    ({"insurer": "中国银行股份有限公司镇江分行"}, "insurance.insurer_kind"),
    ({"deductible": "500000"}, "insurance.deductible_over_limit"),
    ({"limit_per_right": "500000.01"}, "insurance.per_right_over_limit"),
    ({"coinsurance": "30"}, "insurance.coinsurance_product"),
    ({"product": "loan_guarantee", "coinsurance": "130"}, "insurance.coinsurance_range"),
    ({"rights": []}, "insurance.no_rights"),
    ({"rights": ["ZL 201910000001.9"]}, "insurance.right_unknown"),
    ({"product": "fire"}, "bad_choice"),
])
def test_bad_input_is_refused_with_nothing_written(world: World, extra: dict, code: str) -> None:
    if extra.get("insured") == "#2":
        extra = {"insured": world.other.uscc}
    before = counts(world.ws)
    with pytest.raises(ValidationError) as err:
        world.ws.insurance.add(ADMIN, world.policy_data(**extra))
    assert code in codes(err)
    assert counts(world.ws) == before


def test_a_pledges_cover_and_cover_ending_before_the_deadline(world: World) -> None:
    cover = world.ws.insurance.cover_of_pledge(ADMIN, world.pledge.id)
    assert cover.uncovered == (world.right.display_number,) and cover.ends_before_deadline
    world.ws.insurance.add(ADMIN, world.policy_data(pledge=world.pledge.registration_no))
    cover = world.ws.insurance.cover_of_pledge(ADMIN, world.pledge.id)
    assert cover.uncovered == () and cover.cover_ends == date(2027, 10, 31)
    assert cover.ends_before_deadline  # the debt is due 2028-11-15
    world.ws.insurance.add(ADMIN, world.policy_data(**{"from": "2027-11-01", "to": "2028-12-31"}))
    cover = world.ws.insurance.cover_of_pledge(ADMIN, world.pledge.id)
    assert cover.cover_ends == date(2028, 12, 31) and not cover.ends_before_deadline
    assert cover.policies[0].pledge_no is None and cover.policies[1].pledge_no == world.pledge.registration_no


def test_a_direct_edit_of_a_policy_is_caught(world: World) -> None:
    policy = world.ws.insurance.add(ADMIN, world.policy_data(subsidy_class="sme")).value
    world.ws.claims.file(ADMIN, policy.id, {"amount": "1000", "on": "2026-11-30", "case": "侵权诉讼"})
    assert world.ws.audit.verify([]).to_json()["ok"]
    with world.ws.engine.begin() as conn:
        conn.execute(text("UPDATE insurance_policies SET subsidy = 1.00 WHERE id = :id"), {"id": policy.id})
    report = world.ws.audit.verify([]).to_json()
    [m] = report["mismatches"]
    assert (m["table"], m["record"], m["problem"], m["fields"]) == (
        "insurance_policies", "BX2026000001", "changed", ["insurance_policies.subsidy"])
    with world.ws.engine.begin() as conn:
        conn.execute(text("UPDATE insurance_policies SET subsidy = 25000.00 WHERE id = :id"), {"id": policy.id})
        conn.execute(text("UPDATE insurance_claims SET claimed = 999999.00"))
    [m] = world.ws.audit.verify([]).to_json()["mismatches"]
    assert m["fields"] == ["insurance_claims"]
