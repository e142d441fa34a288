"""Pledge registration use cases: file, examine, correct, waive, register, refuse, change, extend, cancel.

Each command is one transaction with a permission check, a pledge event and an audit entry. The commands
live in ``registration``, ``amendments`` and ``transactions``; ``PledgeService`` combines them with the
queries below, and is what the workstation and the tests use.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from ipdesk.domain.pledges.application import PledgeApplication
from ipdesk.domain.pledges.examination.engine import Examination
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.problems import NotFound, Problem
from ipdesk.services import audit
from ipdesk.services.pledges.amendments import AmendmentCommands
from ipdesk.services.pledges.commands import ENTITY
from ipdesk.services.pledges.inputs import parse_application
from ipdesk.services.pledges.registration import RegistrationCommands
from ipdesk.services.pledges.transactions import TransactionCommands
from ipdesk.services.uow import reading
from ipdesk.storage.schema import PledgeEventRow, PledgeRow


class PledgeService(RegistrationCommands, AmendmentCommands, TransactionCommands):
    """Commands and queries of the pledge register."""

    # --- without storing ------------------------------------------------------------------------
    def parse(self, data: dict[str, Any], on: date | None = None) -> PledgeApplication:
        with reading(self.engine) as session:
            return parse_application(session, data, on or self.clock.today())

    def examine_data(self, data: dict[str, Any], as_of: date | None = None) -> Examination:
        """Examine an application that is not stored (CLI ``ipdesk examine``, the form's preview)."""
        with reading(self.engine) as session:
            app = parse_application(session, data, as_of or self.clock.today())
            return self._examine(session, app, as_of or self.clock.today())

    # --- queries --------------------------------------------------------------------------------
    def get(self, pledge_id: int) -> PledgeRecord:
        with reading(self.engine) as session:
            return self._record(session, self._row(session, pledge_id))

    def find(self, number: str) -> PledgeRecord:
        """By registration number or application number."""
        with reading(self.engine) as session:
            row = session.execute(select(PledgeRow).where(
                (PledgeRow.registration_no == number.strip()) | (PledgeRow.application_no == number.strip())
            )).scalar_one_or_none()
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "质押登记", "key": number}))
            return self._record(session, row)

    def events(self, pledge_id: int) -> list[dict[str, Any]]:
        with reading(self.engine) as session:
            rows = session.execute(select(PledgeEventRow).where(PledgeEventRow.pledge_id == pledge_id)
                                   .order_by(PledgeEventRow.id)).scalars()
            return [{"at": r.at, "on": r.on_date, "kind": r.kind, "actor": r.actor, "summary": r.summary,
                     "payload": json.loads(r.payload) if r.payload else None} for r in rows]

    def history(self, pledge_id: int) -> list[audit.AuditEntry]:
        return audit.AuditService(self.engine).history(ENTITY, pledge_id)

    def last_examination(self, pledge_id: int) -> dict[str, Any] | None:
        for event in reversed(self.events(pledge_id)):
            if event["kind"] == "examined":
                return event["payload"]
        return None

