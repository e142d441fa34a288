"""Numbers of any kind: recognition by shape, kind checks, search keys for partial input, CLI JSON."""

from __future__ import annotations

import json

import pytest

from ipdesk.domain.registry.identifiers import describe_number, number_search_key, parse_right_number
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.messages import known_codes
from ipdesk.domain.shared.problems import ValidationError

K = RightKind


@pytest.mark.parametrize(
    ("text", "kind", "number", "display"),
    [
        ("ZL 201710601862.3", K.INVENTION, "2017106018623", "ZL 201710601862.3"),
        ("2014103620773", K.INVENTION, "2014103620773", "ZL 201410362077.3"),
        ("95115608.X", K.INVENTION, "95115608X", "ZL 95115608.X"),
        ("95115608x", K.INVENTION, "95115608X", "ZL 95115608.X"),
        ("ZL2013106997442", K.INVENTION, "2013106997442", "ZL 201310699744.2"),
        ("ZL 201220687633.0", K.UTILITY_MODEL, "2012206876330", "ZL 201220687633.0"),
        ("CN201710601862.3", K.INVENTION, "2017106018623", "ZL 201710601862.3"),
        ("12345678", K.TRADEMARK, "12345678", "12345678"),
        ("第 0012345 号", K.TRADEMARK, "12345", "12345"),
        ("G1234567", K.TRADEMARK, "G1234567", "G1234567"),
        ("2023sr0123456", K.SOFTWARE, "2023SR0123456", "2023SR0123456"),
        ("软著登字第2023SR0123456号", K.SOFTWARE, "2023SR0123456", "2023SR0123456"),
        ("国作登字-2023-A-00123456", K.COPYRIGHT, "国作登字-2023-A-00123456", "国作登字-2023-A-00123456"),
        ("渝作登字—2023—F—00012345", K.COPYRIGHT, "渝作登字-2023-F-00012345", "渝作登字-2023-F-00012345"),
    ],
)
def test_recognised_without_kind(text, kind, number, display):
    rn = parse_right_number(text)
    assert (rn.kind, rn.number, rn.display) == (kind, number, display)


def test_with_kind_given():
    assert parse_right_number("ZL 201220687633.0", K.UTILITY_MODEL).number == "2012206876330"
    assert parse_right_number("12345678", K.TRADEMARK).number == "12345678"
    assert parse_right_number("2023SR0123456", K.SOFTWARE).kind is K.SOFTWARE


@pytest.mark.parametrize(
    ("text", "kind"),
    [("ZL 201710601862.3", K.DESIGN), ("ZL 201220687633.0", K.INVENTION), ("2023SR0123456", K.COPYRIGHT)],
)
def test_kind_mismatch(text, kind):
    with pytest.raises(ValidationError) as exc:
        parse_right_number(text, kind)
    (p,) = exc.value.problems
    assert p.code == "number.kind_mismatch"
    label = {K.DESIGN: "外观设计", K.INVENTION: "发明专利", K.COPYRIGHT: "作品著作权"}[kind]
    assert p.message().endswith("不是" + label)


def test_kind_given_parses_as_that_kind():
    with pytest.raises(ValidationError) as exc:
        parse_right_number("201710601862.3", K.TRADEMARK)
    assert exc.value.problems[0].code == "trademark.bad_char"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "number.empty"),
        ("hello", "number.unknown"),
        ("201710601862", "patent.check_missing"),  # 12 digits: a patent without its check digit
        ("201710601862.5", "patent.check_digit"),
        ("951156084", "patent.check_digit"),  # 9 digits cannot be a mark
        ("123456789012345", "patent.length"),
        ("2023SR12", "copyright.format"),
    ],
)
def test_errors_without_kind(text, code):
    with pytest.raises(ValidationError) as exc:
        parse_right_number(text)
    assert exc.value.problems[0].code == code


