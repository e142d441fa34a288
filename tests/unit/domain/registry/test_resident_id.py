"""Resident ID card numbers (GB 11643): 18 characters, region, real birth date, ISO 7064 MOD 11-2 check."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.registry.identifiers.resident_id import (
    looks_like_resident_id,
    parse_resident_id,
    resident_id_check_char,
)
from ipdesk.domain.registry.party_input import check_party
from ipdesk.domain.shared.problems import ValidationError

GOOD = "11010519491231002X"  # the standard's own example


def codes(text: str, today: date | None = None) -> list[str]:
    with pytest.raises(ValidationError) as err:
        parse_resident_id(text, today)
    return [p.code for p in err.value.problems]


def test_the_standards_example_and_its_normal_forms():
    assert parse_resident_id(GOOD) == GOOD
    assert parse_resident_id("110105 19491231 002x") == GOOD  # spaces, a small x
    assert parse_resident_id("１１０１０５１９４９１２３１００２Ｘ") == GOOD  # full-width


def test_each_defect_is_named():
    assert codes(GOOD[:-1]) == ["resident_id.length"]
    assert codes("1101051949123A002X") == ["resident_id.bad_char"]
    assert codes("99" + GOOD[2:]) == ["resident_id.region"]
    assert codes("110105" + "19490231" + "0021") == ["resident_id.birth_date"]  # no 31 February
    assert codes("110105" + "18991231" + "0021") == ["resident_id.birth_date"]
    assert codes(GOOD, today=date(1949, 12, 30)) == ["resident_id.birth_date"]  # born tomorrow
    assert codes(GOOD[:-1] + "1") == ["resident_id.check"]


def test_the_check_message_says_what_it_should_be():
    with pytest.raises(ValidationError) as err:
        parse_resident_id(GOOD[:-1] + "1")
    assert "应为 X" in err.value.problems[0].message("zh")


@given(st.integers(0, 10**11 - 1))
def test_any_wrong_check_character_is_refused(n):
    body = "320102" + "19800517" + f"{n % 1000:03d}"
    right = resident_id_check_char(body)
    assert parse_resident_id(body + right) == body + right
    for wrong in "0123456789X":
        if wrong != right:
            with pytest.raises(ValidationError):
                parse_resident_id(body + wrong)


def test_an_individuals_id_card_is_validated_another_document_kept_as_typed():
    base = {"kind": "individual", "name": "张三"}
    party, problems = check_party({**base, "id_number": GOOD[:-1] + "1"})
    assert party is None and [p.code for p in problems] == ["resident_id.check"]
    party, problems = check_party({**base, "id_number": "110105 19491231 002x"})
    assert problems == [] and party is not None and party.id_number == GOOD  # normalised
    party, problems = check_party({**base, "id_number": "H01234567"})  # a Hong Kong/Macao travel permit
    assert problems == [] and party is not None and party.id_number == "H01234567"
    assert not looks_like_resident_id("E12345678") and looks_like_resident_id("1101051949123100")
    foreign, problems = check_party({"kind": "foreign", "name": "ACME GmbH", "id_number": "DE 123456789012345"})
    assert problems == [] and foreign is not None
