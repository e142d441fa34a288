"""Notices and certificates the office issues, as plain values, and their canonical (signed) content.

A :class:`Notice` (登记 / 不予登记 / 补正 / 变更 / 注销通知书) or a :class:`SearchCertificate` (查询证明) holds
everything the printed document states. :func:`canonical_content` turns it into deterministic UTF-8 JSON
(sorted keys, no whitespace, amounts as ``"1234.50"``, dates ISO, ``issued_at`` as UTC ``...Z`` to the
second); :func:`content_digest` is its SHA-256. The digest is what the office key signs
(:mod:`ipdesk.reports.common.seal`), so anything the document shows must be in the canonical content, and the
document must show nothing that is not derived from it (titles and boilerplate sentences are derived
from ``kind`` and ``family``). :func:`from_canonical` reads the JSON back, so a stored canonical content
reprints the identical notice.

Chinese uppercase money, ``¥1,234.50`` and China dates live in :mod:`.wording` (re-exported here).
"""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ipdesk.domain.notices.wording import (  # noqa: F401  (re-exported: callers import them from here)
    CHINA_TZ,
    china_date,
    china_datetime,
    format_yuan,
    rmb_uppercase,
)
from ipdesk.domain.registry.rights import KIND_LABELS, RightKind

CANONICAL_FORMAT = "ipdesk.notice"
CANONICAL_VERSION = 1
#: The page layout the office prints now (ipdesk.reports.notices.layouts); signed with the content, so a
#: notice keeps verifying after the layout changes. 0: content signed before layouts had a number.
LAYOUT_VERSION = 3


class NoticeKind(enum.StrEnum):
    REGISTRATION = "registration"  # 登记通知书 / 登记证 / 登记证书
    REFUSAL = "refusal"  # 不予登记通知书
    CORRECTION = "correction"  # 补正通知书
    CHANGE = "change"  # 变更通知书
    CANCELLATION = "cancellation"  # 注销通知书
    SEARCH_CERTIFICATE = "search_certificate"  # 查询证明


class RightFamily(enum.StrEnum):
    PATENT = "patent"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"
    MIXED = "mixed"


def family_of(kinds: Any) -> RightFamily:
    """The family of a set of right kinds: all patents → patent, …; a mix (or nothing) → mixed."""
    ks = {RightKind(k) for k in kinds}
    if ks and all(k.is_patent for k in ks):
        return RightFamily.PATENT
    if ks == {RightKind.TRADEMARK}:
        return RightFamily.TRADEMARK
    if ks and all(k.is_copyright for k in ks):
        return RightFamily.COPYRIGHT
    return RightFamily.MIXED