def test_old_patent_body_without_check_reads_as_trademark():
    # Documented ambiguity: 8 bare digits are a trademark number.
    assert parse_right_number("95115608").kind is K.TRADEMARK


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ZL 2017106", "2017106"),
        ("zl2017", "2017"),
        ("CN2017", "2017"),
        ("201710601862.", "201710601862"),
        ("201710601862．3", "2017106018623"),
        ("2017106018623", "2017106018623"),
        ("95115608.x", "95115608X"),
        ("95115608X", "95115608X"),
        ("２０１７", "2017"),
        ("g12", "G12"),
        ("第123", "123"),
        ("2023S", "2023S"),
        ("2023sr01", "2023SR01"),
        ("软著登字第2023SR", "2023SR"),
        ("国作", "国作"),
        ("国作登字", "国作登字"),
        ("国作登字-", "国作登字-"),
        ("国作登字2023a", "国作登字-2023-A"),
        ("国作登字-2023-A-001", "国作登字-2023-A-001"),
        ("渝作登字–2023–F0001", "渝作登字-2023-F-0001"),
    ],
)
def test_search_key(text, key):
    assert number_search_key(text) == key


@pytest.mark.parametrize(
    "text",
    ["", "  ", "ZL", "abc", "一种电池", "12.3", "2017106018623456", "国作登字-20-A", "国作登字2023-00", "国"],
)
def test_search_key_none(text):
    assert number_search_key(text) is None


def test_describe_valid_patent():
    d = describe_number("ZL 201710601862.3")
    assert d == {
        "valid": True,
        "input": "ZL 201710601862.3",
        "kind": "invention",
        "number": "2017106018623",
        "display": "ZL 201710601862.3",
        "application_number": "201710601862.3",
        "list_form": "2017106018623",
        "filing_year": 2017,
        "is_pct": False,
    }
    json.dumps(d)


def test_describe_other_kinds():
    assert describe_number("12345678")["kind"] == "trademark"
    d = describe_number("2023SR0123456")
    assert (d["valid"], d["kind"], d["year"]) == (True, "software", 2023)


def test_describe_invalid():
    d = describe_number("201710601862.5")
    assert d["valid"] is False and d["input"] == "201710601862.5"
    assert d["error"] == "专利号校验位应为 3，实际为 5，请核对号码"
    assert d["errors"] == [
        {
            "code": "patent.check_digit",
            "field": "number",
            "message": d["error"],
            "params": {"expected": "3", "given": "5"},
        }
    ]
    json.dumps(d, ensure_ascii=False)


def test_describe_kind_mismatch():
    d = describe_number("ZL 201710601862.3", K.DESIGN)
    assert d["valid"] is False and d["errors"][0]["code"] == "number.kind_mismatch"


def test_every_emitted_code_is_registered():
    emitted = {
        "patent.empty", "patent.bad_char", "patent.length", "patent.check_length", "patent.type_digit",
        "patent.year", "patent.check_digit", "patent.check_missing", "uscc.empty", "uscc.length",
        "uscc.bad_char", "uscc.check", "trademark.empty", "trademark.bad_char", "trademark.length",
        "trademark.zero", "copyright.empty", "copyright.format", "copyright.region", "copyright.year",
        "number.empty", "number.unknown", "number.kind_mismatch",
    }  # fmt: skip
    import ipdesk.domain.registry.identifiers.uscc  # noqa: F401  # registers its codes

    assert emitted <= known_codes()


# ---- the same-day twin column (同日申请): a patent number or yes / no (issue 15) ---------------------------


def test_same_day_twin_takes_a_patent_number_or_yes_or_no():
    from ipdesk.domain.registry.right_input import TWIN_NUMBER_UNKNOWN, parse_twin

    assert parse_twin("否") == ("", []) and parse_twin("no") == ("", []) and parse_twin("") == ("", [])
    assert parse_twin("是") == (TWIN_NUMBER_UNKNOWN, []) and parse_twin("Yes") == (TWIN_NUMBER_UNKNOWN, [])
    assert parse_twin("ZL 201710601862.3") == ("2017106018623", [])  # stored as the register stores numbers
    value, problems = parse_twin("ZL 201710601862.4")  # a wrong check digit
    assert [p.code for p in problems] == ["right.twin"] and "是" in problems[0].message("zh")
    assert [p.code for p in parse_twin("12345678")[1]] == ["right.twin"]  # a trademark is no twin
