"""Unified Social Credit Codes (GB 32100): checksum over the 31-symbol alphabet, letters anywhere."""

from __future__ import annotations

import pytest

from ipdesk.domain.registry.identifiers.uscc import parse_uscc, uscc_check_char
from ipdesk.domain.shared.problems import ValidationError


@pytest.mark.parametrize("code", ["91110000600037341L", "91512081MA62K0260E"])
def test_real_codes(code):
    assert parse_uscc(code) == code
    assert uscc_check_char(code[:17]) == code[17]


def test_worked_example_is_invalid_and_names_expected():
    with pytest.raises(ValidationError) as exc:
        parse_uscc("91350100M000100Y4Z")
    (p,) = exc.value.problems
    assert p.code == "uscc.check" and p.params == {"expected": "3", "given": "Z"}
    assert "应为 3" in p.message()
    assert parse_uscc("91350100M000100Y43") == "91350100M000100Y43"


@pytest.mark.parametrize("first17", ["A1110000600037341", "N2110000MA0123456", "Y1110000MA01234P5"])
def test_letter_initial_codes(first17):
    # python-stdnum rejects letters in positions 1-8; GB 32100 registration-authority codes include letters.
    code = first17 + uscc_check_char(first17)
    assert parse_uscc(code) == code


def test_known_letter_initial_check():
    assert uscc_check_char("A1110000600037341") == "K"
    assert parse_uscc("A1110000600037341K") == "A1110000600037341K"


@pytest.mark.parametrize(
    "text",
    [
        "91110000600037341l",
        " 9111 0000-6000 3734 1L ",
        "９１１１００００６０００３７３４１Ｌ",
        "911100006000–37341L",
    ],
)
def test_normalisation(text):
    assert parse_uscc(text) == "91110000600037341L"


@pytest.mark.parametrize("char", ["I", "O", "Z", "S", "V"])
def test_unused_letters_named(char):
    with pytest.raises(ValidationError) as exc:
        parse_uscc("91110000600" + char + "37341L")
    (p,) = exc.value.problems
    assert p.code == "uscc.bad_char" and p.params == {"position": 12, "char": char}
    assert "第 12 位" in p.message() and "I、O、Z、S、V" in p.message()


def test_length_and_empty():
    with pytest.raises(ValidationError) as exc:
        parse_uscc("9111000060003734")
    assert [p.code for p in exc.value.problems] == ["uscc.length"]
    assert exc.value.problems[0].params == {"length": 16}
    with pytest.raises(ValidationError) as exc:
        parse_uscc("  ")
    assert [p.code for p in exc.value.problems] == ["uscc.empty"]


def test_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        uscc_check_char("9111000060003734O")
