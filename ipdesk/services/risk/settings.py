"""The early-warning rules an office works with: the built-in set until an administrator saves its own
(under the settings key ``risk_rules``), with an audit entry."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from ipdesk.domain.risk.rules import DEFAULT_RULES, RiskRules
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services import audit
from ipdesk.storage.schema import SettingRow

_KEY = "risk_rules"


def load(session: Session) -> RiskRules:
    row = session.get(SettingRow, _KEY)
    if row is None or not row.value:
        return DEFAULT_RULES
    return RiskRules.from_json(json.loads(row.value))


def store(session: Session, actor, rules: RiskRules) -> None:
    problems = rules.check()
    if problems:
        raise ValidationError(problems)
    before = load(session).to_json()
    row = session.get(SettingRow, _KEY) or SettingRow(key=_KEY)
    row.value = audit.canonical_json(rules.to_json())
    session.add(row)
    audit.record(session, actor, "settings.risk", "settings", None, "修改风险预警规则", before, rules.to_json())
