"""Matching a payment to the fee due: what it settles, and every reason it is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipdesk.domain.fees.payments import match_payment, parse_amount
from ipdesk.domain.fees.schedule import FeePayment, PatentFees
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.problems import RuleRefusal, ValidationError

D = Decimal


class EveryDay:
    def next_workday(self, day: date) -> date:
        return day


# Invention filed 2019-03-31, granted, years 1–5 paid: year 6 (1200) is due 2024-03-31.
P = PatentFees(RightKind.INVENTION, date(2019, 3, 31), date(2021, 1, 1), paid_through=5)


def match(year: int, amount: str, on: date, p: PatentFees = P):
    return match_payment(p, "2019100000001", year, D(amount), on, calendar=EveryDay())


def test_a_full_payment_settles_the_year() -> None:
    m = match(6, "1200.00", date(2024, 3, 1))
    assert (m.settles, m.paid_through, m.year.amount_due) == (True, 6, D("1200.00"))


def test_a_partial_payment_is_accepted_and_does_not_settle() -> None:
    m = match(6, "1000.00", date(2024, 5, 10))
    assert (m.settles, m.paid_through, m.year.amount_due) == (False, 5, D("1260.00"))


def test_a_restoration_payment_restores() -> None:
    m = match(6, "2500.00", date(2024, 11, 1))
    assert m.settles and m.paid_through == 6


@pytest.mark.parametrize("year, amount, on, code", [
    (5, "1200.00", date(2024, 3, 1), "fees.year_paid"),
    (7, "2000.00", date(2024, 3, 1), "fees.earlier_unpaid"),
    (21, "10.00", date(2024, 3, 1), "fees.year_outside_term"),
    (0, "10.00", date(2024, 3, 1), "fees.year_outside_term"),
    (6, "1200.01", date(2024, 3, 1), "fees.overpaid"),
    (6, "1260.01", date(2024, 5, 10), "fees.overpaid"),
    (6, "2500.00", date(2025, 2, 1), "fees.lapsed"),  # past the restoration window
])
def test_a_payment_that_matches_no_fee_due_is_refused(year, amount, on, code) -> None:
    with pytest.raises(RuleRefusal) as e:
        match(year, amount, on)
    assert [p.code for p in e.value.problems] == [code]
    assert e.value.messages("en")[0] and e.value.messages("zh")[0]


def test_a_year_paid_by_recorded_payments_is_refused_too() -> None:
    p = PatentFees(P.kind, P.filing_date, P.grant_date, paid_through=5,
                   payments=(FeePayment(6, D("1200.00"), date(2024, 2, 1)),))
    with pytest.raises(RuleRefusal) as e:
        match(6, "1.00", date(2024, 3, 1), p)
    assert e.value.problems[0].code == "fees.year_paid"


def test_a_pending_application_has_nothing_to_pay() -> None:
    with pytest.raises(RuleRefusal) as e:
        match(1, "900.00", date(2024, 3, 1), PatentFees(RightKind.INVENTION, date(2023, 3, 1)))
    assert e.value.problems[0].code == "fees.not_granted"


@pytest.mark.parametrize("text, code", [
    ("-5", "fees.amount_not_positive"),
    ("0", "fees.amount_not_positive"),
    ("12.345", "fees.amount_precision"),
    ("abc", "fees.amount_not_number"),
    ("NaN", "fees.amount_not_number"),
    ("1e9", "fees.amount_too_large"),
])
def test_bad_amounts_are_input_errors(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_amount(text)
    assert e.value.problems[0].code == code


def test_amounts_keep_two_places() -> None:
    assert str(parse_amount("1,200.5")) == "1200.50"
