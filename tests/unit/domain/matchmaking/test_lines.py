"""The credit-line rules: the steps a line may take, a new line's own problems, the pre-filled deadline and
the event's totals (seed 004's event: 26 firms, 138 patents, 6 banks, 1.3亿)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ipdesk.domain.matchmaking.lines import LineFacts, LineStatus, line_problems, performance_deadline, step, totals

N, A, W, C = LineStatus.INTENDED, LineStatus.APPROVED, LineStatus.WITHDRAWN, LineStatus.CONVERTED


@pytest.mark.parametrize("action, status, after", [
    ("approve", N, A), ("approve", A, None), ("approve", W, None), ("approve", C, None),
    ("withdraw", N, W), ("withdraw", A, W), ("withdraw", W, None), ("withdraw", C, None),
    ("convert", N, C), ("convert", A, C), ("convert", W, None), ("convert", C, None),
])
def test_the_steps_of_a_line(action: str, status: LineStatus, after: LineStatus | None) -> None:
    done, problem = step(action, status, "YQ2026000001-01")
    assert done is after
    assert (problem is None) is (after is not None)
    if problem is not None:
        assert problem.code == "match.line_status" and "YQ2026000001-01" in problem.message("en")


def test_a_new_lines_own_problems() -> None:
    def problems(amount: D, term: int, firm: int, bank: int) -> list[str]:
        return [p.code for p in line_problems(amount, term, firm, bank, bank_is_bank=True, bank_name="中国银行",
                                              numbers=["ZL 1"])]

    assert problems(D("1.00"), 12, 1, 2) == []
    assert problems(D("0"), 0, 1, 2) == ["match.amount_positive", "match.term_range"]
    assert problems(D("-1"), 121, 1, 1) == ["match.amount_positive", "match.term_range", "match.same_party"]
    assert [p.code for p in line_problems(D(1), 120, 1, 2, bank_is_bank=False, bank_name="某公司",
                                          numbers=["ZL 1", "ZL 1"])] == ["match.not_a_bank", "match.right_twice"]
    assert [p.code for p in line_problems(D(1), 1, 1, 2, bank_is_bank=True, bank_name="b", numbers=[])] == [
        "match.no_rights"]


def test_the_deadline_is_the_term_from_the_application_day() -> None:
    assert performance_deadline(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert performance_deadline(date(2026, 12, 1), 12) == date(2027, 12, 1)


def test_the_totals_of_the_zhenjiang_event() -> None:
    """26 firms, 138 patents, 6 banks, 130 000 000 yuan; a withdrawn line counts no more."""
    lines, right = [], 0
    for firm in range(26):
        n = 6 if firm < 8 else 5  # 8 × 6 + 18 × 5 = 138 patents
        rights = tuple(range(right, right + n))
        right += n
        lines.append(LineFacts(firm, 100 + firm % 6, D("5000000.00"), C if firm % 2 else A, rights))
    withdrawn = LineFacts(99, 106, D("9999999.99"), W, (999,))
    t = totals([*lines, withdrawn])
    assert (t.firms, t.patents, t.banks, t.lines, t.amount) == (26, 138, 6, 26, D("130000000.00"))
    assert t.converted_amount == D("65000000.00")
    assert t.to_json()["amount"] == "130000000.00"
    assert totals([]).to_json() == {"firms": 0, "patents": 0, "banks": 0, "lines": 0, "amount": "0.00",
                                    "converted_amount": "0.00"}
