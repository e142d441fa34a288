"""Validation of a right as typed in a form or a file row: numbers, dates, term, owners and shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS, LegalStatus, RightKind
from ipdesk.domain.shared.fields import (
    NO_WORDS,
    YES_WORDS,
    check_length,
    choice_map,
    clean,
    parse_choice,
    parse_date,
    parse_flag,
    parse_int,
    required,
)
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem, ValidationError

RIGHT_FIELDS: dict[str, tuple[str, str]] = {
    "kind": ("类型", "Kind"),
    "number": ("编号", "Number"),
    "title": ("名称", "Title"),
    "legal_status": ("法律状态", "Legal status"),
    "filing_date": ("申请日", "Filing date"),
    "grant_date": ("授权公告日", "Grant date"),
    "registration_date": ("注册/登记日", "Registration date"),
    "publication_date": ("公开/发表日", "Publication date"),
    "expiry_date": ("届满日", "Expiry date"),
    "term_extension_days": ("期限补偿天数", "Term extension (days)"),
    "renewals": ("续展次数", "Renewals"),
    "invalidation_requested": ("已提起无效宣告", "Invalidation requested"),
    "ownership_dispute": ("权属纠纷中止", "Ownership-dispute suspension"),
    "court_preservation": ("法院保全", "Court preservation"),
    "nice_classes": ("尼斯分类", "Nice classes"),
    "similarity_group": ("类似群", "Similarity group"),
    "ipc_main": ("主分类号", "Main IPC class"),
    "product": ("绑定产品", "Bound product"),
    "same_day_twin": ("同日申请的发明/实用新型", "Same-day twin application"),
    "fee_reduction": ("费减比例", "Fee reduction"),
    "fees_paid_through": ("年费已缴至", "Fees paid through year"),
    "owners": ("权利人", "Owners"),
    "notes": ("备注", "Notes"),
}

register_labels(RIGHT_FIELDS)
register(
    {
        "right.date_order": ("{label}不能早于{other}", "{label} must not be before {other}"),
        "right.twin": (
            "同日申请应填同日申请的发明或实用新型的专利号（如 ZL 201710601862.3），或填“是”“否”：{value}",
            "same-day twin: the twin invention's or utility model's patent number (e.g. ZL 201710601862.3), "
            "or yes / no: {value}",
        ),
        "right.nice_class": ("尼斯分类应为 1–45 之间的整数：{value}", "Nice classes are whole numbers 1-45: {value}"),
        "right.nice_required": ("商标须填写尼斯分类", "a trademark needs its Nice classes"),
        "right.fee_reduction": ("费减比例应为 85（单一权利人）或 70（共有）：{value}",
                                "the fee reduction is 85 (one owner) or 70 (co-owners): {value}"),
        "right.fee_reduction_owners": ("费减 {percent}% 适用于{who}，该权利有 {owners} 个权利人",
                                       "a {percent}% fee reduction is for {who}; this right has {owners} owners"),
        "right.fees_not_patent": ("只有专利有年费与费减", "only patents have annual fees and fee reductions"),
        "right.fees_paid_through": ("年费已缴至应为 0–{last} 年：{value}",
                                    "fees paid through is a patent year 0-{last}: {value}"),
        "right.grant_required": ("已授权专利须填写授权公告日", "a granted patent needs its grant date"),
        "right.owner_required": ("至少需要一个权利人", "at least one owner is required"),
        "right.owner_duplicate": ("权利人重复：{name}", "owner listed twice: {name}"),
        "right.share_bad": ("份额应为 0–100 之间的百分比：{value}", "a share is a percentage 0-100: {value}"),
        "right.share_sum": (
            "共有份额合计应为 100%，现为 {total}%",
            "co-owners' shares must add up to 100%, not {total}%",
        ),
        "right.number_taken": (
            "编号 {number} 已登记（{title}）",
            "number {number} is already in the register ({title})",
        ),
        "right.owner_unknown": ("权利人不存在：{key}", "owner not found: {key}"),
        "right.pta_not_allowed": (
            "只有 2021-06-01 及以后授权的发明专利可以记录期限补偿",
            "only inventions granted on or after 2021-06-01 can carry a term adjustment",
        ),
        "right.date_range": (
            "{label}不在合理范围内（1949–2100）：{value}",
            "{label} is out of range (1949-2100): {value}",
        ),
        "right.expiry_kind": (
            "只有著作权可直接填写届满日；专利和商标的届满日按法定期限计算",
            "only copyrights take an explicit expiry; patents and marks are computed",
        ),
    }
)

PTA_FROM = date(2021, 6, 1)
MAX_PTA_DAYS = 5 * 366  # a cap on delay-PTA is unverified (DOMAIN §5.3); more than 5 years is a typing error
MIN_DATE, MAX_DATE = date(1949, 10, 1), date(2100, 12, 31)

_KINDS = choice_map(KIND_LABELS)
_STATUSES = choice_map(STATUS_LABELS)


def label(field: str, lang: str = "zh") -> str:
    zh, en = RIGHT_FIELDS.get(field, (field, field))
    return en if lang.startswith("en") else zh


#: stored for "是" in the same-day column when the twin's number is not given (P10 still applies)
TWIN_NUMBER_UNKNOWN = "编号未提供"


def parse_twin(text: str) -> tuple[str, list[Problem]]:
    """The same-day twin (同日申请) as typed or imported: the twin's patent number (validated, stored
    normalised), 是 / yes (a twin whose number is not given) or 否 / no / empty (none — never a twin)."""
    from ipdesk.domain.registry.identifiers import parse_right_number
    from ipdesk.domain.shared.problems import DomainError

    text = clean(text)
    folded = text.casefold()
    if folded in NO_WORDS:
        return "", []
    if folded in YES_WORDS:
        return TWIN_NUMBER_UNKNOWN, []
    try:
        parsed = parse_right_number(text)
    except DomainError:
        parsed = None
    if parsed is None or parsed.kind not in (RightKind.INVENTION, RightKind.UTILITY_MODEL):
        return text, [Problem("right.twin", "same_day_twin", {"value": text})]
    return parsed.number, []  # stored as the register stores numbers (the form shows it normalised)


@dataclass(frozen=True)
class OwnerInput:
    party_id: int
    share: Decimal


@dataclass(frozen=True)
class RightInput:
    """A validated right, ready to store (expiry already computed)."""

    kind: RightKind
    number: str
    display_number: str
    title: str
    legal_status: LegalStatus
    filing_date: date | None
    grant_date: date | None
    registration_date: date | None
    publication_date: date | None
    expiry_date: date | None
    term_extension_days: int
    renewals: int
    invalidation_requested: bool
    ownership_dispute: bool
    court_preservation: bool
    nice_classes: tuple[int, ...]
    similarity_group: str
    ipc_main: str
    product: str
    same_day_twin: str
    owners: tuple[OwnerInput, ...]
    notes: str
    fee_reduction: int | None = None
    fees_paid_through: int | None = None  # None: the service applies the default (terms.default_fees_paid_through)


def parse_owners(raw: Any) -> tuple[tuple[OwnerInput, ...], list[Problem]]:
    """``raw``: a list of {"party_id", "share"} (share blank → equal split)."""
    from ipdesk.domain.shared.fields import parse_money

    problems: list[Problem] = []
    items = list(raw or [])
    if not items:
        return (), [Problem("right.owner_required", "owners")]
    ids: list[int] = []
    shares: list[Decimal | None] = []
    for item in items:
        pid = int(item["party_id"])
        if pid in ids:
            problems.append(Problem("right.owner_duplicate", "owners", {"name": item.get("name") or pid}))
        ids.append(pid)
        share, p = parse_money(item.get("share"), "owners", label("owners"))
        if p or (share is not None and not (Decimal(0) < share <= Decimal(100))):
            problems.append(Problem("right.share_bad", "owners", {"value": clean(item.get("share"))}))
            share = None
        shares.append(share)
    if problems:
        return (), problems
    if all(s is None for s in shares):
        equal = (Decimal(100) / len(ids)).quantize(Decimal("0.01"))
        shares = [*[equal] * (len(ids) - 1), Decimal(100) - equal * (len(ids) - 1)]
    elif any(s is None for s in shares):
        return (), [Problem("right.share_bad", "owners", {"value": ""})]
    total = sum(s for s in shares if s is not None)
    if total != Decimal(100):
        return (), [Problem("right.share_sum", "owners", {"total": total})]
    return tuple(OwnerInput(pid, s) for pid, s in zip(ids, shares, strict=True) if s is not None), []


def check_right(data: dict[str, Any]) -> tuple[RightInput | None, list[Problem]]:
    """Parse and validate every field; computes the expiry from the term rules."""
    from ipdesk.domain.registry.identifiers import parse_right_number
    from ipdesk.domain.registry.terms import compute_expiry

    problems: list[Problem] = []
    kind_value, p = parse_choice(data.get("kind"), _KINDS, "kind", label("kind"))
    problems += p
    kind = RightKind(kind_value) if kind_value else None

    number_text = clean(data.get("number"))
    number = display = ""
    if not number_text:
        problems.append(required("number", label("number")))
    else:
        try:
            parsed = parse_right_number(number_text, kind)
            number, display = parsed.number, parsed.display
            if kind is None:
                kind = parsed.kind
        except ValidationError as err:
            problems += [Problem(e.code, "number", e.params) for e in err.problems]
    if kind is None and not p:
        problems.append(required("kind", label("kind")))

    title = clean(data.get("title"))
    if not title:
        problems.append(required("title", label("title")))
    problems += check_length(title, 300, "title", label("title"))

    status_value, p = parse_choice(data.get("legal_status"), _STATUSES, "legal_status", label("legal_status"))
    problems += p
    status = LegalStatus(status_value) if status_value else LegalStatus.IN_FORCE

    dates: dict[str, date | None] = {}
    for f in ("filing_date", "grant_date", "registration_date", "publication_date", "expiry_date"):
        dates[f], p = parse_date(data.get(f), f, label(f))
        problems += p
    ints: dict[str, int] = {}
    for f in ("term_extension_days", "renewals"):
        value, p = parse_int(data.get(f), f, label(f))
        problems += p
        if value is not None and value < 0:
            problems.append(Problem("negative", f, {"label": label(f), "value": value}))
        ints[f] = value or 0
    flags: dict[str, bool] = {}
    for f in ("invalidation_requested", "ownership_dispute", "court_preservation"):
        flags[f], p = parse_flag(data.get(f), f, label(f))
        problems += p

    nice: list[int] = []
    nice_text = clean(data.get("nice_classes")).replace("，", ",").replace("、", ",").replace(";", ",")
    for part in filter(None, (x.strip() for x in nice_text.replace(" ", ",").split(","))):
        if part.isdigit() and 1 <= int(part) <= 45:
            nice.append(int(part))
        else:
            problems.append(Problem("right.nice_class", "nice_classes", {"value": part}))

    if kind is not None:
        if kind.is_patent:
            if dates["filing_date"] is None:
                problems.append(required("filing_date", label("filing_date")))
            if status not in (LegalStatus.PENDING,) and dates["grant_date"] is None:
                problems.append(Problem("right.grant_required", "grant_date"))
        if kind is RightKind.TRADEMARK:
            if dates["registration_date"] is None and status is not LegalStatus.PENDING:
                problems.append(required("registration_date", label("registration_date")))
            if not nice:
                problems.append(Problem("right.nice_required", "nice_classes"))
        if kind.is_copyright and dates["registration_date"] is None:
            problems.append(required("registration_date", label("registration_date")))
        if dates["expiry_date"] is not None and not kind.is_copyright:
            problems.append(Problem("right.expiry_kind", "expiry_date"))
    for later, earlier in (
        ("grant_date", "filing_date"),
        ("registration_date", "filing_date"),
        ("expiry_date", "registration_date"),
    ):
        after, before = dates[later], dates[earlier]
        if after and before and after < before:
            problems.append(Problem("right.date_order", later, {"label": label(later), "other": label(earlier)}))

    if ints["term_extension_days"]:
        # Patent term adjustment exists only for inventions granted on or after 2021-06-01 (DOMAIN §5.3).
        grant = dates["grant_date"]
        if kind is not RightKind.INVENTION or grant is None or grant < PTA_FROM:
            problems.append(Problem("right.pta_not_allowed", "term_extension_days"))
        elif ints["term_extension_days"] > MAX_PTA_DAYS:
            problems.append(
                Problem(
                    "int_range",
                    "term_extension_days",
                    {"label": label("term_extension_days"), "value": ints["term_extension_days"]},
                )
            )
    if ints["renewals"] > 20:
        problems.append(Problem("int_range", "renewals", {"label": label("renewals"), "value": ints["renewals"]}))
    for f, d in dates.items():
        if d is not None and not (MIN_DATE <= d <= MAX_DATE):
            problems.append(Problem("right.date_range", f, {"label": label(f), "value": d}))
    owners, p = parse_owners(data.get("owners"))
    problems += p
    reduction, paid_through, p = _fee_fields(data, kind, dates["filing_date"], len(owners))
    problems += p
    texts = {f: clean(data.get(f)) for f in ("similarity_group", "ipc_main", "product", "same_day_twin", "notes")}
    texts["same_day_twin"], p = parse_twin(texts["same_day_twin"])
    problems += p
    for f, max_len in (("similarity_group", 40), ("ipc_main", 40), ("product", 200), ("same_day_twin", 40)):
        problems += check_length(texts[f], max_len, f, label(f))
    if problems or kind is None:
        return None, problems
    expiry = compute_expiry(
        kind,
        filing_date=dates["filing_date"],
        registration_date=dates["registration_date"],
        explicit_expiry=dates["expiry_date"],
        extension_days=ints["term_extension_days"],
        renewals=ints["renewals"],
    )
    return (
        RightInput(
            kind=kind,
            number=number,
            display_number=display,
            title=title,
            legal_status=status,
            filing_date=dates["filing_date"],
            grant_date=dates["grant_date"],
            registration_date=dates["registration_date"],
            publication_date=dates["publication_date"],
            expiry_date=expiry,
            term_extension_days=ints["term_extension_days"],
            renewals=ints["renewals"],
            invalidation_requested=flags["invalidation_requested"],
            ownership_dispute=flags["ownership_dispute"],
            court_preservation=flags["court_preservation"],
            nice_classes=tuple(sorted(set(nice))),
            similarity_group=texts["similarity_group"],
            ipc_main=texts["ipc_main"],
            product=texts["product"],
            same_day_twin=texts["same_day_twin"],
            owners=owners,
            notes=texts["notes"],
            fee_reduction=reduction,
            fees_paid_through=paid_through,
        ),
        [],
    )


def _fee_fields(data: dict[str, Any], kind: RightKind | None, filing: date | None,
                owners: int) -> tuple[int | None, int | None, list[Problem]]:
    """费减比例 (blank, 85 for one owner, 70 for co-owners) and 年费已缴至 (a patent year of the term)."""
    from ipdesk.domain.registry.terms import patent_term_years

    problems: list[Problem] = []
    text = clean(data.get("fee_reduction")).rstrip("%％").strip()
    reduction: int | None = None
    if text:
        if text not in ("85", "70"):
            problems.append(Problem("right.fee_reduction", "fee_reduction", {"value": text}))
        else:
            reduction = int(text)
            if owners and (reduction == 85) != (owners == 1):
                who = ("单一权利人", "a single owner") if reduction == 85 else ("共有权利人", "co-owners")
                problems.append(Problem("right.fee_reduction_owners", "fee_reduction",
                                        {"percent": reduction, "who": who[0], "who_en": who[1], "owners": owners}))
    paid, p = parse_int(data.get("fees_paid_through"), "fees_paid_through", label("fees_paid_through"))
    problems += p
    if (reduction is not None or paid is not None) and kind is not None and not kind.is_patent:
        problems.append(Problem("right.fees_not_patent", "fee_reduction" if reduction is not None else
                                "fees_paid_through"))
    elif paid is not None and kind is not None and filing is not None:
        last = patent_term_years(kind, filing)
        if not 0 <= paid <= last:
            problems.append(Problem("right.fees_paid_through", "fees_paid_through", {"value": paid, "last": last}))
    return reduction, paid, problems
