"""Rights-protection custody (专利维权托管): monitoring entries of a right — infringement found, an invalidation
request filed against it, litigation, an administrative complaint — with dates, documents, counterparty,
status and outcome.

An open invalidation request is what the right's ``invalidation_requested`` flag says (and so examination
ground P11 for a later pledge); closing the last open one clears it, and a decision declaring the right wholly
invalid records that status.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.fields import check_length, choice_map, clean, parse_choice, parse_date, required
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem


class MonitoringKind(enum.StrEnum):
    INFRINGEMENT = "infringement"  # 发现侵权
    INVALIDATION = "invalidation"  # 被提起无效宣告请求
    LITIGATION = "litigation"  # 诉讼
    ADMINISTRATIVE = "administrative"  # 行政投诉（行政裁决、查处）


class MonitoringStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(enum.StrEnum):
    MAINTAINED = "maintained"  # invalidation: the right is upheld (维持有效)
    PARTIALLY_INVALIDATED = "partially_invalidated"  # 部分无效: in force with the claims that remain
    INVALIDATED = "invalidated"  # 全部无效
    UPHELD = "upheld"  # the right holder's claim succeeds (侵权成立、胜诉)
    REJECTED = "rejected"  # it fails (不成立、败诉)
    SETTLED = "settled"  # 和解
    WITHDRAWN = "withdrawn"  # 撤回 (the request, the suit or the complaint)


KIND_LABELS: dict[MonitoringKind, tuple[str, str]] = {
    MonitoringKind.INFRINGEMENT: ("发现侵权", "Infringement found"),
    MonitoringKind.INVALIDATION: ("无效宣告请求", "Invalidation request"),
    MonitoringKind.LITIGATION: ("诉讼", "Litigation"),
    MonitoringKind.ADMINISTRATIVE: ("行政投诉", "Administrative complaint"),
}
STATUS_LABELS: dict[MonitoringStatus, tuple[str, str]] = {
    MonitoringStatus.OPEN: ("进行中", "Open"),
    MonitoringStatus.CLOSED: ("已结案", "Closed"),
}
OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.MAINTAINED: ("维持有效", "Maintained"),
    Outcome.PARTIALLY_INVALIDATED: ("部分无效", "Partially invalidated"),
    Outcome.INVALIDATED: ("全部无效", "Invalidated"),
    Outcome.UPHELD: ("主张成立", "Upheld"),
    Outcome.REJECTED: ("主张不成立", "Rejected"),
    Outcome.SETTLED: ("和解", "Settled"),
    Outcome.WITHDRAWN: ("撤回", "Withdrawn"),
}
_DISPUTE = frozenset({Outcome.UPHELD, Outcome.REJECTED, Outcome.SETTLED, Outcome.WITHDRAWN})
#: The outcomes each kind of entry can close with.
OUTCOMES: dict[MonitoringKind, frozenset[Outcome]] = {
    MonitoringKind.INVALIDATION: frozenset({Outcome.MAINTAINED, Outcome.PARTIALLY_INVALIDATED, Outcome.INVALIDATED,
                                            Outcome.WITHDRAWN}),
    MonitoringKind.INFRINGEMENT: _DISPUTE,
    MonitoringKind.LITIGATION: _DISPUTE,
    MonitoringKind.ADMINISTRATIVE: _DISPUTE,
}

MONITORING_FIELDS: dict[str, tuple[str, str]] = {
    "right": ("权利", "Right"),
    "kind": ("事项类型", "Kind"),
    "opened_on": ("发生日期", "Date"),
    "counterparty": ("对方当事人", "Counterparty"),
    "reference": ("案号", "Case no."),
    "documents": ("文件", "Documents"),
    "notes": ("备注", "Notes"),
    "outcome": ("结果", "Outcome"),
    "closed_on": ("结案日期", "Closed on"),
}
# "权利" keeps the register's own English label ("right not found: 7", ipdesk.domain.registry.rights): a second
# registration would make the catalogue's text depend on which module was imported last.
register_labels({k: v for k, v in MONITORING_FIELDS.items() if k != "right"})
register_labels({"监测事项": "monitoring entry"})
register({
    "monitoring.future_date": ("{label}不能晚于今天（{today}）：{value}",
                               "{label} must not be after today ({today}): {value}"),
    "monitoring.closed_before_opened": ("结案日期（{closed}）不能早于发生日期（{opened}）",
                                        "the closing date ({closed}) must not be before the entry's date ({opened})"),
    "monitoring.outcome_for_kind": ("“{kind}”不能以“{outcome}”结案",
                                    "a {kind} entry cannot close as {outcome}"),
    "monitoring.closed": ("该监测事项已结案（{closed_on}）", "the monitoring entry is closed already ({closed_on})"),
    "monitoring.no_invalidation": ("著作权没有无效宣告程序：{number}",
                                   "a copyright has no invalidation procedure: {number}"),
    "monitoring.invalidation_open": ("{number} 还有 {count} 项未结案的无效宣告请求："
                                     "结案后标记才会取消，不能在此直接取消",
                                     "{number} has {count} open invalidation request(s): the flag clears when "
                                     "they are closed, not by editing the right"),
})

TEXT_MAX = 200
DOCUMENTS_MAX = 1000
NOTES_MAX = 2000
_KINDS = choice_map(KIND_LABELS)
_OUTCOMES = choice_map(OUTCOME_LABELS)


def label(name: str, lang: str = "zh") -> str:
    zh, en = MONITORING_FIELDS.get(name, (name, name))
    return en if lang.startswith("en") else zh


def _day(data: dict[str, Any], name: str, today: date, problems: list[Problem]) -> date | None:
    day, found = parse_date(data.get(name), name, label(name))
    problems += found
    if day is not None and day > today:
        problems.append(Problem("monitoring.future_date", name, {"label": label(name), "today": today.isoformat(),
                                                                 "value": day.isoformat()}))
    return day


@dataclass(frozen=True)
class EntryInput:
    kind: MonitoringKind
    opened_on: date
    counterparty: str
    reference: str
    documents: str
    notes: str


def check_entry(data: dict[str, Any], today: date) -> tuple[EntryInput | None, list[Problem]]:
    """A new entry's own fields: ``kind``, ``opened_on`` (default today, not after it), ``counterparty``,
    ``reference``, ``documents``, ``notes``; every problem at once."""
    problems: list[Problem] = []
    kind, found = parse_choice(data.get("kind"), _KINDS, "kind", label("kind"))
    problems += found
    if kind is None and not found:
        problems.append(required("kind", label("kind")))
    opened_on = _day(data, "opened_on", today, problems) if clean(data.get("opened_on")) else today
    texts = {name: clean(data.get(name)) for name in ("counterparty", "reference", "documents", "notes")}
    for name, limit in (("counterparty", TEXT_MAX), ("reference", TEXT_MAX), ("documents", DOCUMENTS_MAX),
                        ("notes", NOTES_MAX)):
        problems += check_length(texts[name], limit, name, label(name))
    if problems:
        return None, problems
    assert kind is not None and opened_on is not None
    return EntryInput(MonitoringKind(kind), opened_on, **texts), []


def check_closing(kind: MonitoringKind, opened_on: date, data: dict[str, Any], today: date) -> tuple[
        tuple[Outcome, date] | None, list[Problem]]:
    """The outcome (one the kind allows) and the closing date (default today; not before the entry, not future)."""
    problems: list[Problem] = []
    outcome, found = parse_choice(data.get("outcome"), _OUTCOMES, "outcome", label("outcome"))
    problems += found
    if outcome is None and not found:
        problems.append(required("outcome", label("outcome")))
    elif outcome is not None and Outcome(outcome) not in OUTCOMES[kind]:
        (k_zh, k_en), (o_zh, o_en) = KIND_LABELS[kind], OUTCOME_LABELS[Outcome(outcome)]
        problems.append(Problem("monitoring.outcome_for_kind", "outcome",
                                {"kind": k_zh, "kind_en": k_en.lower(), "outcome": o_zh, "outcome_en": o_en.lower()}))
    closed_on = _day(data, "closed_on", today, problems) if clean(data.get("closed_on")) else today
    if closed_on is not None and closed_on < opened_on:
        problems.append(Problem("monitoring.closed_before_opened", "closed_on",
                                {"closed": closed_on.isoformat(), "opened": opened_on.isoformat()}))
    if problems:
        return None, problems
    assert outcome is not None and closed_on is not None
    return (Outcome(outcome), closed_on), []


def flag_after_closing(kind: MonitoringKind, other_open_invalidations: int, flag: bool) -> bool:
    """The right's invalidation flag once an entry of ``kind`` closes: cleared when it closes the last open
    invalidation request (whatever the outcome: the proceedings are over), else as it was."""
    if kind is MonitoringKind.INVALIDATION and other_open_invalidations == 0:
        return False
    return flag


def status_after_closing(outcome: Outcome) -> str | None:
    """The legal status a closing records (``"invalidated"`` for a decision declaring the right wholly invalid)."""
    return "invalidated" if outcome is Outcome.INVALIDATED else None


@dataclass(frozen=True)
class MonitoringEntry:
    """A stored monitoring entry."""

    id: int
    right_id: int
    right_number: str
    kind: MonitoringKind
    status: MonitoringStatus
    opened_on: date
    counterparty: str = ""
    reference: str = ""
    documents: str = ""
    notes: str = ""
    outcome: Outcome | None = None
    closed_on: date | None = None
    outcome_notes: str = ""
    recorded_by: str = ""
    #: What the command that returned this record changed (empty when read).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "right": self.right_number, "kind": self.kind.value, "status": self.status.value,
                "opened_on": self.opened_on.isoformat(), "counterparty": self.counterparty,
                "reference": self.reference, "documents": self.documents, "notes": self.notes,
                "outcome": self.outcome.value if self.outcome else None,
                "closed_on": self.closed_on.isoformat() if self.closed_on else None,
                "outcome_notes": self.outcome_notes, "recorded_by": self.recorded_by}
