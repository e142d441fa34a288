"""An application as JSON or form data → a PledgeApplication, with parties and rights resolved.

Parties may be named by id, USCC or exact registered name; rights by any accepted number form. Every
problem in the input is collected and raised at once (ValidationError); nothing is written here.
See docs/application-json.md for the format.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.application import (
    DEFAULT_SCOPE,
    Clause,
    DebtType,
    Document,
    GuaranteeScope,
    OtherGround,
    PledgeApplication,
)
from ipdesk.domain.pledges.validation import EARLIEST_APPLICATION, validate_application
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.shared.fields import clean, parse_date, parse_flag, parse_money
from ipdesk.domain.shared.messages import Message, register, register_labels
from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.storage.schema import PartyRow, RightRow

register(
    {
        "pledge.json_type": ("{label}格式不正确：应为{expected}", "{label} is malformed: expected {expected}"),
        "pledge.party_unknown": ("{label}不在当事人名录中：{key}", "{label} is not a known party: {key}"),
        "pledge.bad_enum": ("{label}不是可选值：{value}", "{label} is not an accepted value: {value}"),
    }
)

LABELS = {
    "application_date": "申请日",
    "pledgors": "出质人",
    "pledgee": "质权人",
    "debtor": "债务人",
    "agent": "代理人",
    "debt.type": "债权种类",
    "debt.amount": "担保债权数额",
    "debt.performance_deadline": "债务履行期限",
    "debt.guarantee_scope": "担保范围",
    "pledge_term_end": "质押期限届满日",
    "rights": "出质权利",
    "documents": "已收材料",
    "clauses": "合同条款",
    "waivers": "放弃声明",
    "other_grounds": "其他不予登记理由",
}
register_labels({
    "申请日": "application date", "出质人": "pledgor", "质权人": "pledgee", "债务人": "debtor", "代理人": "agent",
    "债权种类": "debt type", "担保债权数额": "secured amount", "债务履行期限": "performance deadline",
    "担保范围": "guarantee scope", "质押期限届满日": "pledge term end", "出质权利": "pledged rights",
    "已收材料": "documents received", "合同条款": "contract clauses", "放弃声明": "waivers",
    "其他不予登记理由": "other refusal grounds", "申请": "application", "债权": "debt", "列表": "a list",
    "JSON 对象": "a JSON object", "日期": "date", "注销原因": "cancellation trigger",
})


def resolve_party(session: Session, key: Any) -> int | None:
    """A party id from a JSON integer id, "#id", a USCC or an exact name.

    A string of digits is a USCC or a name, never an id: some real USCCs are all digits.
    """
    if isinstance(key, bool) or key is None:
        return None
    if isinstance(key, int):
        return key if 0 < key < 2**31 and session.get(PartyRow, key) is not None else None
    if not isinstance(key, str):
        return None
    text = clean(key)
    if text.startswith("#") and text[1:].isdigit() and len(text) < 11:
        return resolve_party(session, int(text[1:]))
    row = session.execute(select(PartyRow.id).where(PartyRow.uscc == text.upper())).first()
    if row is None:
        row = session.execute(select(PartyRow.id).where(PartyRow.name == text)).first()
    return row[0] if row else None


def _enum_set(values: Any, enum_cls, field: str, problems: list[Problem]):
    if values is None:
        return None
    if not isinstance(values, (list, tuple, set, frozenset)):
        problems.append(Problem("pledge.json_type", field, {"label": LABELS.get(field, field), "expected": "列表"}))
        return frozenset()
    out = set()
    for v in values:
        try:
            out.add(enum_cls(clean(v)))
        except ValueError:
            problems.append(Problem("pledge.bad_enum", field, {"label": LABELS.get(field, field), "value": v}))
    return frozenset(out)


def parse_application(session: Session, data: dict[str, Any], today: date) -> PledgeApplication:
    """Build and validate; raises ValidationError listing every problem."""
    if not isinstance(data, dict):
        raise ValidationError(Problem("pledge.json_type", "", {"label": "申请", "expected": "JSON 对象"}))
    problems: list[Problem] = []

    def party(field: str, key: Any, required: bool) -> int | None:
        if key in (None, ""):
            if required:
                problems.append(Problem("required", field, {"label": LABELS[field]}))
            return None
        pid = resolve_party(session, key)
        if pid is None:
            problems.append(Problem("pledge.party_unknown", field, {"label": LABELS[field], "key": key}))
        return pid

    app_date, p = parse_date(data.get("application_date") or today, "application_date", LABELS["application_date"])
    problems += p
    raw_pledgors = data.get("pledgors") or []
    if isinstance(raw_pledgors, (str, int)):
        raw_pledgors = [raw_pledgors]
    if not isinstance(raw_pledgors, list):
        problems.append(Problem("pledge.json_type", "pledgors", {"label": LABELS["pledgors"], "expected": "列表"}))
        raw_pledgors = []
    pledgors = [party("pledgors", k, True) for k in raw_pledgors]
    if not raw_pledgors:
        problems.append(Problem("pledge.no_pledgor", "pledgors"))
    pledgee = party("pledgee", data.get("pledgee"), True)
    debtor = party("debtor", data.get("debtor"), False)
    agent = party("agent", data.get("agent"), False)

    debt = data.get("debt") or {}
    if not isinstance(debt, dict):
        problems.append(Problem("pledge.json_type", "debt", {"label": "债权", "expected": "JSON 对象"}))
        debt = {}
    debt_type = DebtType.LOAN
    if debt.get("type"):
        try:
            debt_type = DebtType(clean(debt["type"]))
        except ValueError:
            problems.append(
                Problem("pledge.bad_enum", "debt.type", {"label": LABELS["debt.type"], "value": debt["type"]})
            )
    amount, p = parse_money(debt.get("amount"), "debt.amount", LABELS["debt.amount"])
    problems += p
    if amount is None and not p:
        problems.append(Problem("required", "debt.amount", {"label": LABELS["debt.amount"]}))
    deadline, p = parse_date(
        debt.get("performance_deadline"), "debt.performance_deadline", LABELS["debt.performance_deadline"]
    )
    problems += p
    if deadline is None and not p:
        problems.append(
            Problem("required", "debt.performance_deadline", {"label": LABELS["debt.performance_deadline"]})
        )
    scope = _enum_set(debt.get("guarantee_scope"), GuaranteeScope, "debt.guarantee_scope", problems)
    term_end, p = parse_date(data.get("pledge_term_end"), "pledge_term_end", LABELS["pledge_term_end"])
    problems += p

    numbers: list[str] = []
    raw_rights = data.get("rights") or []
    if not isinstance(raw_rights, list):
        problems.append(Problem("pledge.json_type", "rights", {"label": LABELS["rights"], "expected": "列表"}))
        raw_rights = []
    for i, raw in enumerate(raw_rights, start=1):
        try:
            number = parse_right_number(clean(raw)).number
        except ValidationError as err:
            why = Message("pledge.bad_number_value", {"raw": raw, "why": err.problems})
            problems.append(Problem("pledge.bad_right_number", f"rights[{i}]", {"index": i, "value": why}))
            continue
        numbers.append(number)
        right = session.execute(
            select(RightRow.kind, RightRow.grant_date, RightRow.registration_date, RightRow.display_number)
            .where(RightRow.number == number)
        ).first()
        if right is None:
            problems.append(Problem("pledge.unknown_right", f"rights[{i}]", {"number": clean(raw)}))
        elif app_date is not None and (early := _before_right(app_date, right, f"rights[{i}]")) is not None:
            problems.append(early)
    documents = _enum_set(data.get("documents"), Document, "documents", problems) or frozenset()
    clauses = _enum_set(data.get("clauses"), Clause, "clauses", problems) or frozenset()
    flags = {}
    for f in ("valuation_declared", "foreign_language_id", "licensed_before"):
        flags[f], p = parse_flag(data.get(f, False), f, f)
        problems += p
    waivers = data.get("waivers") or {}
    if not isinstance(waivers, dict):
        problems.append(Problem("pledge.json_type", "waivers", {"label": LABELS["waivers"], "expected": "JSON 对象"}))
        waivers = {}
    others = []
    raw_others = data.get("other_grounds") or []
    if not isinstance(raw_others, list):
        problems.append(
            Problem("pledge.json_type", "other_grounds", {"label": LABELS["other_grounds"], "expected": "列表"})
        )
        raw_others = []
    for g in raw_others:
        if isinstance(g, dict):
            number = clean(g.get("right", ""))
            if number:
                try:
                    number = parse_right_number(number).number
                except ValidationError:
                    pass
            others.append(OtherGround(clean(g.get("reason")), number, clean(g.get("family", ""))))
        else:
            others.append(OtherGround(clean(g)))
    if problems or app_date is None or amount is None or deadline is None or pledgee is None:
        # Also report the value checks validate_application would make, so every problem shows at once.
        if amount is not None and amount <= 0:
            problems.append(Problem("pledge.amount_not_positive", "debt.amount", {"value": amount}))
        if app_date is not None and deadline is not None and deadline < app_date:
            problems.append(
                Problem(
                    "pledge.deadline_before_application",
                    "debt.performance_deadline",
                    {"deadline": deadline, "date": app_date},
                )
            )
        if app_date is not None and app_date > today:
            problems.append(
                Problem("pledge.application_in_future", "application_date", {"date": app_date, "today": today})
            )
        if app_date is not None and app_date < EARLIEST_APPLICATION:
            problems.append(Problem("pledge.application_too_early", "application_date",
                                    {"date": app_date, "earliest": EARLIEST_APPLICATION}))
        raise ValidationError(problems)
    app = PledgeApplication(
        application_date=app_date,
        pledgor_ids=tuple(p for p in pledgors if p is not None),
        pledgee_id=pledgee,
        debtor_id=debtor,
        agent_id=agent,
        debt_type=debt_type,
        secured_amount=amount,
        performance_deadline=deadline,
        pledge_term_end=term_end,
        guarantee_scope=scope if scope is not None else DEFAULT_SCOPE,
        right_numbers=tuple(numbers),
        documents=documents,
        clauses=clauses,
        valuation_declared=flags["valuation_declared"],
        foreign_language_id=flags["foreign_language_id"],
        licensed_before=flags["licensed_before"],
        waivers={clean(k): clean(v) for k, v in waivers.items()},
        other_grounds=tuple(others),
        notes=clean(data.get("notes")),
    )
    problems = validate_application(app, today)
    if problems:
        raise ValidationError([_party_named(session, p) for p in problems])
    return app


def _before_right(app_date: date, right: Any, field: str) -> Problem | None:
    """A right cannot be pledged before it exists: a patent from its grant announcement, a mark or a
    copyright from its registration (no date in the register: nothing to check)."""
    kind, grant_date, registration_date, display = right
    patent = kind in ("invention", "utility_model", "design")
    if patent:
        since, label, label_en = grant_date, "授权公告日", "grant date"
    else:
        since, label, label_en = registration_date, "注册日" if kind == "trademark" else "登记日", "registration date"
    if since is None or app_date >= since:
        return None
    return Problem("pledge.application_before_right", field, {"date": app_date, "number": display, "since": since,
                                                              "since_label": label, "since_label_en": label_en})


def _party_named(session: Session, problem: Problem) -> Problem:
    """The domain's rules know parties by id; the reader knows them by name (never "#1" or "1")."""
    party = problem.params.get("party")
    if not isinstance(party, int) or isinstance(party, bool):
        return problem
    row = session.get(PartyRow, party)
    name = row.name if row is not None else f"#{party}"
    return Problem(problem.code, problem.field, {**problem.params, "party": name}, problem.row)


