"""Trademark registration numbers: digits (leading zeros dropped) or G + digits."""

from __future__ import annotations

import pytest

from ipdesk.domain.registry.identifiers.trademark import parse_trademark_number
from ipdesk.domain.shared.problems import ValidationError


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("12345678", "12345678"),
        ("1234", "1234"),
        (" 12 345 678 ", "12345678"),
        ("第12345678号", "12345678"),
        ("注册号：第 12345678 号", "12345678"),
        ("００１２３４５", "12345"),
        ("g1234567", "G1234567"),
        ("G0123456", "G0123456"),
    ],
)
def test_valid(text, canonical):
    assert parse_trademark_number(text) == canonical


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "trademark.empty"),
        ("第号", "trademark.empty"),
        ("G", "trademark.empty"),
        ("123456789", "trademark.length"),
        ("12A4", "trademark.bad_char"),
        ("GG123", "trademark.bad_char"),
        ("000", "trademark.zero"),
    ],
)
def test_invalid(text, code):
    with pytest.raises(ValidationError) as exc:
        parse_trademark_number(text)
    assert [p.code for p in exc.value.problems] == [code]


def test_bad_char_position():
    with pytest.raises(ValidationError) as exc:
        parse_trademark_number("12A4")
    assert exc.value.problems[0].params == {"position": 3, "char": "A"}
    assert "第 3 位" in exc.value.messages()[0]
