"""Signals as a table (severity badge, rule, pledge, right, since, what was found, actions taken) and how a
signal's detail reads in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from ipdesk.domain.risk.rules import DEFAULT_SET, RULE_LABELS, SEVERITY_LABELS, RuleCode, RuleSet, Severity
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_date

ACTION_STATES = {"note": ("已备注", "noted"), "halt": ("已叫停", "halted"), "collect": ("已催收", "collecting")}
SEVERITY_TONES = {Severity.CRITICAL: "bad", Severity.WARNING: "warn", Severity.INFO: "info"}
#: How the detail's keys read (Chinese, English).
DETAIL_LABELS: dict[str, tuple[str, str]] = {
    "due": ("应缴日", "due"), "days": ("剩余天数", "days left"), "status": ("状态", "status"),
    "open": ("未结案件", "open cases"), "expiry": ("届满日", "expires"), "deadline": ("履行期限", "deadline"),
    "valid_until": ("评估有效至", "valid until"), "from": ("原评估值", "was"), "to": ("现评估值", "now"),
    "drop_percent": ("降幅 %", "drop %"), "ratio": ("质押率 %", "LTV %"), "cap": ("上限 %", "cap %"),
    "policy": ("保单", "policy"), "cover_until": ("保障至", "covered until"), "loan": ("贷款", "loan"),
    "overdue_days": ("逾期天数", "days overdue"), "maturity": ("债务到期日", "debt due"),
}


def rule_label(rule: str, lang: str) -> str:
    try:
        return pick(RULE_LABELS[RuleCode(rule)], lang)
    except ValueError:
        return rule


def detail_text(detail: dict[str, Any], lang: str) -> str:
    """``{"due": "2027-07-25", "days": 24}`` → ``应缴日 2027-07-25，剩余天数 24`` (the right is its own column)."""
    parts = []
    for key, value in detail.items():
        if key == "right" or value is None:
            continue
        parts.append(f"{pick(DETAIL_LABELS.get(key, (key, key)), lang)} {value}")
    return ("，" if lang != "en" else ", ").join(parts)


class SignalsModel(RowListModel):
    """The open (or all) signals the service returned, most severe first."""

    columns = (
        ("severity", "级别", "Severity"),
        ("rule", "预警", "Signal"),
        ("pledge", "质押登记号", "Pledge"),
        ("right", "权利", "Right"),
        ("since", "发出日", "Since"),
        ("detail", "情况", "Detail"),
        ("state", "处置", "Action"),
    )

    def set_signals(self, signals: Sequence[Any]) -> None:
        self.set_rows([{"signal": s} for s in signals])

    def signal(self, row: int) -> Any:
        return self.row_data(row)["signal"]

    rule_set: RuleSet = DEFAULT_SET  # the rules in force, for the explanations (the page sets them)

    def state_text(self, s: Any) -> str:
        if s.cleared_on is not None:
            return pick(("已解除 {date}", "cleared {date}"), self.lang).format(date=format_date(s.cleared_on))
        if s.actions:
            last = s.actions[-1]["action"]
            return pick(ACTION_STATES.get(last, (last, last)), self.lang)
        return pick(("待处理", "open"), self.lang)

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        s = row["signal"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "severity": pick(SEVERITY_LABELS[s.severity], self.lang), "rule": rule_label(s.rule, self.lang),
                "pledge": s.pledge_no, "right": s.right or "—", "since": format_date(s.since),
                "detail": detail_text(s.detail, self.lang), "state": self.state_text(s),
            }.get(key)
        if role == BadgeToneRole and key == "severity":
            return SEVERITY_TONES[s.severity]
        if role == BadgeToneRole and key == "state":
            return "muted" if s.cleared_on is not None else ("ok" if s.actions else "warn")
        if role == Qt.ItemDataRole.ToolTipRole and key in ("rule", "detail"):
            return explanation(self.rule_set, s.rule, self.lang)
        return None


def explanation(rule_set: RuleSet, rule: str, lang: str) -> str | None:
    """The rule's explanation with its parameters in force (None for a rule no longer known)."""
    try:
        found = rule_set.rule(RuleCode(rule))
    except ValueError:
        return None
    return found.explanation(lang) if found is not None else None
