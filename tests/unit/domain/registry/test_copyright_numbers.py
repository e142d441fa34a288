"""Copyright registration numbers: software (YYYYSR…) and works (X作登字-YYYY-C-NNNNNNNN)."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.registry.identifiers.copyright import parse_copyright_number
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.problems import ValidationError


@pytest.mark.parametrize(
    "text",
    [
        "2023SR0123456",
        "2023sr0123456",
        " 2023 SR 0123456 ",
        "２０２３ＳＲ０１２３４５６",
        "软著登字第2023SR0123456号",
    ],
)
def test_software(text):
    n = parse_copyright_number(text)
    assert (n.kind, n.canonical, n.year) == (RightKind.SOFTWARE, "2023SR0123456", 2023)


def test_older_short_software_serial_kept_as_written():
    assert parse_copyright_number("2012sr012345").canonical == "2012SR012345"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("国作登字-2023-A-00123456", "国作登字-2023-A-00123456"),
        ("国作登字－2023－a－00123456", "国作登字-2023-A-00123456"),
        ("国作登字—2023—A—00123456", "国作登字-2023-A-00123456"),
        ("国作登字 2023 A 00123456", "国作登字-2023-A-00123456"),
        ("渝作登字-2023-F-00012345", "渝作登字-2023-F-00012345"),
        ("国作登字-2021-L-00000001", "国作登字-2021-L-00000001"),
    ],
)
def test_works(text, canonical):
    n = parse_copyright_number(text)
    assert (n.kind, n.canonical, n.year) == (RightKind.COPYRIGHT, canonical, int(canonical.split("-")[1]))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "copyright.empty"),
        ("2023SR12", "copyright.format"),
        ("国作登字-2023-A-0012345", "copyright.format"),
        ("hello", "copyright.format"),
        ("X作登字-2023-A-00123456", "copyright.region"),
        ("1989SR0123456", "copyright.year"),
        ("国作登字-2028-A-00123456", "copyright.year"),
    ],
)
def test_invalid(text, code):
    with pytest.raises(ValidationError) as exc:
        parse_copyright_number(text, today=date(2026, 6, 1))
    assert [p.code for p in exc.value.problems] == [code]


def test_next_year_allowed():
    assert parse_copyright_number("2027SR0000001", today=date(2026, 12, 31)).year == 2027
