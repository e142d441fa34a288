"""A policy as JSON or form data → checked input with the parties and rights resolved (nothing written).

Keys: ``product`` (enforcement | infringement_loss | liability | loan_guarantee), ``policy_no`` (the
insurer's; one is numbered when empty), ``insurer``, ``holder`` (投保人, default the insured), ``insured``
(party: ``#id``, USCC or exact name), ``rights`` (numbers, a list or comma-separated), ``limit`` (aggregate),
``limit_per_right``, ``deductible``, ``premium``, ``subsidy_class`` (sme | champion), ``subsidy`` (an amount
stated instead of the scheme's), ``from``, ``to``, ``retroactive``, ``coinsurance`` (per cent, guarantee
cover only), ``consent`` (co-owners' written consent), ``pledge`` (registration number), ``notes``.
Every problem is collected and raised at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.insurance.products import PRODUCT_LABELS, SUBSIDY_CLASS_LABELS, Product, SubsidyClass
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.shared.fields import check_length, choice_map, clean, parse_choice, parse_date, parse_money, required
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import DomainError, Problem, ValidationError
from ipdesk.services.pledges.inputs import resolve_party
from ipdesk.storage.schema import PartyRow, PledgeRow, RightRow

register({
    "insurance.party_unknown": ("{label}不在当事人名录中：{key}", "{label} is not a known party: {key}"),
    "insurance.insurer_kind": ("{name} 不是保险公司", "{name} is not an insurer"),
    "insurance.amount_negative": ("{label}不能为负：{value}", "the {label} cannot be negative: {value}"),
    "insurance.amount_zero": ("{label}应大于零：{value}", "the {label} must be more than zero: {value}"),
    "insurance.deductible_over_limit": ("免赔额 {deductible} 不低于赔偿限额 {limit}",
                                        "the deductible {deductible} is not below the limit {limit}"),
    "insurance.per_right_over_limit": ("每项专利赔偿限额 {per_right} 超过累计赔偿限额 {limit}",
                                       "the limit per right {per_right} exceeds the aggregate limit {limit}"),
    "insurance.dates_order": ("保险止期 {to} 不晚于起期 {start}", "the policy ends ({to}) before it starts ({start})"),
    "insurance.retroactive_after_start": ("追溯期起点 {retroactive} 晚于保险起期 {start}",
                                          "the retroactive date {retroactive} is after the start {start}"),
    "insurance.coinsurance_range": ("共保比例应在 0–100 % 之间：{value}",
                                    "the co-insurance share must be 0-100 %: {value}"),
    "insurance.coinsurance_product": ("只有质押融资保证保险有共保（分担）比例",
                                      "only pledge-loan guarantee cover has a co-insurance share"),
    "insurance.no_rights": ("保单须列明所保专利", "a policy must list the rights it covers"),
    "insurance.right_unknown": ("未找到权利：{key}", "no right {key} in the register"),
    "insurance.right_twice": ("权利 {right} 列了两次", "the right {right} is listed twice"),
    "insurance.not_owner": ("{right} 不属于{label} {name}", "{right} is not owned by the {label} {name}"),
    "insurance.pledge_unknown": ("未找到已登记的质押：{key}", "no registered pledge {key}"),
})
LABELS = {"product": "险种", "policy_no": "保单号", "insurer": "保险人", "holder": "投保人", "insured": "被保险人",
          "rights": "保险标的专利", "limit": "累计赔偿限额", "limit_per_right": "每项专利赔偿限额",
          "deductible": "免赔额",
          "premium": "保费", "subsidy_class": "补贴类别", "subsidy": "补贴", "from": "保险起期", "to": "保险止期",
          "retroactive": "追溯期起点", "coinsurance": "共保比例", "pledge": "质押登记", "notes": "备注",
          "amount": "索赔金额", "on": "日期", "case": "案情"}
register_labels({"险种": "product", "保单号": "policy no.", "保险人": "insurer", "投保人": "policyholder",
                 "被保险人": "insured", "保险标的专利": "rights covered", "累计赔偿限额": "aggregate limit",
                 "每项专利赔偿限额": "limit per right", "免赔额": "deductible", "保费": "premium",
                 "补贴类别": "subsidy class", "补贴": "subsidy", "保险起期": "start", "保险止期": "end",
                 "追溯期起点": "retroactive date", "共保比例": "co-insurance share", "索赔金额": "amount claimed",
                 "案情": "case", "保单": "policy", "理赔": "claim", "核定金额": "amount assessed",
                 "赔付金额": "amount paid"})
_PRODUCTS = choice_map(PRODUCT_LABELS)
_CLASSES = choice_map(SUBSIDY_CLASS_LABELS)


@dataclass(frozen=True)
class PolicyInput:
    product: Product
    policy_no: str
    insurer_id: int
    holder_id: int
    insured_id: int
    rights: tuple[RightRow, ...]
    limit_total: Decimal
    limit_per_right: Decimal | None
    deductible: Decimal
    premium: Decimal
    subsidy_class: SubsidyClass | None
    subsidy: Decimal | None
    start: date
    end: date
    retroactive: date | None
    coinsurance: Decimal | None
    consent: bool
    pledge_id: int | None
    notes: str


def _party(session: Session, data: dict[str, Any], key: str, problems: list[Problem],
           optional: bool = False) -> int | None:
    value = data.get(key)
    if value in (None, ""):
        if not optional:
            problems.append(required(key, LABELS[key]))
        return None
    found = resolve_party(session, value)
    if found is None:
        problems.append(Problem("insurance.party_unknown", key, {"label": LABELS[key], "key": clean(value)}))
    return found


def money(data: dict[str, Any], key: str, problems: list[Problem], *, needed: bool = False,
          positive: bool = False) -> Decimal | None:
    """An amount of ``data[key]``: never negative; ``positive`` also refuses zero."""
    amount, found = parse_money(data.get(key), key, LABELS[key])
    problems += found
    if amount is None:
        if needed and not found:
            problems.append(required(key, LABELS[key]))
        return None
    if amount < 0:
        problems.append(Problem("insurance.amount_negative", key, {"label": LABELS[key], "value": f"{amount:.2f}"}))
        return None
    if positive and amount == 0:
        problems.append(Problem("insurance.amount_zero", key, {"label": LABELS[key], "value": f"{amount:.2f}"}))
        return None
    return amount


def _rights(session: Session, value: Any, problems: list[Problem]) -> list[RightRow]:
    items = value if isinstance(value, (list, tuple)) else clean(value).replace("，", ",").split(",")
    texts = [clean(v) for v in items if clean(v)]
    if not texts:
        problems.append(Problem("insurance.no_rights", "rights"))
        return []
    rows: list[RightRow] = []
    for text in texts:
        try:
            parsed = parse_right_number(text)
        except DomainError as err:
            problems.extend(err.problems)
            continue
        row = session.execute(select(RightRow).where(RightRow.number == parsed.number)).scalar_one_or_none()
        if row is None:
            problems.append(Problem("insurance.right_unknown", "rights", {"key": parsed.display}))
        elif any(r.id == row.id for r in rows):
            problems.append(Problem("insurance.right_twice", "rights", {"right": row.display_number}))
        else:
            rows.append(row)
    return rows


def _pledge(session: Session, value: Any, problems: list[Problem]) -> int | None:
    text = clean(value)
    if not text:
        return None
    found = session.execute(select(PledgeRow.id).where(PledgeRow.registration_no == text)).scalar_one_or_none()
    if found is None:
        problems.append(Problem("insurance.pledge_unknown", "pledge", {"key": text}))
    return found


def parse_policy(session: Session, data: dict[str, Any]) -> PolicyInput:
    """The policy ``data`` describes, checked (eligibility and the subsidy are the service's).

    Raises:
        ValidationError: every problem found (nothing written).
    """
    problems: list[Problem] = []
    product_text, found = parse_choice(data.get("product"), _PRODUCTS, "product", LABELS["product"])
    problems += found or ([] if product_text else [required("product", LABELS["product"])])
    product = Product(product_text) if product_text else None
    insurer = _party(session, data, "insurer", problems)
    if insurer is not None:
        party = session.get(PartyRow, insurer)
        if party is not None and party.kind != PartyKind.INSURER.value:
            problems.append(Problem("insurance.insurer_kind", "insurer", {"name": party.name}))
    insured = _party(session, data, "insured", problems)
    holder = _party(session, data, "holder", problems, optional=True) or insured
    rights = _rights(session, data.get("rights"), problems)
    owner = holder if product is Product.LOAN_GUARANTEE else insured  # the borrower pledges its own rights
    if owner is not None and rights:
        owner_row = session.get(PartyRow, owner)
        label = LABELS["holder"] if product is Product.LOAN_GUARANTEE else LABELS["insured"]
        for row in rights:
            if owner not in {o.party_id for o in row.owners}:
                problems.append(Problem("insurance.not_owner", "rights", {
                    "right": row.display_number, "label": label, "name": owner_row.name if owner_row else owner}))
    limit = money(data, "limit", problems, needed=True, positive=True)
    per_right = money(data, "limit_per_right", problems, positive=True)
    deductible = money(data, "deductible", problems) or Decimal("0.00")
    premium = money(data, "premium", problems, needed=True)
    subsidy = money(data, "subsidy", problems) if clean(data.get("subsidy")) else None
    if limit is not None:
        if deductible >= limit:
            problems.append(Problem("insurance.deductible_over_limit", "deductible",
                                    {"deductible": f"{deductible:.2f}", "limit": f"{limit:.2f}"}))
        if per_right is not None and per_right > limit:
            problems.append(Problem("insurance.per_right_over_limit", "limit_per_right",
                                    {"per_right": f"{per_right:.2f}", "limit": f"{limit:.2f}"}))
    cls_text, found = parse_choice(data.get("subsidy_class"), _CLASSES, "subsidy_class", LABELS["subsidy_class"])
    problems += found
    dates: dict[str, date | None] = {}
    for key in ("from", "to", "retroactive"):
        dates[key], found = parse_date(data.get(key), key, LABELS[key])
        problems += found or ([] if dates[key] is not None or key == "retroactive" else [required(key, LABELS[key])])
    start, end, retro = dates["from"], dates["to"], dates["retroactive"]
    if start is not None and end is not None and end <= start:
        problems.append(Problem("insurance.dates_order", "to", {"start": start.isoformat(), "to": end.isoformat()}))
    if start is not None and retro is not None and retro > start:
        problems.append(Problem("insurance.retroactive_after_start", "retroactive",
                                {"retroactive": retro.isoformat(), "start": start.isoformat()}))
    coinsurance = None
    if clean(data.get("coinsurance")):
        coinsurance, found = parse_money(clean(data.get("coinsurance")).rstrip("%"), "coinsurance",
                                         LABELS["coinsurance"])
        problems += found
        if coinsurance is not None and not 0 < coinsurance <= 100:
            problems.append(Problem("insurance.coinsurance_range", "coinsurance", {"value": f"{coinsurance}"}))
        elif coinsurance is not None and product is not None and product is not Product.LOAN_GUARANTEE:
            problems.append(Problem("insurance.coinsurance_product", "coinsurance"))
    policy_no = clean(data.get("policy_no"))
    problems += check_length(policy_no, 60, "policy_no", LABELS["policy_no"])
    pledge = _pledge(session, data.get("pledge"), problems)
    if problems:
        raise ValidationError(problems)
    assert product and insurer and insured and holder and limit is not None and premium is not None
    assert start and end
    return PolicyInput(product, policy_no, insurer, holder, insured, tuple(rights), limit, per_right, deductible,
                       premium, SubsidyClass(cls_text) if cls_text else None, subsidy, start, end, retro,
                       coinsurance, bool(data.get("consent")), pledge, clean(data.get("notes")))
