"""Notice values, canonical content and Chinese money formatting (ipdesk.domain.notices.notice)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from ipdesk.domain.notices.notice import (
    Notice,
    NoticeKind,
    NoticeRight,
    RightFamily,
    canonical_content,
    china_date,
    content_digest,
    family_of,
    format_yuan,
    from_canonical,
    notice_title,
    rmb_uppercase,
    sample_notice,
    sample_search_certificate,
)
from ipdesk.domain.registry.rights import RightKind


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0", "人民币零元整"),
        ("0.00", "人民币零元整"),
        ("0.05", "人民币伍分"),
        ("0.5", "人民币伍角整"),
        ("1", "人民币壹元整"),
        ("10", "人民币壹拾元整"),
        ("10.05", "人民币壹拾元零伍分"),
        ("15.5", "人民币壹拾伍元伍角整"),
        ("100", "人民币壹佰元整"),
        ("1001", "人民币壹仟零壹元整"),
        ("1010.10", "人民币壹仟零壹拾元壹角整"),
        ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
        ("100000", "人民币壹拾万元整"),
        ("100001", "人民币壹拾万零壹元整"),
        ("107000.53", "人民币壹拾万零柒仟元伍角叁分"),
        ("1234567.89", "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
        ("12345678.90", "人民币壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整"),
        ("10000000", "人民币壹仟万元整"),
        ("100000000", "人民币壹亿元整"),
        ("100010000", "人民币壹亿零壹万元整"),
        ("1000001000", "人民币壹拾亿零壹仟元整"),
        ("309800000000", "人民币叁仟零玖拾捌亿元整"),  # 3098亿 (2021 national total)
        ("3098000000000", "人民币叁万亿零玖佰捌拾亿元整"),
        ("1000000000000", "人民币壹万亿元整"),
    ],
)
def test_rmb_uppercase(amount: str, words: str) -> None:
    assert rmb_uppercase(Decimal(amount)) == words


@pytest.mark.parametrize("bad", ["-1", "1.001", "NaN", "Infinity", str(10**16)])
def test_rmb_uppercase_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        rmb_uppercase(Decimal(bad))


def test_format_yuan_and_dates() -> None:
    assert format_yuan(Decimal(1234567)) == "¥1,234,567.00"
    assert format_yuan(Decimal("0.5")) == "¥0.50"
    assert china_date(date(2026, 3, 5)) == "2026年3月5日"
    # 2026-03-04 17:00 UTC is already 5 March in China
    assert china_date(datetime(2026, 3, 4, 17, 0, tzinfo=UTC)) == "2026年3月5日"


def test_titles_per_family() -> None:
    assert notice_title(NoticeKind.REGISTRATION, RightFamily.PATENT)[0] == "专利权质押登记通知书"
    assert notice_title(NoticeKind.REGISTRATION, RightFamily.TRADEMARK)[0] == "商标专用权质权登记证"
    assert notice_title(NoticeKind.REGISTRATION, RightFamily.COPYRIGHT)[0] == "著作权质权登记证书"
    assert notice_title(NoticeKind.REGISTRATION, RightFamily.MIXED)[0] == "知识产权质押登记通知书"
    assert notice_title(NoticeKind.REFUSAL, RightFamily.PATENT)[0] == "专利权质押不予登记通知书"
    assert notice_title(NoticeKind.SEARCH_CERTIFICATE)[0] == "知识产权质押登记查询证明"
    for kind in NoticeKind:
        for fam in RightFamily:
            zh, en = notice_title(kind, fam)
            assert zh and en.isascii()


def test_family_of() -> None:
    assert family_of([RightKind.INVENTION, RightKind.DESIGN]) == RightFamily.PATENT
    assert family_of([RightKind.TRADEMARK]) == RightFamily.TRADEMARK
    assert family_of([RightKind.SOFTWARE, RightKind.COPYRIGHT]) == RightFamily.COPYRIGHT
    assert family_of([RightKind.INVENTION, RightKind.TRADEMARK]) == RightFamily.MIXED
    assert family_of([]) == RightFamily.MIXED
    n = sample_notice()
    mixed = replace(n, rights=(*n.rights, NoticeRight("12345678", "恒顺", RightKind.TRADEMARK)), family=None)
    assert mixed.title[0] == "知识产权质押登记通知书"


def test_canonical_content_is_deterministic_json() -> None:
    n = sample_notice()
    raw = canonical_content(n)
    assert raw == canonical_content(sample_notice())
    d = json.loads(raw)
    assert list(d) == sorted(d)
    assert d["secured_amount"] == "12345678.90"
    assert d["issued_at"] == "2026-03-05T02:00:00Z"
    assert d["effective_date"] == "2026-03-05"
    assert d["kind"] == "registration" and d["family"] == "patent"
    assert d["rights"][0] == {"number": "ZL 201710601862.3", "title": "一种图像处理装置及方法",
                              "kind": "invention", "filing_date": "2017-07-26", "grant_date": "2020-03-10"}
    assert "江苏恒顺新材料科技有限公司".encode() in raw  # UTF-8, not \\u escapes
    assert b" " not in raw.replace(b"ZL ", b"")  # compact separators


def test_issue_time_normalised_to_utc_seconds() -> None:
    n = sample_notice()
    cst = timezone(timedelta(hours=8))
    same = replace(n, issued_at=datetime(2026, 3, 5, 10, 0, 0, 999, tzinfo=cst))
    assert same.issued_at == n.issued_at
    assert content_digest(same) == content_digest(n)
    with pytest.raises(ValueError):
        replace(n, issued_at=datetime(2026, 3, 5, 10, 0))  # naive


def test_amount_normalised_and_validated() -> None:
    n = sample_notice()
    assert replace(n, secured_amount=Decimal("12345678.9")).secured_amount == Decimal("12345678.90")
    assert content_digest(replace(n, secured_amount="12345678.9")) == content_digest(n)
    with pytest.raises(ValueError):
        replace(n, secured_amount=Decimal("1.234"))
    with pytest.raises(ValueError):
        replace(n, secured_amount=Decimal(-1))


def test_one_character_changes_the_digest() -> None:
    n = sample_notice()
    base = content_digest(n)
    assert len(base) == 64
    r0 = n.rights[0]
    variants = [
        replace(n, serial="N2026-000124"),
        replace(n, registration_no="Y2026980000124"),
        replace(n, secured_amount=Decimal("12345678.91")),
        replace(n, pledgee=replace(n.pledgee, name="中国银行股份有限公司镇江支行")),
        replace(n, rights=(replace(r0, number="ZL 201710601862.4"), *n.rights[1:])),
        replace(n, office_name="国家知识产权局专利局"),
        replace(n, remarks="。"),
    ]
    assert len({content_digest(v) for v in variants} | {base}) == len(variants) + 1


@pytest.mark.parametrize("kind", [k for k in NoticeKind if k != NoticeKind.SEARCH_CERTIFICATE])
def test_from_canonical_round_trip(kind: NoticeKind) -> None:
    n = sample_notice(kind, rights=5)
    back = from_canonical(canonical_content(n))
    assert back == n
    assert canonical_content(back) == canonical_content(n)


def test_search_certificate_round_trip() -> None:
    c = sample_search_certificate(7)
    assert from_canonical(canonical_content(c)) == c
    assert json.loads(canonical_content(c))["kind"] == "search_certificate"


def test_from_canonical_rejects_other_json() -> None:
    for raw in (b"{}", b"[1]", b"not json", b'{"format":"ipdesk.notice","v":99,"kind":"registration"}',
                "{}".encode("utf-16")):
        with pytest.raises(ValueError):
            from_canonical(raw)


def test_notice_requires_serial_and_not_search_kind() -> None:
    n = sample_notice()
    with pytest.raises(ValueError):
        replace(n, serial="")
    with pytest.raises(ValueError):
        Notice(kind=NoticeKind.SEARCH_CERTIFICATE, serial="Q1", office_name="x", issued_at=n.issued_at)
