"""Command input for the marketplace → checked values (nothing written): money, instants, parties, rights.

Every problem of one input is collected and raised at once (``ValidationError``, CLI exit 2)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.shared.fields import clean, parse_money, required
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.services.pledges.inputs import resolve_party
from ipdesk.storage.schema import RightRow

register({
    "market.party_unknown": ("{label}不在当事人名录中：{key}", "{label} is not a known party: {key}"),
    "market.bad_instant": ("{label}应为含时区的 ISO 时间（例如 2027-01-10T10:00:00+08:00）：{value}",
                           "{label} must be an ISO time with an offset (e.g. 2027-01-10T10:00:00+08:00): {value}"),
    "market.right_unknown": ("权利不在登记簿中：{key}", "no such right in the register: {key}"),
    "market.bad_choice": ("{label}不是可选值：{value}（可选：{choices}）", "{label} is not one of {choices}: {value}"),
})
LABELS = {"assessed_value": "评估价", "reserve": "保留价", "reference_value": "参考价",
          "forced_sale_value": "快速变现价值", "start": "起拍价", "deposit": "保证金", "amount": "金额",
          "opens": "开始时间", "closes": "结束时间", "at": "时间",
          "seller": "卖方", "bidder": "竞买人", "rights": "权利", "type": "标的类型", "preset": "规则", "mode": "方式",
          "lump_sum": "一次性使用费", "running_percent": "提成比例"}
register_labels({"评估价": "assessed value", "保留价": "reserve", "参考价": "reference value",
                 "快速变现价值": "forced-sale value", "起拍价": "start price", "保证金": "deposit",
                 "开始时间": "opening",
                 "结束时间": "close", "时间": "time", "卖方": "seller", "竞买人": "bidder", "标的类型": "lot type",
                 "规则": "preset", "方式": "mode", "一次性使用费": "lump sum", "提成比例": "running royalty",
                 "标的": "lot", "拍卖": "auction", "成交": "deal", "加价幅度": "increment"})


def money(data: dict[str, Any], name: str, problems: list[Problem], *, needed: bool = True) -> Decimal | None:
    value, found = parse_money(data.get(name), name, LABELS.get(name, name))
    problems += found
    if value is None and not found and needed:
        problems.append(required(name, LABELS.get(name, name)))
    return value


def instant(data: dict[str, Any], name: str, problems: list[Problem], *, needed: bool = True) -> datetime | None:
    """An aware instant: a datetime, or ISO text with an offset (``Z`` is UTC); a naive time is refused."""
    value = data.get(name)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    text = clean(value)
    if not text:
        if needed:
            problems.append(required(name, LABELS.get(name, name)))
        return None
    try:
        parsed: datetime | None = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        problems.append(Problem("market.bad_instant", name, {"label": LABELS.get(name, name), "value": text}))
        return None
    return parsed


def party(session: Session, data: dict[str, Any], name: str, problems: list[Problem], *,
          needed: bool = True) -> int | None:
    key = data.get(name)
    if key is None or clean(key) == "":
        if needed:
            problems.append(required(name, LABELS.get(name, name)))
        return None
    found = resolve_party(session, key)
    if found is None:
        problems.append(Problem("market.party_unknown", name, {"label": LABELS.get(name, name), "key": clean(key)}))
    return found


def choice(data: dict[str, Any], name: str, choices: tuple[str, ...], problems: list[Problem],
           default: str | None = None) -> str | None:
    value = clean(data.get(name)) or default
    if value is None:
        problems.append(required(name, LABELS.get(name, name)))
    elif value not in choices:
        problems.append(Problem("market.bad_choice", name, {"label": LABELS.get(name, name), "value": value,
                                                            "choices": ", ".join(choices)}))
        return None
    return value


def rights(session: Session, given: Any, problems: list[Problem]) -> list[RightRow]:
    """The rights named by number (any accepted form), in the order given."""
    from ipdesk.domain.registry.identifiers import parse_right_number

    texts = [clean(t) for t in (given.split(",") if isinstance(given, str) else given or []) if clean(t)]
    out: list[RightRow] = []
    for text in texts:
        try:
            number = parse_right_number(text).number
        except ValidationError as err:
            problems += err.problems
            continue
        row = session.execute(select(RightRow).where(RightRow.number == number)).scalar_one_or_none()
        if row is None:
            problems.append(Problem("market.right_unknown", "rights", {"key": text}))
        else:
            out.append(row)
    return out


def check(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)
