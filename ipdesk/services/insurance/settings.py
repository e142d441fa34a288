"""The insurance rules an office works with: the shipped ``resources/data/insurance_cn.json`` until an
administrator saves its own copy (under the settings key ``insurance_rules``), with an audit entry."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy.orm import Session

from ipdesk.domain.insurance.rules import InsuranceRules
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.resources import resource_path
from ipdesk.services import audit
from ipdesk.storage.schema import SettingRow

_KEY = "insurance_rules"


@lru_cache(maxsize=1)
def shipped_rules() -> InsuranceRules:
    with open(resource_path("data", "insurance_cn.json"), encoding="utf-8") as fh:
        return InsuranceRules.from_json(json.load(fh))


def load(session: Session) -> InsuranceRules:
    row = session.get(SettingRow, _KEY)
    if row is None or not row.value:
        return shipped_rules()
    return InsuranceRules.from_json(json.loads(row.value))


def store(session: Session, actor, rules: InsuranceRules) -> None:
    """Save ``rules`` in the caller's transaction (the caller checked the permission); refused if a rate is
    over 100 % or an entry is listed twice."""
    problems = rules.check()
    if problems:
        raise ValidationError(problems)
    before = load(session).to_json()
    row = session.get(SettingRow, _KEY) or SettingRow(key=_KEY)
    row.value = audit.canonical_json(rules.to_json())
    session.add(row)
    audit.record(session, actor, "settings.insurance", "settings", None, "修改保险资格与补贴规则", before,
                 rules.to_json())