_F = RightFamily
_TITLES: dict[tuple[NoticeKind, RightFamily], tuple[str, str]] = {
    (NoticeKind.REGISTRATION, _F.PATENT): ("专利权质押登记通知书", "Notice of Registration of Patent Pledge"),
    (NoticeKind.REGISTRATION, _F.TRADEMARK): ("商标专用权质权登记证", "Certificate of Trademark Pledge Registration"),
    (NoticeKind.REGISTRATION, _F.COPYRIGHT): ("著作权质权登记证书", "Certificate of Copyright Pledge Registration"),
    (NoticeKind.REGISTRATION, _F.MIXED): ("知识产权质押登记通知书", "Notice of Registration of IP Pledge"),
    (NoticeKind.REFUSAL, _F.PATENT): ("专利权质押不予登记通知书", "Notice of Refusal of Patent Pledge Registration"),
    (NoticeKind.REFUSAL, _F.TRADEMARK): ("商标专用权质权不予登记通知书",
                                         "Notice of Refusal of Trademark Pledge Registration"),
    (NoticeKind.REFUSAL, _F.COPYRIGHT): ("著作权质权不予登记通知书",
                                         "Notice of Refusal of Copyright Pledge Registration"),
    (NoticeKind.REFUSAL, _F.MIXED): ("知识产权质押不予登记通知书", "Notice of Refusal of IP Pledge Registration"),
    (NoticeKind.CORRECTION, _F.PATENT): ("专利权质押登记补正通知书", "Notice to Correct a Patent Pledge Application"),
    (NoticeKind.CORRECTION, _F.TRADEMARK): ("商标专用权质权登记补正通知书",
                                            "Notice to Correct a Trademark Pledge Application"),
    (NoticeKind.CORRECTION, _F.COPYRIGHT): ("著作权质权登记补正通知书",
                                            "Notice to Correct a Copyright Pledge Application"),
    (NoticeKind.CORRECTION, _F.MIXED): ("知识产权质押登记补正通知书", "Notice to Correct an IP Pledge Application"),
    (NoticeKind.CHANGE, _F.PATENT): ("专利权质押登记变更通知书", "Notice of Change of Patent Pledge Registration"),
    (NoticeKind.CHANGE, _F.TRADEMARK): ("商标专用权质权登记变更通知书",
                                        "Notice of Change of Trademark Pledge Registration"),
    (NoticeKind.CHANGE, _F.COPYRIGHT): ("著作权质权变更登记通知书",
                                        "Notice of Change of Copyright Pledge Registration"),
    (NoticeKind.CHANGE, _F.MIXED): ("知识产权质押登记变更通知书", "Notice of Change of IP Pledge Registration"),
    (NoticeKind.CANCELLATION, _F.PATENT): ("专利权质押登记注销通知书",
                                           "Notice of Cancellation of Patent Pledge Registration"),
    (NoticeKind.CANCELLATION, _F.TRADEMARK): ("商标专用权质权登记注销通知书",
                                              "Notice of Cancellation of Trademark Pledge Registration"),
    (NoticeKind.CANCELLATION, _F.COPYRIGHT): ("著作权质权注销登记通知书",
                                              "Notice of Cancellation of Copyright Pledge Registration"),
    (NoticeKind.CANCELLATION, _F.MIXED): ("知识产权质押登记注销通知书",
                                          "Notice of Cancellation of IP Pledge Registration"),
}
SEARCH_CERTIFICATE_TITLE = ("知识产权质押登记查询证明", "Certificate of IP Pledge Register Search")

# Per family: the name of the pledge right and the table headers for the right number / second date.
FAMILY_TERMS: dict[RightFamily, dict[str, tuple[str, str]]] = {
    _F.PATENT: {
        "pledge": ("专利权质权", "patent pledge"),
        "apply": ("专利权质押登记", "patent pledge registration"),
        "number": ("专利号", "Patent no."),
        "filed": ("申请日", "Filing date"),
        "granted": ("授权公告日", "Grant date"),
    },
    _F.TRADEMARK: {
        "pledge": ("商标专用权质权", "trademark pledge"),
        "apply": ("商标专用权质权登记", "trademark pledge registration"),
        "number": ("注册号", "Reg. no."),
        "filed": ("申请日", "Filing date"),
        "granted": ("注册日", "Registration date"),
    },
    _F.COPYRIGHT: {
        "pledge": ("著作权质权", "copyright pledge"),
        "apply": ("著作权质权登记", "copyright pledge registration"),
        "number": ("登记号", "Reg. no."),
        "filed": ("申请日", "Filing date"),
        "granted": ("登记日", "Registration date"),
    },
    _F.MIXED: {
        "pledge": ("知识产权质权", "IP pledge"),
        "apply": ("知识产权质押登记", "IP pledge registration"),
        "number": ("权利号", "Right no."),
        "filed": ("申请日", "Filing date"),
        "granted": ("授权/注册日", "Grant/registration date"),
    },
}


def notice_title(kind: NoticeKind, family: RightFamily = RightFamily.MIXED) -> tuple[str, str]:
    """(zh, en) title of a notice of ``kind`` about rights of ``family``."""
    if kind == NoticeKind.SEARCH_CERTIFICATE:
        return SEARCH_CERTIFICATE_TITLE
    return _TITLES[(NoticeKind(kind), RightFamily(family))]


# --------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class NoticeParty:
    """A party as printed: name and 统一社会信用代码 (or an ID/passport number for a person)."""

    name: str
    uscc: str = ""
    address: str = ""


@dataclass(frozen=True)
class NoticeRight:
    """One pledged right as printed. ``grant_date``: patents 授权公告日, marks 注册日, copyrights 登记日."""

    number: str  # display form, e.g. "ZL 201710601862.3"
    title: str
    kind: RightKind
    filing_date: date | None = None
    grant_date: date | None = None

    @property
    def kind_label(self) -> tuple[str, str]:
        return KIND_LABELS[RightKind(self.kind)]


