"""Formula injection: text an export writes never starts a spreadsheet formula; typed values stay typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipdesk.domain.shared.cells import inert, inert_row


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","点击")', "+1+1", "-2+3", "@SUM(A1)",
                                  "\t=1+1", "\r=1+1"])
def test_formula_like_text_is_quoted(text: str) -> None:
    assert inert(text) == "'" + text


def test_ordinary_text_and_typed_values_are_left_alone() -> None:
    assert inert("江苏恒顺新材料科技有限公司") == "江苏恒顺新材料科技有限公司"
    assert inert("a=b") == "a=b" and inert("") == ""
    assert inert(Decimal("-5.00")) == Decimal("-5.00") and inert(-3) == -3
    assert inert(date(2026, 11, 16)) == date(2026, 11, 16) and inert(None) is None
    assert inert_row(["=1", 2, "x"]) == ["'=1", 2, "x"]
