"""Servicing by replay: allocation order, penalty interest, overdue days, automatic default, closing,
the halt, compensation by a guarantee agency, and the refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ipdesk.domain.loans.classification import ClassThresholds, LoanClass, classify
from ipdesk.domain.loans.schedule import ScheduleKind, build
from ipdesk.domain.loans.servicing import Component, EventKind, LoanEvent, LoanTerms, parse_allocation, replay
from ipdesk.domain.loans.terms import check_terms
from ipdesk.domain.shared.problems import RuleRefusal, ValidationError

START, MATURITY = date(2026, 1, 15), date(2027, 1, 15)


def terms(**extra) -> LoanTerms:
    plan = tuple(build(ScheduleKind.EQUAL_PRINCIPAL, D("120000.00"), D("6"), START, MATURITY))
    return LoanTerms("L1", D("120000.00"), D("6"), START, MATURITY, plan, **extra)


def pay(on: date, amount: str, kind: EventKind = EventKind.REPAYMENT, payer: int | None = None) -> LoanEvent:
    return LoanEvent(kind, on, D(amount), payer)


def test_penalty_interest_runs_on_overdue_principal_and_interest():
    state = replay(terms(), [], date(2026, 3, 17))
    assert state.overdue_days == 30
    first, second = state.instalments[:2]
    assert first.penalty == D("79.50")  # 10600 × (6 % × 1.5) × 30 / 360
    assert second.penalty == D("5.28")  # 10550 × 9 % × 2 / 360, half-up
    assert state.overdue_amount == D("21150.00")


def test_the_surcharge_is_per_loan():
    assert replay(terms(penalty_surcharge=D(30)), [], date(2026, 3, 17)).instalments[0].penalty == D("68.90")


def test_paying_on_the_due_date_bears_no_penalty():
    state = replay(terms(), [pay(date(2026, 2, 15), "10600.00")], date(2026, 2, 20))
    assert state.instalments[0].outstanding == D("0.00") and state.overdue_days == 0
    assert state.allocations[0].by_component() == {Component.PENALTY: D("0.00"), Component.INTEREST: D("600.00"),
                                                   Component.PRINCIPAL: D("10000.00")}


def test_a_late_payment_pays_penalty_then_interest_then_principal():
    state = replay(terms(), [pay(date(2026, 2, 25), "10600.00")], date(2026, 2, 25))
    assert state.allocations[0].parts == ((1, Component.PENALTY, D("26.50")), (1, Component.INTEREST, D("600.00")),
                                          (1, Component.PRINCIPAL, D("9973.50")))
    assert state.instalments[0].principal - state.instalments[0].paid_principal == D("26.50")


def test_a_configured_order_principal_first():
    order = ("past_due.principal", "past_due.interest", "past_due.penalty", "due.principal", "due.interest")
    state = replay(terms(allocation=order), [pay(date(2026, 2, 25), "10000.00")], date(2026, 2, 25))
    assert state.allocations[0].parts == ((1, Component.PRINCIPAL, D("10000.00")),)


def test_overdue_days_classify_and_default_automatically():
    state = replay(terms(), [], date(2026, 5, 16))
    assert state.overdue_days == 90 and state.defaulted_on is None
    assert classify(state.overdue_days) is LoanClass.SPECIAL_MENTION
    state = replay(terms(), [], date(2026, 5, 17))
    assert state.overdue_days == 91 and state.defaulted_on == date(2026, 5, 17)
    assert state.default_kind == "automatic" and classify(state.overdue_days) is LoanClass.SUBSTANDARD
    assert replay(terms(default_after_days=30), [], date(2026, 3, 18)).defaulted_on == date(2026, 3, 18)


def test_a_manual_default():
    state = replay(terms(), [LoanEvent(EventKind.DEFAULT, date(2026, 1, 20))], date(2026, 1, 21))
    assert (state.defaulted_on, state.default_kind) == (date(2026, 1, 20), "manual")


@pytest.mark.parametrize("days,cls", [(0, LoanClass.NORMAL), (1, LoanClass.SPECIAL_MENTION),
                                      (90, LoanClass.SPECIAL_MENTION), (91, LoanClass.SUBSTANDARD),
                                      (271, LoanClass.DOUBTFUL), (361, LoanClass.LOSS)])
def test_five_classes(days, cls):
    assert classify(days) is cls


def test_thresholds_are_settings():
    assert classify(31, ClassThresholds(0, 30, 60, 90)) is LoanClass.SUBSTANDARD
    with pytest.raises(ValidationError):
        ClassThresholds(0, 90, 90, 360).check()


def test_full_repayment_closes_the_loan_and_drops_future_interest():
    state = replay(terms(), [pay(date(2026, 2, 15), "120600.00")], date(2026, 3, 1))
    assert state.closed_on == date(2026, 2, 15) and state.outstanding_principal == D("0.00")
    assert all(i.outstanding == D("0.00") for i in state.instalments)
    with pytest.raises(RuleRefusal) as err:
        replay(terms(), [pay(date(2026, 2, 15), "120600.00"), pay(date(2026, 3, 1), "1.00")], date(2026, 3, 1))
    assert err.value.problems[0].code == "loans.closed"


def test_more_than_the_order_can_reach_is_refused():
    with pytest.raises(ValidationError) as err:
        replay(terms(), [pay(date(2026, 2, 15), "120600.01")], date(2026, 2, 15))
    assert err.value.problems[0].code == "loans.overpayment"
    no_prepayment = ("past_due.penalty", "past_due.interest", "past_due.principal", "due.interest", "due.principal")
    with pytest.raises(ValidationError):
        replay(terms(allocation=no_prepayment), [pay(date(2026, 2, 15), "10600.01")], date(2026, 2, 15))


def test_a_halt_blocks_drawdowns_and_resume_allows_them():
    halted = [pay(START, "60000.00", EventKind.DRAWDOWN), LoanEvent(EventKind.HALT, date(2026, 1, 20)),
              pay(date(2026, 1, 21), "10000.00", EventKind.DRAWDOWN)]
    with pytest.raises(RuleRefusal) as err:
        replay(terms(), halted, date(2026, 1, 21))
    assert err.value.problems[0].code == "loans.halted"
    resumed = [*halted[:2], LoanEvent(EventKind.RESUME, date(2026, 1, 21)), halted[2]]
    assert replay(terms(), resumed, date(2026, 1, 22)).drawn == D("70000.00")
    with pytest.raises(RuleRefusal) as err:
        replay(terms(), [pay(START, "120000.01", EventKind.DRAWDOWN)], START)
    assert err.value.problems[0].code == "loans.over_limit"


def test_a_defaulted_loan_draws_nothing():
    with pytest.raises(RuleRefusal) as err:
        replay(terms(), [pay(date(2026, 5, 17), "1.00", EventKind.DRAWDOWN)], date(2026, 5, 17))
    assert err.value.problems[0].code == "loans.defaulted"


def test_an_agencys_compensation_is_its_claim():
    state = replay(terms(), [pay(date(2026, 2, 15), "10600.00", EventKind.COMPENSATION, payer=7)], date(2026, 2, 16))
    assert state.compensations == {7: D("10600.00")} and state.overdue_days == 0


@pytest.mark.parametrize("order,code", [(["past_due.fee"], "loans.allocation_token"),
                                        (["due.interest", "due.interest"], "loans.allocation_repeated"),
                                        ([], "loans.allocation_empty")])
def test_bad_allocation_orders(order, code):
    with pytest.raises(ValidationError) as err:
        parse_allocation(order)
    assert err.value.problems[0].code == code


def test_terms_rules():
    assert check_terms(D("1.00"), D("4.35"), D("50"), 90) == []
    codes = {p.code for p in check_terms(D("0"), D("40"), D("20"), 0)}
    assert codes == {"loans.principal", "loans.rate", "loans.surcharge", "loans.default_days"}
