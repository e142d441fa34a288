"""Rights-protection custody use cases: add a monitoring entry to a right, close it with its outcome, list them.

An invalidation request sets the right's ``invalidation_requested`` flag (examination ground P11 for a later
pledge); closing the last open one clears it, and a decision declaring the right wholly invalid records the
legal status ``invalidated``. Each command needs ``Action.MONITOR_RIGHTS``, runs in one transaction and writes
one audit entry on the right (so the right's history shows the flag change).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ipdesk.domain.custody.monitoring import (
    MonitoringEntry,
    MonitoringKind,
    MonitoringStatus,
    Outcome,
    check_closing,
    check_entry,
    flag_after_closing,
    status_after_closing,
)
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.registry.right_input import RightInput
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import check_length, clean
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import DomainError, NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.uow import reading, reported, transaction
from ipdesk.storage.custody.monitoring_tables import MonitoringEntryRow
from ipdesk.storage.schema import RightRow

ENTITY = "right"  # the entry is audited on its right: the right's history is where a custodian looks


def _entry(row: MonitoringEntryRow, number: str) -> MonitoringEntry:
    return MonitoringEntry(row.id, row.right_id, number, MonitoringKind(row.kind), MonitoringStatus(row.status),
                           row.opened_on, row.counterparty, row.reference, row.documents, row.notes,
                           Outcome(row.outcome) if row.outcome else None, row.closed_on, row.outcome_notes,
                           row.recorded_by)


def _open_invalidations(session: Session, right_id: int, other_than: int | None = None) -> int:
    stmt = select(func.count()).select_from(MonitoringEntryRow).where(
        MonitoringEntryRow.right_id == right_id, MonitoringEntryRow.kind == MonitoringKind.INVALIDATION.value,
        MonitoringEntryRow.status == MonitoringStatus.OPEN.value)
    if other_than is not None:
        stmt = stmt.where(MonitoringEntryRow.id != other_than)
    return int(session.execute(stmt).scalar_one())


class MonitoringService:
    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    @staticmethod
    def keep_invalidation_flag(session: Session, row: RightRow, data: RightInput) -> None:
        """An edit of the right (``RightService.edit_guards``) may not clear its invalidation flag while an
        invalidation request is open: closing the entry clears it (with the outcome), so the flag and the
        entries never disagree and examination ground P11 keeps holding."""
        if not row.invalidation_requested or data.invalidation_requested:
            return
        count = _open_invalidations(session, row.id)
        if count:
            raise RuleRefusal(Problem("monitoring.invalidation_open", "invalidation_requested",
                                      {"number": row.display_number, "count": count}))

    def add(self, actor: Actor, data: dict[str, Any]) -> MonitoringEntry:
        """``data``: ``right`` (a number in any accepted form), ``kind``, ``opened_on``, ``counterparty``,
        ``reference``, ``documents``, ``notes``. Bad input raises ValidationError and writes nothing."""
        actor.require(Action.MONITOR_RIGHTS)
        checked, problems = check_entry(data, self.clock.today())
        with transaction(self.engine, self.clock) as session:
            right = self._right(session, data.get("right"), problems)
            if problems:
                raise ValidationError(problems)
            assert checked is not None and right is not None
            if checked.kind is MonitoringKind.INVALIDATION and right.kind in ("copyright", "software"):
                raise RuleRefusal(Problem("monitoring.no_invalidation", "kind", {"number": right.display_number}))
            row = MonitoringEntryRow(right_id=right.id, kind=checked.kind.value, status=MonitoringStatus.OPEN.value,
                                     opened_on=checked.opened_on, counterparty=checked.counterparty,
                                     reference=checked.reference, documents=checked.documents, notes=checked.notes,
                                     outcome=None, closed_on=None, outcome_notes="", recorded_by=actor.username)
            session.add(row)
            session.flush()
            before = {"invalidation_requested": right.invalidation_requested}
            if checked.kind is MonitoringKind.INVALIDATION and not right.invalidation_requested:
                right.invalidation_requested = True
                right.version += 1
            entry = _entry(row, right.display_number)
            audit.record(session, actor, "monitoring.add", ENTITY, right.id,
                         f"维权托管：{right.display_number} {checked.kind.value}", before,
                         {"invalidation_requested": right.invalidation_requested, "monitoring": entry.to_json()})
            return reported(session, entry)

    def close(self, actor: Actor, entry_id: int, data: dict[str, Any]) -> MonitoringEntry:
        """Close an open entry: ``outcome`` (one its kind allows), ``closed_on`` (default today), ``notes``."""
        actor.require(Action.MONITOR_RIGHTS)
        with transaction(self.engine, self.clock) as session:
            row = session.get(MonitoringEntryRow, entry_id)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "监测事项", "key": entry_id}))
            if row.status == MonitoringStatus.CLOSED.value:
                raise RuleRefusal(Problem("monitoring.closed", params={"closed_on": str(row.closed_on)}))
            kind = MonitoringKind(row.kind)
            closing, problems = check_closing(kind, row.opened_on, data, self.clock.today())
            notes = clean(data.get("notes"))
            problems += check_length(notes, 2000, "notes", "备注")
            if problems:
                raise ValidationError(problems)
            assert closing is not None
            outcome, closed_on = closing
            right = session.get(RightRow, row.right_id)
            assert right is not None
            before = {"invalidation_requested": right.invalidation_requested, "legal_status": right.legal_status}
            row.status, row.outcome, row.closed_on, row.outcome_notes = (
                MonitoringStatus.CLOSED.value, outcome.value, closed_on, notes)
            flag = flag_after_closing(kind, _open_invalidations(session, right.id, other_than=row.id),
                                      right.invalidation_requested)
            status = status_after_closing(outcome) or right.legal_status
            if (flag, status) != (right.invalidation_requested, right.legal_status):
                right.invalidation_requested, right.legal_status = flag, status
                right.version += 1
            session.flush()
            entry = _entry(row, right.display_number)
            audit.record(session, actor, "monitoring.close", ENTITY, right.id,
                         f"维权托管结案：{right.display_number} {outcome.value}", before,
                         {"invalidation_requested": right.invalidation_requested, "legal_status": right.legal_status,
                          "monitoring": entry.to_json()})
            return reported(session, entry)

    @staticmethod
    def _right(session: Session, given: Any, problems: list[Problem]) -> RightRow | None:
        text = clean(given)
        if not text:
            problems.append(Problem("required", "right", {"label": "权利"}))
            return None
        try:
            parsed = parse_right_number(text)
        except DomainError as err:
            problems.extend(err.problems)
            return None
        row = session.execute(select(RightRow).where(RightRow.number == parsed.number)).scalar_one_or_none()
        if row is None:
            problems.append(Problem("not_found", "right", {"what": "权利", "key": parsed.display}))
        return row

    # --- reads ---------------------------------------------------------------------------------------

    def list(self, right_id: int | None = None, *, open_only: bool = False, limit: int = 500) -> list[MonitoringEntry]:
        """Entries newest first: of one right, or of every right; ``open_only`` leaves the closed ones out."""
        with reading(self.engine) as session:
            stmt = select(MonitoringEntryRow, RightRow.display_number).join(
                RightRow, RightRow.id == MonitoringEntryRow.right_id)
            if right_id is not None:
                stmt = stmt.where(MonitoringEntryRow.right_id == right_id)
            if open_only:
                stmt = stmt.where(MonitoringEntryRow.status == MonitoringStatus.OPEN.value)
            stmt = stmt.order_by(MonitoringEntryRow.opened_on.desc(), MonitoringEntryRow.id.desc()).limit(limit)
            return [_entry(row, number) for row, number in session.execute(stmt)]

    def get(self, entry_id: int) -> MonitoringEntry:
        with reading(self.engine) as session:
            row = session.get(MonitoringEntryRow, entry_id)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "监测事项", "key": entry_id}))
            right = session.get(RightRow, row.right_id)
            return _entry(row, right.display_number if right else "")
