"""Patent application numbers: the real numbers of DOMAIN.md §5.1 in many written forms, and bad input."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.registry.identifiers.patent import parse_patent_number, patent_check_digit
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.problems import ValidationError

REAL = [  # (body, check, kind, year)
    ("201710601862", "3", RightKind.INVENTION, 2017),
    ("201410362077", "3", RightKind.INVENTION, 2014),
    ("95115608", "X", RightKind.INVENTION, 1995),
    ("201310699744", "2", RightKind.INVENTION, 2013),
    ("201220687633", "0", RightKind.UTILITY_MODEL, 2012),
]


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [p.code for p in exc.value.problems]


@pytest.mark.parametrize(("body", "check", "kind", "year"), REAL)
def test_check_digit_of_real_numbers(body, check, kind, year):
    assert patent_check_digit(body) == check


@pytest.mark.parametrize(("body", "check", "kind", "year"), REAL)
@pytest.mark.parametrize(
    "template",
    [
        "{b}.{c}",
        "{b}{c}",
        "ZL{b}{c}",
        "ZL {b}.{c}",
        "zl{b}.{c}",
        "CN{b}.{c}",
        "CN {b}.{c}",
        "cn {b}·{c}",
        "{b}．{c}",
        " {b} . {c} ",
        "{b}。{c}",
        "专利号：ZL{b}.{c}",
    ],
)
def test_real_numbers_in_many_forms(body, check, kind, year, template):
    pn = parse_patent_number(template.format(b=body, c=check))
    assert (pn.body, pn.check, pn.kind, pn.filing_year, pn.is_pct) == (body, check, kind, year, False)


@pytest.mark.parametrize(
    "text",
    [
        "ＺＬ２０１７１０６０１８６２．３",
        "２０１７１０６０１８６２３",
        "CN 2017 1 0601862.3",
        "201710601862\u30003",
    ],
)
def test_full_width_and_zc0006_spaces(text):
    assert parse_patent_number(text).list_form == "2017106018623"


def test_lowercase_x_check():
    assert parse_patent_number("95115608.x").check == "X"
    assert parse_patent_number("95115608x").list_form == "95115608X"


def test_display_forms():
    pn = parse_patent_number("ZL2013106997442")
    assert pn.list_form == "2013106997442" and len(pn.list_form) == 13
    assert pn.application_display == "201310699744.2"
    assert pn.display == "ZL 201310699744.2"
    assert pn.serial == 699744
    old = parse_patent_number("95115608.X")
    assert (old.list_form, old.application_display) == ("95115608X", "95115608.X")
    assert old.display == "ZL 95115608.X"
    assert len(old.list_form) == 9 and old.serial == 15608


def test_kind_from_type_digit_and_pct():
    design = "201430012345"
    pn = parse_patent_number(design + patent_check_digit(design))
    assert pn.kind is RightKind.DESIGN and not pn.is_pct
    for body, kind in (("201880012345", RightKind.INVENTION), ("201990012345", RightKind.UTILITY_MODEL)):
        pn = parse_patent_number(body + "." + patent_check_digit(body))
        assert pn.kind is kind and pn.is_pct


def test_wrong_check_digit_names_expected_and_given():
    with pytest.raises(ValidationError) as exc:
        parse_patent_number("ZL 201710601862.5")
    (p,) = exc.value.problems
    assert p.code == "patent.check_digit" and p.params == {"expected": "3", "given": "5"}
    assert "校验位应为 3，实际为 5" in p.message()
    assert "should be 3" in p.message("en")


@pytest.mark.parametrize("text", ["201710601862", "2017106018 62", "201710601862.", "95115608"])
def test_missing_check_digit_names_expected(text):
    with pytest.raises(ValidationError) as exc:
        parse_patent_number(text)
    assert codes(exc) == ["patent.check_missing"]
    expected = exc.value.problems[0].params["expected"]
    assert expected in ("3", "X") and f"应为 {expected}" in exc.value.messages()[0]


def test_bad_char_names_position_and_char():
    with pytest.raises(ValidationError) as exc:
        parse_patent_number("ZL 2017A0601862.3")
    (p,) = exc.value.problems
    assert p.code == "patent.bad_char" and p.params == {"position": 5, "char": "A"}
    assert "第 5 位" in p.message() and "“A”" in p.message()


@pytest.mark.parametrize(
    ("text", "position"), [("20171060186X.3", 12), ("201710601862.3.4", 15), ("2017106O1862.3", 8)]
)
def test_bad_chars(text, position):
    with pytest.raises(ValidationError) as exc:
        parse_patent_number(text)
    assert codes(exc) == ["patent.bad_char"] and exc.value.problems[0].params["position"] == position


@pytest.mark.parametrize("text", ["", "   ", "ZL", "CN "])
def test_empty(text):
    with pytest.raises(ValidationError) as exc:
        parse_patent_number(text)
    assert codes(exc) == ["patent.empty"]


@pytest.mark.parametrize(("text", "code"), [("2017106018.62", "patent.length"), ("1234567", "patent.length"),
                                            ("201710601862.34", "patent.check_length")])
def test_length(text, code):
    with pytest.raises(ValidationError) as exc:
        parse_patent_number(text)
    assert codes(exc) == [code]


def test_unknown_type_digit():
    body = "201740601862"
    with pytest.raises(ValidationError) as exc:
        parse_patent_number(body + patent_check_digit(body))
    (p,) = exc.value.problems
    assert p.code == "patent.type_digit" and p.params == {"position": 5, "digit": "4"}


@pytest.mark.parametrize("body", ["198410012345", "202810012345", "04100123", "84100123"])
def test_implausible_year(body):
    with pytest.raises(ValidationError) as exc:
        parse_patent_number(body + patent_check_digit(body), today=date(2026, 5, 1))
    assert codes(exc) == ["patent.year"]


def test_next_year_is_plausible_and_old_format_range():
    body = "202710012345"
    assert parse_patent_number(body + patent_check_digit(body), today=date(2026, 12, 31)).filing_year == 2027
    for body, year in (("85100012", 1985), ("03100012", 2003)):
        assert parse_patent_number(body + patent_check_digit(body)).filing_year == year


def test_several_problems_reported_together():
    with pytest.raises(ValidationError) as exc:
        parse_patent_number("201740601862.3")
    assert codes(exc) == ["patent.type_digit", "patent.check_digit"]


def test_check_digit_rejects_bad_body():
    with pytest.raises(ValueError):
        patent_check_digit("12345")
