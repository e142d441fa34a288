"""Validation of malformed input: every problem of a pledge application at once, and yuan amounts.

:func:`validate_application` lists every problem (amount, dates, rights, parties, waivers) so nothing
half-valid reaches the register; :func:`check_application` raises them. Their words are registered with
the application's values in :mod:`ipdesk.domain.pledges.application`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ipdesk.domain.pledges.application import (
    CURRENCY,
    MANDATORY_CLAUSES,
    MAX_AMOUNT,
    WAIVABLE_CODES,
    PledgeApplication,
)
from ipdesk.domain.shared.messages import Message
from ipdesk.domain.shared.problems import Problem, ValidationError

#: No application date before this: the Patent Law, the first of the pledgeable rights, took effect in 1985;
#: an earlier year is a typing error (1925 for 2025), not a pledge.
EARLIEST_APPLICATION = date(1985, 1, 1)

ROLE_LABELS = {
    "pledgor": ("出质人", "pledgor"),
    "pledgee": ("质权人", "pledgee"),
    "debtor": ("债务人", "debtor"),
    "agent": ("代理人", "agent"),
}


def parse_amount(value: Any, field_name: str = "secured_amount") -> Decimal:
    """Parse a yuan amount typed or read from JSON ("1,000,000.00", 1000000, "100万" is *not* accepted).

    Raises ValidationError with every problem of the value (not a number / not positive / >2 decimals).
    """
    text = str(value).strip().replace(",", "").replace("，", "") if value is not None else ""
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(Problem("pledge.amount_not_number", field_name, {"value": value})) from None
    problems = _amount_problems(amount, field_name)
    if problems:
        raise ValidationError(problems)
    return amount


def _amount_problems(amount: Any, field_name: str = "secured_amount") -> list[Problem]:
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        return [Problem("pledge.amount_not_number", field_name, {"value": amount})]
    amount = Decimal(amount)
    if not amount.is_finite():
        return [Problem("pledge.amount_not_number", field_name, {"value": amount})]
    out = []
    if amount <= 0:
        out.append(Problem("pledge.amount_not_positive", field_name, {"value": amount}))
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        out.append(Problem("pledge.amount_decimals", field_name, {"value": amount}))
    if amount > MAX_AMOUNT:
        out.append(Problem("pledge.amount_too_large", field_name, {"value": amount}))
    return out


def _default_parse_number() -> Callable[[str], Any] | None:
    try:
        from ipdesk.domain.registry.identifiers import parse_right_number
    except ImportError:
        return None
    return parse_right_number


def validate_application(
    app: PledgeApplication,
    today: date,
    known_party_ids: Collection[int] | None = None,
    *,
    known_right_numbers: Collection[str] | None = None,
    parse_number: Callable[[str], Any] | None = None,
) -> list[Problem]:
    """Every malformed-input problem of ``app`` at once (empty list = well formed).

    Args:
        today: the application date may not be after it.
        known_party_ids: if given, every pledgor, the pledgee, the debtor and the agent must be in it.
        known_right_numbers: if given, every right number must be in the register.
        parse_number: validates one right number (raises ValidationError); defaults to
            :func:`ipdesk.domain.registry.identifiers.parse_right_number`. Its ``.number`` is used to find
            duplicates typed in different forms.
    """
    problems: list[Problem] = []
    add = problems.append
    d = app.application_date

    problems += _amount_problems(app.secured_amount)
    if app.currency != CURRENCY:
        add(Problem("pledge.currency", "currency", {"value": app.currency}))

    if d > today:
        add(Problem("pledge.application_in_future", "application_date", {"date": d, "today": today}))
    if d < EARLIEST_APPLICATION:
        add(Problem("pledge.application_too_early", "application_date", {"date": d, "earliest": EARLIEST_APPLICATION}))
    if app.performance_deadline < d:
        add(
            Problem(
                "pledge.deadline_before_application",
                "performance_deadline",
                {"deadline": app.performance_deadline, "date": d},
            )
        )
    if app.pledge_term_end is not None and app.pledge_term_end < d:
        add(
            Problem(
                "pledge.term_before_application",
                "pledge_term_end",
                {"term_end": app.pledge_term_end, "date": d},
            )
        )

    # parties
    if not app.pledgor_ids:
        add(Problem("pledge.no_pledgor", "pledgor_ids"))
    seen: set[int] = set()
    for pid in app.pledgor_ids:
        if pid in seen:
            add(Problem("pledge.duplicate_pledgor", "pledgor_ids", {"party": pid}))
        seen.add(pid)
    if app.pledgee_id in seen:
        add(Problem("pledge.pledgee_is_pledgor", "pledgee_id", {"party": app.pledgee_id}))
    if app.debtor_id is not None and app.debtor_id == app.pledgee_id:
        add(Problem("pledge.pledgee_is_debtor", "debtor_id", {"party": app.pledgee_id}))
    if known_party_ids is not None:
        known = set(known_party_ids)
        roles: list[tuple[str, str, int | None]] = [
            ("pledgor", "pledgor_ids", p) for p in dict.fromkeys(app.pledgor_ids)
        ]
        roles += [("pledgee", "pledgee_id", app.pledgee_id), ("debtor", "debtor_id", app.debtor_id)]
        roles += [("agent", "agent_id", app.agent_id)]
        for role, fld, party_id in roles:
            if party_id is not None and party_id not in known:
                add(
                    Problem(
                        "pledge.unknown_party",
                        fld,
                        {"role": ROLE_LABELS[role][0], "role_en": ROLE_LABELS[role][1], "party": party_id},
                    )
                )

    # rights
    if not app.right_numbers:
        add(Problem("pledge.no_rights", "right_numbers"))
    parse = parse_number if parse_number is not None else _default_parse_number()
    canon_seen: set[str] = set()
    for i, raw in enumerate(app.right_numbers, start=1):
        canon = raw
        if parse is not None:
            try:
                canon = getattr(parse(raw), "number", raw)
            except ValidationError as exc:
                add(
                    Problem(
                        "pledge.bad_right_number",
                        f"right_numbers[{i}]",
                        {"index": i, "value": Message("pledge.bad_number_value", {"raw": raw, "why": exc.problems})},
                    )
                )
                continue
        if canon in canon_seen:
            add(Problem("pledge.duplicate_right", f"right_numbers[{i}]", {"number": canon}))
            continue
        canon_seen.add(canon)
        if known_right_numbers is not None and canon not in known_right_numbers:
            add(Problem("pledge.unknown_right", f"right_numbers[{i}]", {"number": canon}))

    if not app.guarantee_scope:
        add(Problem("pledge.no_scope", "guarantee_scope"))

    # waivers and hand-added grounds
    for code, text in app.waivers.items():
        if code not in WAIVABLE_CODES:
            add(Problem("pledge.waiver_not_allowed", "waivers", {"code": code}))
        elif not (text or "").strip():
            add(Problem("pledge.waiver_empty", "waivers", {"code": code}))
    for g in app.other_grounds:
        if not g.reason.strip():
            add(Problem("pledge.other_ground_empty", "other_grounds"))
        if g.right_number and g.right_number not in app.right_numbers and g.right_number not in canon_seen:
            add(Problem("pledge.other_ground_right", "other_grounds", {"number": g.right_number}))
        if g.family and g.family not in MANDATORY_CLAUSES:
            add(Problem("pledge.other_ground_family", "other_grounds", {"value": g.family}))
    return problems


def check_application(
    app: PledgeApplication, today: date, known_party_ids: Collection[int] | None = None, **kw: Any
) -> None:
    """:func:`validate_application`, raising ValidationError (CLI exit 2) with every problem if any."""
    problems = validate_application(app, today, known_party_ids, **kw)
    if problems:
        raise ValidationError(problems)
