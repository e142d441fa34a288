"""Parties register use cases: add, edit, find, page through; every change audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from ipdesk.domain.registry.names import name_key
from ipdesk.domain.registry.parties import Party
from ipdesk.domain.registry.party_input import PartyInput, check_party
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import ConcurrentModification, NotFound, Problem, ValidationError
from ipdesk.services import audit, pledge_grouping
from ipdesk.services.audit import AuditEntry
from ipdesk.services.paging import Column, Query
from ipdesk.services.uow import reading, reported, transaction
from ipdesk.storage.registry.mappers import party_from_row
from ipdesk.storage.schema import PartyRow, RightOwnerRow

ENTITY = "party"


def _apply(row: PartyRow, data: PartyInput) -> None:
    row.kind = data.kind.value
    row.name = data.name
    row.name_key = name_key(data.name)
    row.uscc = data.uscc or None
    row.id_number = data.id_number
    row.address = data.address
    row.contact = data.contact
    row.phone = data.phone
    row.region = data.region
    row.notes = data.notes


def snapshot(row: PartyRow) -> dict[str, Any]:
    return {
        "kind": row.kind, "name": row.name, "uscc": row.uscc or "", "id_number": row.id_number,
        "address": row.address, "contact": row.contact, "phone": row.phone, "region": row.region,
        "notes": row.notes,
    }


class PartyService:
    """Use cases of the parties register. Every method opens its own transaction."""

    columns = (
        Column("name", "名称", "Name"),
        Column("kind", "类型", "Kind"),
        Column("uscc", "统一社会信用代码", "USCC"),
        Column("region", "行政区划", "Region"),
        Column("address", "地址", "Address", sortable=False),
    )
    _sortable = {"name": PartyRow.name, "kind": PartyRow.kind, "uscc": PartyRow.uscc, "region": PartyRow.region}

    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    # --- validation -------------------------------------------------------------------------
    def validate(self, data: dict[str, Any], party_id: int | None = None) -> list[Problem]:
        """Every problem with ``data`` (including a USCC already used by another party)."""
        parsed, problems = check_party(data)
        if parsed is None:
            return problems
        with reading(self.engine) as session:
            return self._uniqueness(session, parsed, party_id)

    def _uniqueness(self, session: Session, data: PartyInput, party_id: int | None) -> list[Problem]:
        if not data.uscc:
            return []
        other = session.execute(select(PartyRow).where(PartyRow.uscc == data.uscc)).scalar_one_or_none()
        if other is not None and other.id != party_id:
            return [Problem("party.uscc_taken", "uscc", {"uscc": data.uscc, "name": other.name})]
        return []

    def _parse(self, session: Session, data: dict[str, Any], party_id: int | None) -> PartyInput:
        parsed, problems = check_party(data)
        if parsed is not None:
            problems = self._uniqueness(session, parsed, party_id)
        if problems or parsed is None:
            raise ValidationError(problems)
        return parsed

    # --- commands ---------------------------------------------------------------------------
    def create(self, actor: Actor, data: dict[str, Any]) -> Party:
        actor.require(Action.EDIT_PARTIES)
        with transaction(self.engine, self.clock) as session:
            return reported(session, self.create_in(session, actor, data))

    def create_in(self, session: Session, actor: Actor, data: dict[str, Any], row_no: int | None = None) -> Party:
        """Create inside the caller's transaction (bulk import)."""
        parsed = self._parse(session, data, None)
        row = PartyRow()
        _apply(row, parsed)
        session.add(row)
        session.flush()
        audit.record(session, actor, "party.create", ENTITY, row.id, f"新增当事人 {row.name}", None, snapshot(row))
        return party_from_row(row)

    def update(self, actor: Actor, party_id: int, data: dict[str, Any], expected_version: int | None = None) -> Party:
        actor.require(Action.EDIT_PARTIES)
        with transaction(self.engine, self.clock) as session:
            row = session.get(PartyRow, party_id, with_for_update=True)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "当事人", "key": party_id}))
            if expected_version is not None and row.version != expected_version:
                raise ConcurrentModification(Problem("stale"))
            parsed = self._parse(session, data, party_id)
            before = snapshot(row)
            old_name = row.name
            _apply(row, parsed)
            after = snapshot(row)
            if before == after:
                return party_from_row(row)
            row.version += 1
            session.flush()
            if before["region"] != after["region"]:  # the statistics' copy on the pledges naming it first
                pledge_grouping.refresh_region_of_party(session, row.id, row.region)
            audit.record(session, actor, "party.update", ENTITY, row.id, f"修改当事人 {row.name}", before, after)
            if old_name != row.name:
                from ipdesk.services.registry.rights import reindex_rights_of_party

                reindex_rights_of_party(session, row.id)
            return reported(session, party_from_row(row))

    # --- queries ----------------------------------------------------------------------------
    def get(self, party_id: int) -> Party:
        with reading(self.engine) as session:
            row = session.get(PartyRow, party_id)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "当事人", "key": party_id}))
            return party_from_row(row)

    def by_uscc(self, uscc: str) -> Party | None:
        with reading(self.engine) as session:
            row = session.execute(select(PartyRow).where(PartyRow.uscc == uscc)).scalar_one_or_none()
            return party_from_row(row) if row else None

    def find(self, text: str, limit: int = 20) -> list[Party]:
        """Parties whose name, similar name or USCC matches ``text`` (for pickers and searches)."""
        text = text.strip()
        if not text:
            return []
        with reading(self.engine) as session:
            stmt = select(PartyRow).where(self._match(text)).order_by(PartyRow.name).limit(limit)
            return [party_from_row(r) for r in session.execute(stmt).scalars()]

    def _match(self, text: str):
        key = name_key(text)
        # autoescape: a % or _ in what was typed is that character, not a wildcard.
        clauses = [PartyRow.name.contains(text, autoescape=True), PartyRow.uscc == text.upper()]
        if key:
            clauses.append(PartyRow.name_key.contains(key, autoescape=True))
        return or_(*clauses)

    def rights_count(self, party_id: int) -> int:
        with reading(self.engine) as session:
            return int(session.execute(
                select(func.count()).select_from(RightOwnerRow).where(RightOwnerRow.party_id == party_id)
            ).scalar_one())

    def history(self, party_id: int) -> list[AuditEntry]:
        return audit.AuditService(self.engine).history(ENTITY, party_id)

    # --- PageSource -------------------------------------------------------------------------
    def _filtered(self, query: Query):
        stmt = select(PartyRow)
        if query.search.strip():
            stmt = stmt.where(self._match(query.search.strip()))
        kind = query.filters.get("kind")
        if kind:
            stmt = stmt.where(PartyRow.kind == kind)
        return stmt

    def count(self, query: Query) -> int:
        with reading(self.engine) as session:
            sub = self._filtered(query).with_only_columns(PartyRow.id).subquery()
            return int(session.execute(select(func.count()).select_from(sub)).scalar_one())

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        key = self._sortable.get(query.sort_key, PartyRow.name)
        order = [key.desc() if query.descending else key.asc(), PartyRow.id]
        with reading(self.engine) as session:
            rows = session.execute(self._filtered(query).order_by(*order).offset(offset).limit(limit)).scalars()
            return [
                {
                    "id": r.id, "name": r.name, "kind": r.kind,
                    "kind_value": r.kind, "uscc": r.uscc or r.id_number, "region": r.region, "address": r.address,
                }
                for r in rows
            ]