def application_to_json(app: PledgeApplication, numbers_display: dict[str, str] | None = None) -> dict[str, Any]:
    """The inverse (for drafts, `pledge show` and the audit log)."""
    shown = numbers_display or {}
    return {
        "application_date": app.application_date.isoformat(),
        "pledgors": [f"#{p}" for p in app.pledgor_ids],
        "pledgee": f"#{app.pledgee_id}",
        "debtor": f"#{app.debtor_id}" if app.debtor_id is not None else None,
        "agent": f"#{app.agent_id}" if app.agent_id is not None else None,
        "debt": {
            "type": app.debt_type.value,
            "amount": str(app.secured_amount),
            "performance_deadline": app.performance_deadline.isoformat(),
            "guarantee_scope": sorted(s.value for s in app.guarantee_scope),
        },
        "pledge_term_end": app.pledge_term_end.isoformat() if app.pledge_term_end else None,
        "rights": [shown.get(n, n) for n in app.right_numbers],
        "documents": sorted(d.value for d in app.documents),
        "clauses": sorted(c.value for c in app.clauses),
        "valuation_declared": app.valuation_declared,
        "foreign_language_id": app.foreign_language_id,
        "licensed_before": app.licensed_before,
        "waivers": dict(app.waivers),
        "other_grounds": [{"reason": g.reason, "right": g.right_number, "family": g.family} for g in app.other_grounds],
        "notes": app.notes,
    }
