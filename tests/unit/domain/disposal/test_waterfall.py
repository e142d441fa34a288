"""The settlement waterfall: costs, penalty interest, interest, principal (Civil Code 561), surplus to the
pledgor (438), the shortfall a claim on the debtor and never on a third-party pledgor."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.disposal.waterfall import CIVIL_CODE_ORDER, Claim, Head, settle
from ipdesk.domain.shared.problems import ValidationError

CLAIM = Claim(principal=D("1000000.00"), interest=D("50000.00"), penalty=D("10000.00"), costs=D("30000.00"))

# proceeds → costs, penalty, interest, principal paid; surplus; shortfall principal, interest (with penalty), costs
CASES = [
    ("1090000.00", "30000.00", "10000.00", "50000.00", "1000000.00", "0.00", "0.00", "0.00", "0.00"),
    ("1200000.00", "30000.00", "10000.00", "50000.00", "1000000.00", "110000.00", "0.00", "0.00", "0.00"),
    ("800000.00", "30000.00", "10000.00", "50000.00", "710000.00", "0.00", "290000.00", "0.00", "0.00"),
    ("60000.00", "30000.00", "10000.00", "20000.00", "0.00", "0.00", "1000000.00", "30000.00", "0.00"),
    ("35000.00", "30000.00", "5000.00", "0.00", "0.00", "0.00", "1000000.00", "55000.00", "0.00"),
    ("20000.00", "20000.00", "0.00", "0.00", "0.00", "0.00", "1000000.00", "60000.00", "10000.00"),
    ("0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "1000000.00", "60000.00", "30000.00"),
    ("1089999.99", "30000.00", "10000.00", "50000.00", "999999.99", "0.00", "0.01", "0.00", "0.00"),
]


@pytest.mark.parametrize("proceeds,costs,penalty,interest,principal,surplus,short_p,short_i,short_c", CASES)
def test_the_civil_code_order(proceeds, costs, penalty, interest, principal, surplus, short_p, short_i, short_c):
    s = settle(D(proceeds), CLAIM)
    assert s.paid == {Head.COSTS: D(costs), Head.PENALTY: D(penalty), Head.INTEREST: D(interest),
                      Head.PRINCIPAL: D(principal)}
    assert s.surplus_to_pledgor == D(surplus)
    assert (s.shortfall.principal, s.shortfall.interest, s.shortfall.costs) == (D(short_p), D(short_i), D(short_c))
    assert sum(s.paid.values()) + s.surplus_to_pledgor == D(proceeds)
    assert s.shortfall.total == CLAIM.total - sum(s.paid.values())


def test_a_contract_may_put_principal_first():
    s = settle(D("1000000.00"), CLAIM, order=["principal", "interest", "penalty", "costs"])
    assert s.paid[Head.PRINCIPAL] == D("1000000.00") and s.paid[Head.COSTS] == D("0.00")
    assert [h for h, _ in s.lines()] == [Head.PRINCIPAL, Head.INTEREST, Head.PENALTY, Head.COSTS]
    assert s.shortfall.principal == D("0.00") and s.shortfall.interest == D("60000.00")
    assert s.shortfall.costs == D("30000.00")


def test_the_shortfall_stays_with_the_debtor_not_a_third_party_pledgor():
    own = settle(D("500000.00"), CLAIM, pledgor_is_debtor=True)
    third = settle(D("500000.00"), CLAIM, pledgor_is_debtor=False)
    assert own.claim_on_debtor == third.claim_on_debtor == D("590000.00")
    assert own.claim_on_pledgor == D("590000.00")
    assert third.claim_on_pledgor == D("0.00")  # its liability ended with the pledged IP


def test_a_surplus_goes_to_a_third_party_pledgor_too():
    s = settle(D("1100000.00"), CLAIM, pledgor_is_debtor=False)
    assert s.surplus_to_pledgor == D("10000.00") and s.claim_on_pledgor == D("0.00")


@pytest.mark.parametrize("order", [["costs", "interest", "principal"], ["costs", "costs", "interest", "principal"],
                                   ["costs", "penalty", "interest", "fees"]])
def test_an_order_must_name_every_head_once(order):
    with pytest.raises(ValidationError) as err:
        settle(D("1.00"), CLAIM, order=order)
    assert err.value.problems[0].code == "waterfall.order"


@pytest.mark.parametrize("proceeds,claim,code", [
    ("-1.00", CLAIM, "waterfall.negative"),
    ("1.001", CLAIM, "waterfall.fen"),
    ("1.00", Claim(principal=D("-5.00")), "waterfall.negative"),
])
def test_bad_amounts_are_refused(proceeds, claim, code):
    with pytest.raises(ValidationError) as err:
        settle(D(proceeds), claim)
    assert err.value.problems[0].code == code


def test_the_default_order_is_the_civil_codes():
    assert CIVIL_CODE_ORDER == (Head.COSTS, Head.PENALTY, Head.INTEREST, Head.PRINCIPAL)


fen = st.integers(min_value=0, max_value=10**12).map(lambda n: D(n) / 100)


@given(proceeds=fen, principal=fen, interest=fen, penalty=fen, costs=fen,
       order=st.permutations(list(Head)))
def test_every_fen_is_accounted_for(proceeds, principal, interest, penalty, costs, order):
    claim = Claim(principal=principal, interest=interest, penalty=penalty, costs=costs)
    s = settle(proceeds, claim, order=order)
    assert sum(s.paid.values()) + s.surplus_to_pledgor == proceeds
    assert sum(s.paid.values()) + s.shortfall.total == claim.total
    assert all(v >= 0 for v in s.paid.values()) and s.surplus_to_pledgor >= 0
    assert s.surplus_to_pledgor == 0 or s.shortfall.total == 0