@dataclass(frozen=True)
class NoticeGround:
    """A failed refusal ground: the rule's problem code, the article it rests on, and the reason text."""

    code: str
    article: str  # e.g. "《专利权质押登记办法》第十一条第（一）项"
    reason: str


@dataclass(frozen=True)
class ChangeLine:
    field: str  # e.g. "质权人名称"
    before: str
    after: str


def _utc(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {value!r}")
    return value.astimezone(UTC).replace(microsecond=0)


def _amount(value: Any, name: str) -> Decimal | None:
    if value is None:
        return None
    try:
        d = Decimal(value) if not isinstance(value, float) else Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{name} is not a number: {value!r}") from None
    if not d.is_finite() or d < 0 or d != d.quantize(Decimal("0.01")):
        raise ValueError(f"{name} must be ≥ 0 with at most 2 decimals: {value!r}")
    return d.quantize(Decimal("0.01"))


def _freeze(obj: Any, names: tuple[str, ...]) -> None:
    for n in names:
        v = getattr(obj, n)
        if isinstance(v, list):
            object.__setattr__(obj, n, tuple(v))


@dataclass(frozen=True)
class Notice:
    """A notice as issued. ``serial`` is unique per issued document (e.g. ``N2026-000123``); reprints keep it.

    ``family`` defaults to the family of the rights' kinds (patent / trademark / copyright / mixed); it
    selects the title (专利权质押登记通知书, 商标专用权质权登记证, 著作权质权登记证书, …).
    ``issued_at`` must be timezone-aware; it is kept in UTC to the second. ``issued_on`` is the legal
    date of issue, a day in the office's timezone from the office clock (the date by the seal); documents
    issued before it was stated (``None``) show ``issued_at`` in China time.
    """

    kind: NoticeKind
    serial: str
    office_name: str
    issued_at: datetime
    issued_on: date | None = None
    registration_no: str = ""
    application_no: str = ""
    pledgors: tuple[NoticeParty, ...] = ()
    pledgee: NoticeParty | None = None
    debtor: NoticeParty | None = None
    rights: tuple[NoticeRight, ...] = ()
    secured_amount: Decimal | None = None  # yuan
    application_date: date | None = None
    effective_date: date | None = None  # 登记生效日 (registration date)
    change_date: date | None = None  # 变更登记日
    performance_deadline: date | None = None  # 债务履行期限届满日
    cancellation_date: date | None = None  # 注销登记日 (the registration ceases to have effect)
    correction_deadline: date | None = None  # 补正期限
    grounds: tuple[NoticeGround, ...] = ()
    corrections: tuple[str, ...] = ()
    changes: tuple[ChangeLine, ...] = ()
    cancellation_trigger: str = ""
    remarks: str = ""
    family: RightFamily | None = None
    #: The audit chain's head ("seq:hash") when the document was issued: an anchor outside the database
    #: proving the log still holds what the office had recorded by then (empty on older documents).
    audit_position: str = ""
    layout: int = LAYOUT_VERSION  # the page layout it is printed in (0: before layouts had a number)
    #: The audit entry of the decision the notice documents ("seq:hash"; empty on older documents).
    decision_entry: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", NoticeKind(self.kind))
        if self.kind == NoticeKind.SEARCH_CERTIFICATE:
            raise ValueError("a search certificate is a SearchCertificate, not a Notice")
        if not self.serial:
            raise ValueError("a notice needs a serial")
        _freeze(self, ("pledgors", "rights", "grounds", "corrections", "changes"))
        object.__setattr__(self, "issued_at", _utc(self.issued_at, "issued_at"))
        object.__setattr__(self, "secured_amount", _amount(self.secured_amount, "secured_amount"))
        fam = self.family if self.family is not None else family_of(r.kind for r in self.rights)
        object.__setattr__(self, "family", RightFamily(fam))

    @property
    def title(self) -> tuple[str, str]:
        assert self.family is not None
        return notice_title(self.kind, self.family)


@dataclass(frozen=True)
class SearchRow:
    """One registration found by a register search, as printed on the 查询证明."""

    registration_no: str
    status: str  # printed status label, e.g. "有效" / "已注销"
    pledgors: tuple[str, ...]
    pledgee: str
    right_numbers: tuple[str, ...] = ()
    effective_date: date | None = None
    cancellation_date: date | None = None
    secured_amount: Decimal | None = None

    def __post_init__(self) -> None:
        _freeze(self, ("pledgors", "right_numbers"))
        object.__setattr__(self, "secured_amount", _amount(self.secured_amount, "secured_amount"))


@dataclass(frozen=True)
class SearchCertificate:
    """查询证明: the result of a register search as the register stood at ``as_of``."""

    serial: str
    office_name: str
    issued_at: datetime
    query: str  # human description of the criteria, e.g. "出质人：江苏恒顺新材料科技有限公司（含近似名称）"
    as_of: datetime
    rows: tuple[SearchRow, ...] = ()
    remarks: str = ""
    audit_position: str = ""  # as on a Notice
    layout: int = LAYOUT_VERSION  # as on a Notice

    def __post_init__(self) -> None:
        if not self.serial:
            raise ValueError("a certificate needs a serial")
        _freeze(self, ("rows",))
        object.__setattr__(self, "issued_at", _utc(self.issued_at, "issued_at"))
        object.__setattr__(self, "as_of", _utc(self.as_of, "as_of"))

    @property
    def kind(self) -> NoticeKind:
        return NoticeKind.SEARCH_CERTIFICATE

    @property
    def title(self) -> tuple[str, str]:
        return SEARCH_CERTIFICATE_TITLE


Document = Notice | SearchCertificate

# ------------------------------------------------------------------------------------- canonical form


def _enc(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01')):f}"
    if isinstance(value, datetime):
        return _utc(value, "datetime").strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_enc(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _enc(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"cannot encode {type(value).__name__} in canonical content")


def canonical_dict(doc: Document) -> dict[str, Any]:
    out = _enc(doc)
    out["format"] = CANONICAL_FORMAT
    out["v"] = CANONICAL_VERSION
    out["kind"] = doc.kind.value
    if out.get("issued_on", "") is None:
        del out["issued_on"]  # absent, not null: documents issued before the field keep their digest
    for absent_when_empty in ("audit_position", "layout", "decision_entry"):  # likewise
        if not out.get(absent_when_empty):
            out.pop(absent_when_empty, None)
    return out


def canonical_content(doc: Document) -> bytes:
    """Deterministic UTF-8 JSON of everything the document states (the bytes whose digest is signed)."""
    return json.dumps(canonical_dict(doc), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def digest_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def content_digest(doc: Document) -> str:
    """SHA-256 hex of :func:`canonical_content`."""
    return digest_of(canonical_content(doc))


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _dt(s: str) -> datetime:
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _party(d: dict[str, Any] | None) -> NoticeParty | None:
    return None if d is None else NoticeParty(name=d["name"], uscc=d["uscc"], address=d["address"])


def _layout(d: dict[str, Any]) -> int:
    if not isinstance(d.get("layout", 0), int) or isinstance(d.get("layout"), bool):
        raise TypeError("layout is not a number")
    return int(d.get("layout", 0))


def from_canonical(content: bytes) -> Document:
    """Rebuild the Notice / SearchCertificate from its canonical content (``ValueError`` if not one)."""
    try:
        d = json.loads(content.decode("utf-8"))
        if d.get("format") != CANONICAL_FORMAT or d.get("v") != CANONICAL_VERSION:
            raise ValueError("not ipdesk notice content (format/version)")
        if d["kind"] == NoticeKind.SEARCH_CERTIFICATE:
            return SearchCertificate(
                serial=d["serial"], office_name=d["office_name"], issued_at=_dt(d["issued_at"]),
                query=d["query"], as_of=_dt(d["as_of"]), remarks=d["remarks"],
                rows=tuple(SearchRow(
                    registration_no=r["registration_no"], status=r["status"], pledgors=tuple(r["pledgors"]),
                    pledgee=r["pledgee"], right_numbers=tuple(r["right_numbers"]),
                    effective_date=_d(r["effective_date"]), cancellation_date=_d(r["cancellation_date"]),
                    secured_amount=r["secured_amount"]) for r in d["rows"]),
                audit_position=d.get("audit_position", ""), layout=_layout(d))
        return Notice(
            kind=NoticeKind(d["kind"]), serial=d["serial"], office_name=d["office_name"],
            issued_at=_dt(d["issued_at"]), issued_on=_d(d.get("issued_on")), registration_no=d["registration_no"],
            application_no=d["application_no"],
            pledgors=tuple(_party(p) for p in d["pledgors"]),  # type: ignore[misc]
            pledgee=_party(d["pledgee"]), debtor=_party(d["debtor"]),
            rights=tuple(NoticeRight(number=r["number"], title=r["title"], kind=RightKind(r["kind"]),
                                     filing_date=_d(r["filing_date"]), grant_date=_d(r["grant_date"]))
                         for r in d["rights"]),
            secured_amount=d["secured_amount"],
            application_date=_d(d["application_date"]), effective_date=_d(d["effective_date"]),
            change_date=_d(d["change_date"]), performance_deadline=_d(d["performance_deadline"]),
            cancellation_date=_d(d["cancellation_date"]), correction_deadline=_d(d["correction_deadline"]),
            grounds=tuple(NoticeGround(**g) for g in d["grounds"]), corrections=tuple(d["corrections"]),
            changes=tuple(ChangeLine(**c) for c in d["changes"]),
            cancellation_trigger=d["cancellation_trigger"], remarks=d["remarks"],
            family=RightFamily(d["family"]), audit_position=d.get("audit_position", ""), layout=_layout(d),
            decision_entry=d.get("decision_entry", ""))
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not ipdesk notice content: {exc}") from None


# ------------------------------------------------------------------------------ sample documents
# Realistic sample data for layout previews (settings → office name), tests, benchmarks and the
# rendered samples under docs/notices/. Names are illustrative; numbers carry valid check characters.

_SAMPLE_TITLES = (
    "一种图像处理装置及方法", "一种高强度耐腐蚀复合涂层及其制备方法", "一种锂离子电池隔膜涂覆装置",
    "一种碳纤维增强热塑性树脂基复合材料", "一种纳米二氧化硅改性环氧树脂胶粘剂", "一种光伏背板用含氟薄膜及其制备工艺",
    "一种薄膜分切机的张力控制装置", "一种阻燃聚丙烯复合材料及其制备方法", "一种用于新材料生产线的在线检测系统",
    "一种石墨烯导热膜的连续化制备设备", "一种可降解聚乳酸发泡材料", "一种涂布机的烘箱余热回收装置",
)


def _patent_number(year: int, kind: int, serial: int) -> str:
    digits = f"{year}{kind}{serial:07d}"
    total = sum(int(d) * (2 + i % 8) for i, d in enumerate(digits))
    check = total % 11
    return f"ZL {digits}.{'X' if check == 10 else check}"


def _uscc(body17: str) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    c = 31 - sum(chars.index(ch) * w for ch, w in zip(body17, weights, strict=True)) % 31
    return body17 + chars[0 if c == 31 else c]


SAMPLE_PLEDGOR = NoticeParty("江苏恒顺新材料科技有限公司", _uscc("91321191MA1N7K3X2"), "江苏省镇江市新区金港大道98号")
SAMPLE_PLEDGEE = NoticeParty("中国银行股份有限公司镇江分行", _uscc("91321100837142601"),
                             "江苏省镇江市润州区中山西路98号")


def sample_rights(count: int = 3) -> tuple[NoticeRight, ...]:
    """``count`` pledged patents, the first being ZL 201710601862.3 一种图像处理装置及方法."""
    out = [NoticeRight("ZL 201710601862.3", _SAMPLE_TITLES[0], RightKind.INVENTION, date(2017, 7, 26),
                       date(2020, 3, 10))]
    for i in range(1, count):
        kind = RightKind.INVENTION if i % 3 else RightKind.UTILITY_MODEL
        year = 2015 + i % 8
        number = _patent_number(year, 1 if kind == RightKind.INVENTION else 2, 100000 + 7919 * i % 900000)
        filed = date(year, 1 + i % 12, 1 + (i * 7) % 28)
        granted = date(year + (3 if kind == RightKind.INVENTION else 1), 1 + (i * 5) % 12, 1 + (i * 3) % 28)
        out.append(NoticeRight(number, _SAMPLE_TITLES[i % len(_SAMPLE_TITLES)], kind, filed, granted))
    return tuple(out)


def sample_notice(kind: NoticeKind = NoticeKind.REGISTRATION, rights: int = 3, serial: str = "N2026-000123",
                  office_name: str = "国家知识产权局") -> Notice:
    """A filled-in sample notice of ``kind`` with ``rights`` pledged patents."""
    base: dict[str, Any] = {
        "kind": kind, "serial": serial, "office_name": office_name,
        "issued_at": datetime(2026, 3, 5, 2, 0, tzinfo=UTC), "application_no": "ZY2026030200317",
        "pledgors": (SAMPLE_PLEDGOR,), "pledgee": SAMPLE_PLEDGEE, "debtor": SAMPLE_PLEDGOR,
        "rights": sample_rights(rights), "secured_amount": Decimal("12345678.90"),
        "application_date": date(2026, 3, 2), "performance_deadline": date(2029, 3, 1),
    }
    if kind in (NoticeKind.REGISTRATION, NoticeKind.CHANGE, NoticeKind.CANCELLATION):
        base.update(registration_no="Y2026980000123", effective_date=date(2026, 3, 5))
    if kind == NoticeKind.REFUSAL:
        base["grounds"] = (
            NoticeGround("P1", "《专利权质押登记办法》第十一条第（一）项",
                         "出质人江苏恒顺新材料科技有限公司不是专利登记簿记载的专利权人（ZL 201710601862.3）"),
            NoticeGround("P4", "《专利权质押登记办法》第十一条第（四）项",
                         f"专利权未按规定缴纳年费（{base['rights'][-1].number}，处于年费滞纳期）"),
            NoticeGround("P6", "《专利权质押登记办法》第十一条第（六）项",
                         "债务人履行债务的期限超过质押专利权的有效期"),
        )
    if kind == NoticeKind.CORRECTION:
        base.update(correction_deadline=date(2026, 3, 20), corrections=(
            "补交质权人的身份证明文件或者当事人签署的承诺书",
            "质押合同未写明质押担保的范围，请补交补充协议",
            "质押专利超过2项的附页未由双方盖章或加盖骑缝章",
        ))
    if kind == NoticeKind.CHANGE:
        base.update(issued_at=datetime(2027, 6, 18, 3, 30, tzinfo=UTC), change_date=date(2027, 6, 18),
                    secured_amount=Decimal("15000000.00"), changes=(
                        ChangeLine("被担保债权数额", "¥12,345,678.90", "¥15,000,000.00"),
                        ChangeLine("债务履行期限届满日", "2029年3月1日", "2030年3月1日"),
                    ), performance_deadline=date(2030, 3, 1))
    if kind == NoticeKind.CANCELLATION:
        base.update(issued_at=datetime(2028, 9, 3, 1, 15, tzinfo=UTC), cancellation_date=date(2028, 9, 3),
                    cancellation_trigger="债务人已按期履行债务（主债权已全部清偿）")
    return Notice(**base)


def sample_search_certificate(rows: int = 6, serial: str = "Q2026-000045") -> SearchCertificate:
    """A sample 查询证明 with ``rows`` results."""
    pledgees = ("中国银行股份有限公司镇江分行", "江苏银行股份有限公司镇江分行", "交通银行股份有限公司镇江分行")
    out = []
    for i in range(rows):
        rights = sample_rights(1 + i % 4)
        out.append(SearchRow(
            registration_no=f"Y{2021 + i % 5}98000{1000 + i * 37:04d}", status="已注销" if i % 3 == 2 else "有效",
            pledgors=(SAMPLE_PLEDGOR.name,), pledgee=pledgees[i % 3],
            right_numbers=tuple(r.number for r in rights[-(1 + i % 4):]),
            effective_date=date(2021 + i % 5, 1 + i % 12, 10),
            cancellation_date=date(2025, 6, 30) if i % 3 == 2 else None,
            secured_amount=Decimal(5_000_000 + 1_250_000 * i)))
    return SearchCertificate(
        serial=serial, office_name="国家知识产权局", issued_at=datetime(2026, 3, 5, 6, 30, tzinfo=UTC),
        query=f"出质人名称：{SAMPLE_PLEDGOR.name}（含近似名称，忽略“有限公司”等后缀差异）；登记状态：全部",
        as_of=datetime(2026, 3, 4, 16, 0, tzinfo=UTC), rows=tuple(out))
