"""The rules a loan's terms must meet before it is booked: a positive principal, a plausible rate, the
penalty surcharge within 银发〔2003〕251号's 30–50 %, a positive default threshold."""

from __future__ import annotations

from decimal import Decimal

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "loans.principal": ("贷款本金应大于零：{value}", "the principal must be more than zero: {value}"),
    "loans.rate": ("年利率应在 0–{max} % 之间：{value}", "the annual rate must be 0–{max} %: {value}"),
    "loans.surcharge": ("罚息上浮比例应为 {min}–{max} %：{value}",
                        "the penalty surcharge must be {min}–{max} %: {value}"),
    "loans.default_days": ("自动违约的逾期天数应为 1–{max}：{value}",
                           "the days overdue before an automatic default must be 1–{max}: {value}"),
    "loans.same_party": ("借款人与贷款人不能是同一当事人", "the borrower and the lender must be different parties"),
})

PENALTY_SURCHARGE_RANGE = (Decimal(30), Decimal(50))  # per cent over the contract rate (银发〔2003〕251号)
MAX_RATE = Decimal(36)  # per cent a year: above it a court would not enforce the interest (K), a typing error here
MAX_DEFAULT_DAYS = 3650


def check_terms(principal: Decimal, annual_rate: Decimal, penalty_surcharge: Decimal,
                default_after_days: int) -> list[Problem]:
    problems = []
    if principal <= 0:
        problems.append(Problem("loans.principal", "principal", {"value": str(principal)}))
    if not Decimal(0) <= annual_rate <= MAX_RATE:
        problems.append(Problem("loans.rate", "rate", {"value": str(annual_rate), "max": str(MAX_RATE)}))
    low, high = PENALTY_SURCHARGE_RANGE
    if not low <= penalty_surcharge <= high:
        problems.append(Problem("loans.surcharge", "penalty_surcharge",
                                {"value": str(penalty_surcharge), "min": str(low), "max": str(high)}))
    if not 1 <= default_after_days <= MAX_DEFAULT_DAYS:
        problems.append(Problem("loans.default_days", "default_after_days",
                                {"value": default_after_days, "max": MAX_DEFAULT_DAYS}))
    return problems
