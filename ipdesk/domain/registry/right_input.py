"""Validation of a right as typed in a form or a file row: numbers, dates, term, owners and shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS, LegalStatus, RightKind
from ipdesk.domain.registry.terms import compute_expiry
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


T = TypeVar("T")
_UNSET: Any = object()
_LABELS = {f: zh for f, (zh, _en) in RIGHT_FIELDS.items()}
_DATE_FIELDS = ("filing_date", "grant_date", "registration_date", "publication_date", "expiry_date")
_INT_FIELDS = ("term_extension_days", "renewals")
_FLAG_FIELDS = ("invalidation_requested", "ownership_dispute", "court_preservation")
_TEXT_FIELDS = (("similarity_group", 40), ("ipc_main", 40), ("product", 200), ("notes", 0))


def _parse_nice(raw: Any) -> tuple[list[int], list[Problem]]:
    nice: list[int] = []
    problems: list[Problem] = []
    nice_text = clean(raw).replace("，", ",").replace("、", ",").replace(";", ",")
    for part in filter(None, (x.strip() for x in nice_text.replace(" ", ",").split(","))):
        if part.isdigit() and 1 <= int(part) <= 45:
            nice.append(int(part))
        else:
            problems.append(Problem("right.nice_class", "nice_classes", {"value": part}))
    return nice, problems


def _labelled(parse: Callable[[Any, str, str], T], f: str, raw: Any) -> T:
    return parse(raw, f, _LABELS[f])


def _parse_int_field(raw: Any, f: str) -> tuple[int, list[Problem]]:
    value, p = parse_int(raw, f, _LABELS[f])
    if value is not None and value < 0:
        p = [*p, Problem("negative", f, {"label": _LABELS[f], "value": value})]
    return value or 0, p


def _text_field(raw: Any, f: str, max_len: int) -> tuple[str, list[Problem]]:
    text = clean(raw)
    return text, (check_length(text, max_len, f, _LABELS[f]) if max_len else [])


def _twin_field(raw: Any) -> tuple[str, list[Problem], list[Problem]]:
    """The twin as stored, its own problem, and the length check of what is stored (reported after the others)."""
    text, p = parse_twin(clean(raw))
    return text, p, check_length(text, 40, "same_day_twin", _LABELS["same_day_twin"])


def _column(rows: Sequence[dict[str, Any]], field: str, parse: Callable[[Any], T]) -> list[T]:
    """``parse(cell)`` of every row's ``field``, each distinct cell parsed once (values repeat down a column)."""
    memo: dict[Any, T] = {}
    out: list[T] = []
    append = out.append
    for row in rows:
        raw = row.get(field)
        key = (raw.__class__, raw)  # True == 1 == 1.0, but "True" is not "1" in a text column
        try:
            append(memo[key])
        except KeyError:
            memo[key] = value = parse(raw)
            append(value)
        except TypeError:  # an unhashable cell: nothing to remember
            append(parse(raw))
    return out


def _owners_column(rows: Sequence[dict[str, Any]]) -> list[tuple[tuple[OwnerInput, ...], list[Problem]]]:
    memo: dict[Any, tuple[tuple[OwnerInput, ...], list[Problem]]] = {}
    out = []
    for row in rows:
        raw = row.get("owners")
        key = tuple((item["party_id"], item.get("share"), item.get("name")) for item in raw or ())
        found = memo.get(key)
        if found is None:
            found = memo[key] = parse_owners(raw)
        out.append(found)
    return out


def check_right(data: dict[str, Any]) -> tuple[RightInput | None, list[Problem]]:
    """Parse and validate every field; computes the expiry from the term rules."""
    return check_rights([data])[0]


