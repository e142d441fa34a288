"""Valuation use cases: record a valuation (of a right or a package), its history, the current one, the settings.

A revaluation is a new record; nothing is overwritten, so the history shows every value a right has had.
Every command checks ``Action.RECORD_VALUATION`` (the settings ``ADMINISTER``), runs in one transaction and
writes one audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.shared.changes import Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import DomainError, NotFound, Problem, ValidationError
from ipdesk.domain.valuation.ltv import LtvAssessment
from ipdesk.domain.valuation.settings import ValuationSettings, check_settings
from ipdesk.domain.valuation.valuation import (
    Valuation,
    ValuationMethod,
    ValuedRight,
    check_valuation,
    current,
    label,
)
from ipdesk.services import audit
from ipdesk.services.pledges.inputs import resolve_party
from ipdesk.services.uow import changes_so_far, note, reading, reported, transaction
from ipdesk.storage.schema import PartyRow, RightRow, SettingRow
from ipdesk.storage.valuation.tables import ValuationRightRow, ValuationRow

ENTITY = "valuation"
_SETTINGS_KEY = "valuation"


def valuation_from_row(row: ValuationRow, rights: dict[int, RightRow], evaluator: str) -> Valuation:
    valued = tuple(ValuedRight(r.right_id, rights[r.right_id].display_number, rights[r.right_id].kind)
                   for r in row.rights)
    return Valuation(row.id, valued, ValuationMethod(row.method), row.evaluator_id, evaluator, row.value,
                     row.forced_sale_value, row.value_date, row.valid_until, row.report_no, row.notes,
                     row.recorded_by, row.created_at)


def load_valuations(session: Session, rows: Iterable[ValuationRow]) -> list[Valuation]:
    """Rows → records, with the rights' numbers and the evaluators' names read in two queries."""
    rows = list(rows)
    right_ids = {r.right_id for row in rows for r in row.rights}
    party_ids = {row.evaluator_id for row in rows}
    rights = {r.id: r for r in session.execute(select(RightRow).where(RightRow.id.in_(right_ids))).scalars()}
    names = {pid: name for pid, name in
             session.execute(select(PartyRow.id, PartyRow.name).where(PartyRow.id.in_(party_ids)))}
    return [valuation_from_row(row, rights, names.get(row.evaluator_id, "")) for row in rows]


def valuations_of(session: Session, right_ids: Iterable[int]) -> list[Valuation]:
    """Every valuation covering any of ``right_ids`` (a package once), oldest first."""
    ids = list(right_ids)
    covering = select(ValuationRightRow.valuation_id).where(ValuationRightRow.right_id.in_(ids))
    rows = session.execute(select(ValuationRow).where(ValuationRow.id.in_(covering))
                           .options(selectinload(ValuationRow.rights))
                           .order_by(ValuationRow.value_date, ValuationRow.id)).scalars()
    return load_valuations(session, rows)


def _snapshot(v: Valuation) -> dict[str, Any]:
    return v.to_json()


class ValuationService:
    """Valuations and their settings. Reads open their own session; commands their own transaction."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    # --- settings ------------------------------------------------------------------------------------

    def settings(self, session: Session | None = None) -> ValuationSettings:
        if session is None:
            with reading(self.engine) as s:
                return self.settings(s)
        row = session.get(SettingRow, _SETTINGS_KEY)
        return ValuationSettings.from_json(json.loads(row.value)) if row is not None and row.value \
            else ValuationSettings()

    def save_settings(self, actor: Actor, settings: ValuationSettings) -> Changes:
        actor.require(Action.ADMINISTER)
        problems = check_settings(settings)
        if problems:
            raise ValidationError(problems)
        with transaction(self.engine, self.clock) as session:
            before = self.settings(session).to_json()
            row = session.get(SettingRow, _SETTINGS_KEY) or SettingRow(key=_SETTINGS_KEY)
            row.value = audit.canonical_json(settings.to_json())
            session.add(row)
            audit.record(session, actor, "settings.valuation", "settings", None, "修改评估与质押率设置",
                         before, settings.to_json())
            return changes_so_far(session)

    # --- commands ------------------------------------------------------------------------------------

    def add(self, actor: Actor, data: dict[str, Any]) -> Valuation:
        """Record a valuation; ``data``: ``rights`` (numbers in any accepted form, or ids), ``evaluator``
        (party id, ``"#id"``, USCC or exact name), ``method``, ``value``, ``forced_sale_value``,
        ``value_date``, ``valid_until``, ``report_no``, ``notes``. Bad input raises ValidationError and writes
        nothing."""
        actor.require(Action.RECORD_VALUATION)
        with transaction(self.engine, self.clock) as session:
            return self.add_in(session, actor, data)

    def add_in(self, session: Session, actor: Actor, data: dict[str, Any]) -> Valuation:
        actor.require(Action.RECORD_VALUATION)
        checked, problems = check_valuation(data, self.clock.today(), self.settings(session).validity_months)
        rights = self._rights(session, data.get("rights"), problems)
        evaluator = self._evaluator(session, data.get("evaluator"), problems)
        if problems:
            raise ValidationError(problems)
        assert checked is not None and evaluator is not None
        row = ValuationRow(method=checked.method.value, evaluator_id=evaluator.id, value=checked.value,
                           forced_sale_value=checked.forced_sale_value, value_date=checked.value_date,
                           valid_until=checked.valid_until, report_no=checked.report_no, notes=checked.notes,
                           recorded_by=actor.username)
        row.rights = [ValuationRightRow(right_id=r.id, position=i) for i, r in enumerate(rights)]
        session.add(row)
        session.flush()
        record = valuation_from_row(row, {r.id: r for r in rights}, evaluator.name)
        numbers = "、".join(r.number for r in record.rights)
        audit.record(session, actor, "valuation.add", ENTITY, row.id, f"评估 {numbers}：{record.value:.2f} 元",
                     None, _snapshot(record))
        note(session, "rights", *record.right_ids)
        return reported(session, record)

    @staticmethod
    def _rights(session: Session, given: Any, problems: list[Problem]) -> list[RightRow]:
        items = [given] if isinstance(given, (str, int)) else list(given or [])
        if not [i for i in items if clean(i)]:
            problems.append(Problem("valuation.no_rights", "rights"))
            return []
        found: list[RightRow] = []
        for item in items:
            row = None
            if isinstance(item, int):
                row = session.get(RightRow, item)
                key: Any = item
            else:
                try:
                    parsed = parse_right_number(clean(item))
                except DomainError as err:
                    problems.extend(err.problems)
                    continue
                key = parsed.display
                row = session.execute(select(RightRow).where(RightRow.number == parsed.number)).scalar_one_or_none()
            if row is None:
                problems.append(Problem("not_found", "rights", {"what": "权利", "key": key}))
            elif row in found:
                problems.append(Problem("valuation.duplicate_right", "rights", {"number": row.display_number}))
            else:
                found.append(row)
        return found

    @staticmethod
    def _evaluator(session: Session, given: Any, problems: list[Problem]) -> PartyRow | None:
        """The evaluator from an id (a JSON integer or ``"#id"``), a USCC or an exact name (as the pledge
        forms name parties: a string of digits is a USCC, never an id)."""
        if isinstance(given, str) and not clean(given) or given is None:
            problems.append(Problem("required", "evaluator", {"label": label("evaluator")}))
            return None
        party_id = resolve_party(session, given)
        row = session.get(PartyRow, party_id) if party_id is not None else None
        if row is None:
            problems.append(Problem("not_found", "evaluator", {"what": "当事人", "key": clean(given)}))
        return row

    # --- reads ---------------------------------------------------------------------------------------

    def get(self, valuation_id: int) -> Valuation:
        with reading(self.engine) as session:
            row = session.get(ValuationRow, valuation_id, options=[selectinload(ValuationRow.rights)])
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "评估记录", "key": valuation_id}))
            return load_valuations(session, [row])[0]

    def for_right(self, right_id: int) -> list[Valuation]:
        """The right's valuations, its packages' included, newest first (the history)."""
        with reading(self.engine) as session:
            return list(reversed(valuations_of(session, [right_id])))

    def pledge_ltv(self, pledge_id: int) -> LtvAssessment:
        """The pledge's loan-to-value line today: secured amount ÷ current value, with its warnings."""
        from ipdesk.services.valuation.ltv import pledge_ltv_in

        with reading(self.engine) as session:
            return pledge_ltv_in(session, pledge_id, self.clock.today(), self.settings(session))

    def current_for_right(self, right_id: int) -> Valuation | None:
        """The latest valuation of the right still valid today (None: none, or every one expired)."""
        return current(self.for_right(right_id), self.clock.today())
