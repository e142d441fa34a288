"""Loss sharing: every preset, the 科技之星 pool and beyond it, caps, a claim over a pool refused, shares
over 100 % refused, and the shares always adding up to the loss to the fen."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.disposal.waterfall import Claim, settle
from ipdesk.domain.funds.schemes import Scheme, SchemeKind, Share, check, city, parse_scheme
from ipdesk.domain.funds.sharing import Loss, share_loss
from ipdesk.domain.shared.problems import RuleRefusal, ValidationError

# scheme, principal loss, interest loss, pool balance → amounts by party
PRESET_CASES = [
    ("kejizhixing", "1000000.00", "60000.00", None, {"finance": "990000.00", "bank": "70000.00"}),
    ("kejizhixing", "1000000.00", "60000.00", "990000.00", {"finance": "990000.00", "bank": "70000.00"}),
    # beyond the pool: the pool pays its balance, the bank alone the rest
    ("kejizhixing", "1000000.00", "60000.00", "500000.00", {"finance": "500000.00", "bank": "560000.00"}),
    ("kejizhixing", "1000000.00", "60000.00", "0.00", {"finance": "0.00", "bank": "1060000.00"}),
    ("kejizhixing", "0.01", "0.00", None, {"finance": "0.01", "bank": "0.00"}),
    ("kejizhixing", "0.00", "123.45", None, {"finance": "0.00", "bank": "123.45"}),
    ("germany", "1000000.00", "0.00", None,
     {"federal": "390000.00", "state": "260000.00", "bank": "70000.00", "guarantor": "280000.00"}),
    ("germany", "100.00", "0.01", None, {"federal": "39.01", "state": "26.00", "bank": "7.00", "guarantor": "28.00"}),
    ("germany", "0.03", "0.00", None, {"federal": "0.01", "state": "0.01", "bank": "0.00", "guarantor": "0.01"}),
    ("pudong", "1000000.00", "20000.00", None, {"fund": "969000.00", "bank": "51000.00"}),
    ("pudong:99", "1000000.00", "0.00", "990000.00", {"fund": "990000.00", "bank": "10000.00"}),
    ("pudong:97.5", "200000.00", "0.00", None, {"fund": "195000.00", "bank": "5000.00"}),
    ("city:fund=70,bank=30", "100000.00", "1000.00", None, {"fund": "70700.00", "bank": "30300.00"}),
    ("city:fund=40,bank=30,insurer=30", "1000.00", "0.00", None,
     {"fund": "400.00", "bank": "300.00", "insurer": "300.00"}),
    ("guarantee_insured:80,70", "1000000.00", "0.00", None,
     {"guarantor": "240000.00", "insurer": "560000.00", "bank": "200000.00"}),
]


@pytest.mark.parametrize("name,principal,interest,pool,expected", PRESET_CASES)
def test_presets(name, principal, interest, pool, expected):
    loss = Loss(D(principal), D(interest))
    sharing = share_loss(parse_scheme(name), loss, pool_balance=None if pool is None else D(pool))
    assert sharing.amounts() == {k: D(v) for k, v in expected.items()}
    assert sum(sharing.amounts().values()) == loss.total


def test_kejizhixing_finance_bears_no_interest_and_the_bank_all_of_it():
    parts = {p.party: p for p in share_loss(parse_scheme("kejizhixing"), Loss(D("1000.00"), D("50.00"))).parties}
    assert (parts["finance"].principal, parts["finance"].interest) == (D("990.00"), D("0.00"))
    assert (parts["bank"].principal, parts["bank"].interest) == (D("10.00"), D("50.00"))


def test_a_claim_over_the_pool_is_refused_when_nobody_bears_the_rest():
    with pytest.raises(RuleRefusal) as err:
        share_loss(parse_scheme("pudong"), Loss(D("1000000.00")), pool_balance=D("900000.00"))
    assert err.value.problems[0].code == "funds.over_pool"
    assert err.value.problems[0].params["claim"] == "950000.00"


def test_a_pool_balance_for_a_scheme_without_a_pool_is_refused():
    with pytest.raises(ValidationError) as err:
        share_loss(parse_scheme("germany"), Loss(D("1.00")), pool_balance=D("10.00"))
    assert err.value.problems[0].code == "funds.no_pool"


@pytest.mark.parametrize("name", ["city:fund=70,bank=40", "city:fund=101,bank=0"])
def test_shares_over_100_percent_are_refused(name):
    with pytest.raises(ValidationError) as err:
        parse_scheme(name)
    assert {p.code for p in err.value.problems} & {"funds.shares_over", "funds.share_range"}


def test_shares_under_100_percent_need_a_residual_party():
    with pytest.raises(ValidationError) as err:
        parse_scheme("city:fund=70,bank=20")
    assert err.value.problems[0].code == "funds.shares_under"
    scheme = city("c", {"fund": D(70), "bank": D(20)}, residual="bank")
    assert share_loss(scheme, Loss(D("100.00"))).amounts() == {"fund": D("70.00"), "bank": D("30.00")}


def test_a_cap_moves_the_rest_to_the_residual_party_or_is_refused():
    capped = check(Scheme("c", SchemeKind.SPLIT, (Share("fund", D(80), D(80), cap=D("500.00")),
                                                  Share("bank", D(20), D(20))), residual="bank"))
    assert share_loss(capped, Loss(D("1000.00"), D("100.00"))).amounts() == {"fund": D("500.00"), "bank": D("600.00")}
    strict = check(Scheme("c", SchemeKind.SPLIT, (Share("fund", D(80), D(80), cap=D("500.00")),
                                                  Share("bank", D(20), D(20)))))
    with pytest.raises(RuleRefusal) as err:
        share_loss(strict, Loss(D("1000.00")))
    assert err.value.problems[0].code == "funds.over_cap"


@pytest.mark.parametrize("name,code", [("nowhere", "funds.unknown_scheme"), ("pudong:90", "funds.pudong_range"),
                                       ("pudong:x", "funds.bad_param"), ("city:fund", "funds.bad_param"),
                                       ("city:a=50,a=50", "funds.duplicate_party"),
                                       ("germany:1", "funds.unknown_scheme"),
                                       ("guarantee_insured:120,5", "funds.bad_param")])
def test_bad_scheme_names(name, code):
    with pytest.raises(ValidationError) as err:
        parse_scheme(name)
    assert err.value.problems[0].code == code


def test_capp_the_committed_buyer_bears_what_its_price_exceeds_the_proceeds_by():
    scheme = parse_scheme("capp:600000.00")
    sharing = share_loss(scheme, Loss(D("500000.00"), D("20000.00")), proceeds=D("400000.00"))
    assert sharing.amounts() == {"buyer": D("200000.00"), "bank": D("320000.00")}
    assert share_loss(scheme, Loss(D("100.00")), proceeds=D("700000.00")).amounts() == {"buyer": D("0.00"),
                                                                                         "bank": D("100.00")}


def test_a_third_party_pledgors_shortfall_is_shared_but_not_owed_by_it():
    s = settle(D("400000.00"), Claim(principal=D("1000000.00"), interest=D("40000.00"), costs=D("20000.00")),
               pledgor_is_debtor=False)
    sharing = share_loss(parse_scheme("kejizhixing"), Loss(s.shortfall.principal, s.shortfall.interest))
    assert sharing.amounts() == {"finance": D("653400.00"), "bank": D("6600.00")}
    assert s.claim_on_pledgor == D("0.00") and s.claim_on_debtor == D("660000.00")


def test_a_scheme_round_trips_through_json():
    for name in ("kejizhixing", "germany", "pudong:98", "guarantee_insured:80,70", "capp:1.00"):
        scheme = parse_scheme(name)
        assert Scheme.from_json(scheme.to_json()) == scheme


fen = st.integers(min_value=0, max_value=10**12).map(lambda n: D(n) / 100)
names = st.sampled_from(["kejizhixing", "germany", "pudong", "pudong:99", "pudong:96.5", "city:a=33.33,b=33.33,c=33.34",
                         "guarantee_insured:85,50", "guarantee_insured:33.3,66.7"])


@given(name=names, principal=fen, interest=fen, pool=st.one_of(st.none(), fen))
def test_shares_add_up_to_the_loss_exactly(name, principal, interest, pool):
    scheme = parse_scheme(name)
    loss = Loss(principal, interest)
    pool = pool if scheme.has_pool and scheme.residual is not None else None
    sharing = share_loss(scheme, loss, pool_balance=pool)
    assert sum(sharing.amounts().values()) == loss.total
    assert all(p.principal >= 0 and p.interest >= 0 for p in sharing.parties)
    assert sum(p.principal for p in sharing.parties) == principal
    if pool is not None:
        assert sharing.pool_paid <= pool