def check_rights(rows: Sequence[dict[str, Any]]) -> list[tuple[RightInput | None, list[Problem]]]:
    """:func:`check_right` of many rows at once (a file): every column's distinct values are parsed once,
    then the rules that join fields run row by row. Same results as one row at a time."""
    from ipdesk.domain.registry.identifiers import parse_right_number

    kinds = _column(rows, "kind", lambda raw: parse_choice(raw, _KINDS, "kind", _LABELS["kind"]))
    statuses = _column(rows, "legal_status",
                       lambda raw: parse_choice(raw, _STATUSES, "legal_status", _LABELS["legal_status"]))
    dates_by = [_column(rows, f, partial(_labelled, parse_date, f)) for f in _DATE_FIELDS]
    ints_by = [_column(rows, f, partial(_parse_int_field, f=f)) for f in _INT_FIELDS]
    flags_by = [_column(rows, f, partial(_labelled, parse_flag, f)) for f in _FLAG_FIELDS]
    nices = _column(rows, "nice_classes", _parse_nice)
    owners_col = _owners_column(rows)
    texts_by = [_column(rows, f, partial(_text_field, f=f, max_len=n)) for f, n in _TEXT_FIELDS]
    twins = _column(rows, "same_day_twin", _twin_field)
    expiries: dict[tuple[Any, ...], date | None] = {}
    results: list[tuple[RightInput | None, list[Problem]]] = []
    for i, data in enumerate(rows):
        problems: list[Problem] = []
        kind_value, p = kinds[i]
        kind_problem = bool(p)
        problems += p
        kind = RightKind(kind_value) if kind_value else None

        number_text = clean(data.get("number"))
        number = display = ""
        if not number_text:
            problems.append(required("number", _LABELS["number"]))
        else:
            try:
                parsed = parse_right_number(number_text, kind)
                number, display = parsed.number, parsed.display
                if kind is None:
                    kind = parsed.kind
            except ValidationError as err:
                problems += [Problem(e.code, "number", e.params) for e in err.problems]
        if kind is None and not kind_problem:
            problems.append(required("kind", _LABELS["kind"]))

        title = clean(data.get("title"))
        if not title:
            problems.append(required("title", _LABELS["title"]))
        if len(title) > 300:
            problems += check_length(title, 300, "title", _LABELS["title"])

        status_value, p = statuses[i]
        problems += p
        status = LegalStatus(status_value) if status_value else LegalStatus.IN_FORCE

        filing, p1 = dates_by[0][i]
        grant, p2 = dates_by[1][i]
        registration, p3 = dates_by[2][i]
        publication, p4 = dates_by[3][i]
        explicit_expiry, p5 = dates_by[4][i]
        extension, p6 = ints_by[0][i]
        renewals, p7 = ints_by[1][i]
        invalidation, p8 = flags_by[0][i]
        dispute, p9 = flags_by[1][i]
        preservation, p10 = flags_by[2][i]
        nice, p11 = nices[i]
        if p1 or p2 or p3 or p4 or p5 or p6 or p7 or p8 or p9 or p10 or p11:  # rarely: keep the order
            problems += p1 + p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9 + p10 + p11

        if kind is not None:
            if kind.is_patent:
                if filing is None:
                    problems.append(required("filing_date", label("filing_date")))
                if status not in (LegalStatus.PENDING,) and grant is None:
                    problems.append(Problem("right.grant_required", "grant_date"))
            if kind is RightKind.TRADEMARK:
                if registration is None and status is not LegalStatus.PENDING:
                    problems.append(required("registration_date", label("registration_date")))
                if not nice:
                    problems.append(Problem("right.nice_required", "nice_classes"))
            if kind.is_copyright and registration is None:
                problems.append(required("registration_date", label("registration_date")))
            if explicit_expiry is not None and not kind.is_copyright:
                problems.append(Problem("right.expiry_kind", "expiry_date"))
        for later, after, earlier, before in (
            ("grant_date", grant, "filing_date", filing),
            ("registration_date", registration, "filing_date", filing),
            ("expiry_date", explicit_expiry, "registration_date", registration),
        ):
            if after and before and after < before:
                problems.append(Problem("right.date_order", later, {"label": label(later), "other": label(earlier)}))

        if extension:
            # Patent term adjustment exists only for inventions granted on or after 2021-06-01 (DOMAIN §5.3).
            if kind is not RightKind.INVENTION or grant is None or grant < PTA_FROM:
                problems.append(Problem("right.pta_not_allowed", "term_extension_days"))
            elif extension > MAX_PTA_DAYS:
                problems.append(
                    Problem("int_range", "term_extension_days",
                            {"label": label("term_extension_days"), "value": extension})
                )
        if renewals > 20:
            problems.append(Problem("int_range", "renewals", {"label": label("renewals"), "value": renewals}))
        for f, d in zip(_DATE_FIELDS, (filing, grant, registration, publication, explicit_expiry), strict=True):
            if d is not None and not (MIN_DATE <= d <= MAX_DATE):
                problems.append(Problem("right.date_range", f, {"label": label(f), "value": d}))
        owners, p = owners_col[i]
        problems += p
        reduction, paid_through, p = _fee_fields(data, kind, filing, len(owners))
        problems += p
        twin, p, twin_length = twins[i]
        problems += p
        texts = [t[i] for t in texts_by]
        for _text, p in texts:
            problems += p
        problems += twin_length
        if problems or kind is None:
            results.append((None, problems))
            continue
        key = (kind, filing, registration, explicit_expiry, extension, renewals)
        expiry = expiries.get(key, _UNSET)
        if expiry is _UNSET:
            expiry = expiries[key] = compute_expiry(
                kind, filing_date=filing, registration_date=registration, explicit_expiry=explicit_expiry,
                extension_days=extension, renewals=renewals)
        results.append((
            RightInput(
                kind=kind,
                number=number,
                display_number=display,
                title=title,
                legal_status=status,
                filing_date=filing,
                grant_date=grant,
                registration_date=registration,
                publication_date=publication,
                expiry_date=expiry,
                term_extension_days=extension,
                renewals=renewals,
                invalidation_requested=invalidation,
                ownership_dispute=dispute,
                court_preservation=preservation,
                nice_classes=tuple(sorted(set(nice))),
                similarity_group=texts[0][0],
                ipc_main=texts[1][0],
                product=texts[2][0],
                same_day_twin=twin,
                owners=owners,
                notes=texts[3][0],
                fee_reduction=reduction,
                fees_paid_through=paid_through,
            ),
            [],
        ))
    return results


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
