"""Value-analysis use cases: weight sets with an effective date (an office setting) and scored sheets.

A sheet is scored with the weights in force on its date and keeps its degrees: a later weight set changes
no stored sheet. Recording a weight set needs ``Action.ADMINISTER``, scoring ``Action.RECORD_VALUATION``.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean, parse_date
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import DomainError, NotFound, Problem, ValidationError
from ipdesk.domain.valuation.scoresheet import (
    ScoreResult,
    ValueAnalysis,
    WeightSet,
    check_scored_on,
    parse_scores,
    parse_weights,
    score_sheet,
    weights_on,
)
from ipdesk.services import audit
from ipdesk.services.uow import note, reading, reported, transaction
from ipdesk.storage.schema import RightRow
from ipdesk.storage.valuation.tables import ValuationRightRow, ValuationRow, ValueAnalysisRow, ValueWeightSetRow

ENTITY = "value_analysis"


def _weight_set(row: ValueWeightSetRow) -> WeightSet:
    data = json.loads(row.weights)
    return WeightSet(row.effective_from, {k: Decimal(v) for k, v in data["degrees"].items()},
                     {k: Decimal(v) for k, v in data["indicators"].items()}, row.id)


class ValueAnalysisService:
    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    # --- weights -------------------------------------------------------------------------------------

    def weight_sets(self, session: Session | None = None) -> list[WeightSet]:
        """The stored weight sets, oldest first (the built-in set is not among them)."""
        if session is None:
            with reading(self.engine) as s:
                return self.weight_sets(s)
        rows = session.execute(select(ValueWeightSetRow).order_by(ValueWeightSetRow.effective_from)).scalars()
        return [_weight_set(r) for r in rows]

    def weights_on(self, day: date, session: Session | None = None) -> WeightSet:
        return weights_on(self.weight_sets(session), day)

    def add_weight_set(self, actor: Actor, data: dict[str, Any]) -> WeightSet:
        """``data``: ``effective_from``, ``degrees`` and ``indicators`` (code → weight); each group must add up
        to exactly 1, else ValidationError and nothing is written."""
        actor.require(Action.ADMINISTER)
        effective_from, problems = parse_date(data.get("effective_from"), "effective_from", "生效日期")
        if effective_from is None and not problems:
            problems = [Problem("required", "effective_from", {"label": "生效日期"})]
        weights, found = parse_weights(effective_from or date.min, data.get("degrees") or {},
                                       data.get("indicators") or {})
        problems += found
        if problems:
            raise ValidationError(problems)
        assert weights is not None and effective_from is not None
        with transaction(self.engine, self.clock) as session:
            taken = select(ValueWeightSetRow.id).where(ValueWeightSetRow.effective_from == effective_from)
            if session.execute(taken).first() is not None:
                raise ValidationError(Problem("value.weights_taken", "effective_from",
                                              {"effective_from": effective_from.isoformat()}))
            body = weights.to_json()
            del body["id"], body["effective_from"]
            row = ValueWeightSetRow(effective_from=effective_from, weights=audit.canonical_json(body),
                                    recorded_by=actor.username)
            session.add(row)
            session.flush()
            stored = _weight_set(row)
            audit.record(session, actor, "valuation.weights", "settings", row.id,
                         f"价值分析权重（{effective_from.isoformat()} 起）", None, stored.to_json())
            return stored

    # --- score sheets --------------------------------------------------------------------------------

    def score(self, actor: Actor, data: dict[str, Any]) -> ValueAnalysis:
        """Score a sheet: ``right`` (number) and/or ``valuation`` (id), ``scored_on`` (default today, not after
        it), ``scores`` (every sub-indicator, 0–100), ``notes``."""
        actor.require(Action.RECORD_VALUATION)
        today = self.clock.today()
        scored_on, problems = check_scored_on(data.get("scored_on"), today)
        scores, found = parse_scores(data.get("scores") or {})
        problems += found
        with transaction(self.engine, self.clock) as session:
            right, valuation = self._subject(session, data, problems)
            if problems:
                raise ValidationError(problems)
            assert scores is not None and scored_on is not None
            weights = self.weights_on(scored_on, session)
            result = score_sheet(scores, weights)
            row = ValueAnalysisRow(right_id=right.id if right else None,
                                   valuation_id=valuation.id if valuation else None, weight_set_id=weights.id,
                                   scored_on=scored_on, scores=audit.canonical_json({k: str(v) for k, v in
                                                                                     scores.items()}),
                                   legal=result.degrees["legal"], technical=result.degrees["technical"],
                                   economic=result.degrees["economic"], value_degree=result.value_degree,
                                   notes=clean(data.get("notes")), analyst=actor.username)
            session.add(row)
            session.flush()
            record = self._record(session, row)
            audit.record(session, actor, "valuation.score", ENTITY, row.id,
                         f"价值分析 {record.right_number or '#' + str(row.valuation_id)}：价值度 {result.value_degree}",
                         None, record.to_json())
            note(session, "rights", *self._right_ids(session, row))
            return reported(session, record)

    @staticmethod
    def _subject(session: Session, data: dict[str, Any], problems: list[Problem]) -> tuple[
            RightRow | None, ValuationRow | None]:
        right = valuation = None
        number, valuation_id = clean(data.get("right")), clean(data.get("valuation"))
        if number:
            try:
                parsed = parse_right_number(number)
                right = session.execute(select(RightRow).where(RightRow.number == parsed.number)).scalar_one_or_none()
                if right is None:
                    problems.append(Problem("not_found", "right", {"what": "权利", "key": parsed.display}))
            except DomainError as err:
                problems.extend(err.problems)
        if valuation_id:
            valuation = session.get(ValuationRow, int(valuation_id)) if valuation_id.isdigit() else None
            if valuation is None:
                problems.append(Problem("not_found", "valuation", {"what": "评估记录", "key": valuation_id}))
        if not number and not valuation_id:
            problems.append(Problem("required", "right", {"label": "评估权利"}))
        return right, valuation

    @staticmethod
    def _right_ids(session: Session, row: ValueAnalysisRow) -> list[int]:
        if row.right_id is not None:
            return [row.right_id]
        return list(session.execute(select(ValuationRightRow.right_id)
                                    .where(ValuationRightRow.valuation_id == row.valuation_id)).scalars())

    @staticmethod
    def _record(session: Session, row: ValueAnalysisRow) -> ValueAnalysis:
        number = ""
        if row.right_id is not None:
            right = session.get(RightRow, row.right_id)
            number = right.display_number if right is not None else ""
        stored = session.get(ValueWeightSetRow, row.weight_set_id) if row.weight_set_id is not None else None
        weights = _weight_set(stored) if stored is not None else weights_on([], row.scored_on)
        result = ScoreResult({"legal": row.legal, "technical": row.technical, "economic": row.economic},
                             row.value_degree, weights)
        return ValueAnalysis(row.id, row.right_id, number, row.valuation_id, row.scored_on,
                             {k: Decimal(v) for k, v in json.loads(row.scores).items()}, result, row.notes, row.analyst)

    def for_right(self, right_id: int) -> list[ValueAnalysis]:
        """The right's sheets and those of the valuations covering it, newest first."""
        with reading(self.engine) as session:
            covering = select(ValuationRightRow.valuation_id).where(ValuationRightRow.right_id == right_id)
            rows = session.execute(select(ValueAnalysisRow).where(or_(
                ValueAnalysisRow.right_id == right_id, ValueAnalysisRow.valuation_id.in_(covering)))
                .order_by(ValueAnalysisRow.scored_on.desc(), ValueAnalysisRow.id.desc())).scalars()
            return [self._record(session, r) for r in rows]

    def get(self, analysis_id: int) -> ValueAnalysis:
        with reading(self.engine) as session:
            row = session.get(ValueAnalysisRow, analysis_id)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "价值分析", "key": analysis_id}))
            return self._record(session, row)
