"""Rights register use cases: add, edit, look up by any number form, search and page; audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine, bindparam, literal_column, select, text, union
from sqlalchemy.orm import Session, selectinload

from ipdesk.domain.registry.right_input import RightInput, check_right
from ipdesk.domain.registry.rights import LegalStatus, Right, RightKind
from ipdesk.domain.registry.terms import default_fees_paid_through, next_fee_anniversary
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import ConcurrentModification, NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.domain.shared.textsearch import index_document
from ipdesk.services import audit, pledge_grouping
from ipdesk.services.audit import AuditEntry
from ipdesk.services.paging import Column, Query
from ipdesk.services.registry.status import STORED, StatusFacts, StatusSource, resolve
from ipdesk.services.registry.status_filter import status_condition, status_count
from ipdesk.services.uow import note, reading, reported, transaction
from ipdesk.storage.registry import search
from ipdesk.storage.registry.mappers import nice_to_text, right_from_row
from ipdesk.storage.schema import PartyRow, RightOwnerRow, RightRow, RightSearchRow

ENTITY = "right"

register(
    {
        "right.owners_pledged": (
            "{number} 正在质押中（登记号 {registration_no}），权利人变更属于转让，"
            "须经质权人同意并按转让登记（民法典第四百四十四条）",
            "{number} is pledged ({registration_no}): a change of owner is a transfer and needs the pledgee's consent "
            "(Civil Code 444); record it as a transfer",
        ),
    }
)
OWNER_SEPARATOR = "；"


def search_document(row: RightRow) -> str:
    return index_document(row.title, row.owner_names, row.product)


def snapshot(row: RightRow) -> dict[str, Any]:
    """The audited state of a right (what history shows as before → after)."""
    return {
        "kind": row.kind,
        "number": row.number,
        "title": row.title,
        "legal_status": row.legal_status,
        "filing_date": row.filing_date,
        "grant_date": row.grant_date,
        "registration_date": row.registration_date,
        "publication_date": row.publication_date,
        "expiry_date": row.expiry_date,
        "term_extension_days": row.term_extension_days,
        "renewals": row.renewals,
        "invalidation_requested": row.invalidation_requested,
        "ownership_dispute": row.ownership_dispute,
        "court_preservation": row.court_preservation,
        "nice_classes": row.nice_classes,
        "similarity_group": row.similarity_group,
        "ipc_main": row.ipc_main,
        "product": row.product,
        "same_day_twin": row.same_day_twin,
        "fee_reduction": row.fee_reduction,
        "fees_paid_through": row.fees_paid_through,
        "notes": row.notes,
        "owners": [{"party_id": o.party_id, "name": o.party.name, "share": str(o.share)} for o in row.owners],
    }


def _apply(session: Session, row: RightRow, data: RightInput, today: date) -> None:
    for field in (
        "number",
        "display_number",
        "title",
        "filing_date",
        "grant_date",
        "registration_date",
        "publication_date",
        "expiry_date",
        "term_extension_days",
        "renewals",
        "invalidation_requested",
        "ownership_dispute",
        "court_preservation",
        "similarity_group",
        "ipc_main",
        "product",
        "same_day_twin",
        "notes",
    ):
        setattr(row, field, getattr(data, field))
    row.kind = data.kind.value
    row.legal_status = data.legal_status.value
    _apply_fees(row, data, today)
    row.nice_classes = nice_to_text(data.nice_classes)
    wanted = [(o.party_id, o.share) for o in data.owners]
    current = [(o.party_id, o.share) for o in row.owners]
    if wanted != current:
        row.owners.clear()
        session.flush()
        for position, (party_id, share) in enumerate(wanted):
            row.owners.append(RightOwnerRow(party_id=party_id, share=share, position=position))
    names = [session.get(PartyRow, o.party_id).name for o in data.owners]  # type: ignore[union-attr]
    row.owner_names = OWNER_SEPARATOR.join(names)


def fee_values(data: RightInput, today: date, paid_now: int | None = None
               ) -> tuple[int | None, int | None, date | None]:
    """(费减, last year paid, next fee anniversary) of a right stored from ``data``: a patent given no year
    keeps its own (``paid_now``), else takes the default for its status; other kinds track no fees. The
    form and the bulk import both store these, so an imported patent has the fees of one typed in."""
    if not data.kind.is_patent:
        return None, None, None
    paid = paid_now
    if data.fees_paid_through is not None:
        paid = data.fees_paid_through
    elif paid is None and data.grant_date is not None:
        paid = default_fees_paid_through(data.legal_status.value, data.filing_date, today)
    return data.fee_reduction, paid, next_fee_anniversary(data.kind, data.filing_date, paid)


def _apply_fees(row: RightRow, data: RightInput, today: date) -> None:
    row.fee_reduction, row.fees_paid_through, row.fees_next_due = fee_values(data, today, row.fees_paid_through)


def store_search(session: Session, row: RightRow) -> None:
    grams = search_document(row)
    doc = session.get(RightSearchRow, row.id)
    if doc is None:
        session.add(RightSearchRow(right_id=row.id, grams=grams))
    else:
        doc.grams = grams
    if search.document_in_rights(session.get_bind().dialect.name):
        row.grams = grams


def reindex_rights_of_party(session: Session, party_id: int) -> None:
    """A party was renamed: refresh the owner names and search documents of its rights."""
    ids = session.execute(select(RightOwnerRow.right_id).where(RightOwnerRow.party_id == party_id)).scalars().all()
    for right_id in ids:
        row = session.get(RightRow, right_id)
        assert row is not None
        row.owner_names = OWNER_SEPARATOR.join(o.party.name for o in row.owners)
        store_search(session, row)
        note(session, "rights", right_id)


class RightService:
    """Use cases of the rights register. Every method opens its own transaction."""

    columns = (
        Column("display_number", "编号", "Number"),
        Column("title", "名称", "Title"),
        Column("kind", "类型", "Kind"),
        Column("owner_names", "权利人", "Owners"),
        Column("legal_status", "法律状态", "Legal status"),
        Column("filing_date", "申请日", "Filing date"),
        Column("expiry_date", "届满日", "Expiry"),
    )
    _sortable = {
        "display_number": RightRow.number,
        "number": RightRow.number,
        "title": RightRow.title,
        "kind": RightRow.kind,
        "owner_names": RightRow.owner_names,
        "legal_status": RightRow.legal_status,
        "filing_date": RightRow.filing_date,
        "expiry_date": RightRow.expiry_date,
    }

    def __init__(self, engine: Engine, *, clock: Clock | None = None, status: StatusSource = STORED):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        #: Where legal status comes from (the workstation plugs in the annual-fee engine for patents).
        self.status: StatusSource = status
        #: Checks later contexts add to an edit (``guard(session, row, new_input)`` raises a refusal): the
        #: register cannot import them (rights-protection custody keeps the invalidation flag while a request
        #: is open).
        self.edit_guards: list[Callable[[Session, RightRow, RightInput], None]] = []

    def _out(self, *rows: RightRow) -> list[Right]:
        """Rows as rights, their legal status from :attr:`status` as of today."""
        return resolve(self.status, [right_from_row(r) for r in rows], self.clock.today())

    # --- validation -------------------------------------------------------------------------
    def validate(self, data: dict[str, Any], right_id: int | None = None) -> list[Problem]:
        parsed, problems = check_right(data)
        if parsed is None:
            return problems
        with reading(self.engine) as session:
            return self._db_checks(session, parsed, right_id)

    def _db_checks(self, session: Session, data: RightInput, right_id: int | None) -> list[Problem]:
        problems = []
        other = session.execute(select(RightRow).where(RightRow.number == data.number)).scalar_one_or_none()
        if other is not None and other.id != right_id:
            problems.append(
                Problem("right.number_taken", "number", {"number": other.display_number, "title": other.title})
            )
        for owner in data.owners:
            if session.get(PartyRow, owner.party_id) is None:
                problems.append(Problem("right.owner_unknown", "owners", {"key": owner.party_id}))
        return problems

    def _parse(self, session: Session, data: dict[str, Any], right_id: int | None) -> RightInput:
        parsed, problems = check_right(data)
        if parsed is not None:
            problems = self._db_checks(session, parsed, right_id)
        if problems or parsed is None:
            raise ValidationError(problems)
        return parsed

    # --- commands ---------------------------------------------------------------------------
    def create(self, actor: Actor, data: dict[str, Any]) -> Right:
        actor.require(Action.EDIT_RIGHTS)
        with transaction(self.engine, self.clock) as session:
            return reported(session, self.create_in(session, actor, data))

    def create_in(self, session: Session, actor: Actor, data: dict[str, Any]) -> Right:
        """Create inside the caller's transaction (bulk import, registration on the spot)."""
        parsed = self._parse(session, data, None)
        row = RightRow()
        session.add(row)
        _apply(session, row, parsed, self.clock.today())
        session.flush()
        store_search(session, row)
        audit.record(
            session,
            actor,
            "right.create",
            ENTITY,
            row.id,
            f"新增权利 {row.display_number} {row.title}",
            None,
            snapshot(row),
        )
        return self._out(row)[0]

    def update(self, actor: Actor, right_id: int, data: dict[str, Any], expected_version: int | None = None) -> Right:
        actor.require(Action.EDIT_RIGHTS)
        with transaction(self.engine, self.clock) as session:
            row = session.get(RightRow, right_id, with_for_update=True)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "权利", "key": right_id}))
            if expected_version is not None and row.version != expected_version:
                raise ConcurrentModification(Problem("stale"))
            before = snapshot(row)
            parsed = self._parse(session, data, right_id)
            self._guard_pledged_owners(session, row, parsed)
            for guard in self.edit_guards:
                guard(session, row, parsed)
            _apply(session, row, parsed, self.clock.today())
            session.flush()
            after = snapshot(row)
            if before == after:
                return self._out(row)[0]
            row.version += 1
            store_search(session, row)
            if before["kind"] != after["kind"]:  # the statistics' copy on the pledges holding it
                pledge_grouping.refresh_kinds_of_right(session, row.id)
            audit.record(
                session, actor, "right.update", ENTITY, row.id, f"修改权利 {row.display_number}", before, after
            )
            return reported(session, self._out(row)[0])

    @staticmethod
    def _guard_pledged_owners(session: Session, row: RightRow, data: RightInput) -> None:
        """Civil Code 444: while the right is pledged, a change of owner is a transfer, which needs the
        pledgee's consent and is recorded through PledgeService.record_transaction, not by editing."""
        from ipdesk.storage.schema import PledgeRightRow, PledgeRow

        if sorted((o.party_id, o.share) for o in row.owners) == sorted((o.party_id, o.share) for o in data.owners):
            return
        reg = session.execute(
            select(PledgeRow.registration_no)
            .join(PledgeRightRow, PledgeRightRow.pledge_id == PledgeRow.id)
            .where(PledgeRightRow.active_right_id == row.id)
        ).scalar_one_or_none()
        if reg is not None:
            raise RuleRefusal(
                Problem("right.owners_pledged", "owners", {"number": row.display_number, "registration_no": reg})
            )

    # --- queries ----------------------------------------------------------------------------
    def get(self, right_id: int) -> Right:
        with reading(self.engine) as session:
            row = session.get(
                RightRow, right_id, options=[selectinload(RightRow.owners).selectinload(RightOwnerRow.party)]
            )
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "权利", "key": right_id}))
            return self._out(row)[0]

    def get_by_number(self, number_text: str) -> Right:
        """Look a right up by any accepted form of its number; raises ValidationError / NotFound."""
        from ipdesk.domain.registry.identifiers import parse_right_number

        parsed = parse_right_number(number_text)
        with reading(self.engine) as session:
            row = session.execute(select(RightRow).where(RightRow.number == parsed.number)).scalar_one_or_none()
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "权利", "key": parsed.display}))
            return self._out(row)[0]

    def find_by_numbers(self, numbers: list[str]) -> dict[str, Right]:
        """Rights by canonical number (missing numbers are simply absent)."""
        with reading(self.engine) as session:
            rows = session.execute(select(RightRow).where(RightRow.number.in_(numbers))).scalars()
            return {r.number: r for r in self._out(*rows)}

    def history(self, right_id: int) -> list[AuditEntry]:
        return audit.AuditService(self.engine).history(ENTITY, right_id)

    # --- PageSource -------------------------------------------------------------------------
    def _filtered(self, query: Query, columns):
        from ipdesk.domain.registry.identifiers import number_search_key

        stmt = select(*columns)
        words = query.search.strip()
        if words:
            dialect = self.engine.dialect.name
            found = search.matching_right_ids(dialect, words)
            parts: list[Any] = []
            prefix = number_search_key(words)
            if prefix:
                parts.append(
                    select(RightRow.id).where(RightRow.number >= prefix, RightRow.number < prefix + "\U0010ffff")
                )
            if found is not None and not prefix:
                sql, params = found
                parts.append(text(sql).bindparams(**params).columns(literal_column("id")))
            if not parts:
                return stmt.where(literal_column("1") == 0)
            stmt = stmt.where(RightRow.id.in_(parts[0] if len(parts) == 1 else union(*parts)))
        for key, value in query.filters.items():
            if not value:
                continue
            if key == "kind":
                stmt = stmt.where(RightRow.kind == value)
            elif key == "legal_status":
                stmt = stmt.where(status_condition(value, self.status.bounds(self.clock.today())))
            elif key == "owner":
                stmt = stmt.where(
                    RightRow.id.in_(select(RightOwnerRow.right_id).where(RightOwnerRow.party_id == int(value)))
                )
            elif key == "flagged":
                stmt = stmt.where(
                    RightRow.invalidation_requested | RightRow.ownership_dispute | RightRow.court_preservation
                )
            elif key == "expires_before":
                stmt = stmt.where(RightRow.expiry_date < date.fromisoformat(value))
        return stmt

    def _count_filters(self, filters: dict[str, Any]) -> dict[str, Any]:
        """The filters as a cache key: a legal-status filter's matches change with the day (a patent's late
        period ends at midnight) without any write, so the day is part of its key."""
        if "legal_status" in filters:
            return {**filters, "as_of": self.clock.today().isoformat()}
        return filters

    def count(self, query: Query) -> int:
        """Rights matching ``query``; a text search counts at most ``search.SEARCH_COUNT_CAP`` (cached per
        data version: the lazy table asks on every reset)."""
        from ipdesk.domain.registry.identifiers import number_search_key

        words = query.search.strip()
        prefix = number_search_key(words) if words else None
        filters = {k: v for k, v in query.filters.items() if v}
        with reading(self.engine) as session:
            conn = session.connection()
            filtered = self._filtered(Query(filters=filters), [RightRow.id]) if filters else None
            return search.cached_count(
                conn,
                search.rights_count_key(words, self._count_filters(filters)),
                lambda: self._count(conn, words, prefix, filters, filtered),
            )

    def _count(self, conn: Any, words: str, prefix: str | None, filters: dict[str, Any], filtered: Any) -> int:
        if not words and list(filters) == ["legal_status"]:
            bounds = self.status.bounds(self.clock.today())
            quick = status_count(conn, filters["legal_status"], bounds) if bounds is not None else None
            if quick is not None:
                return quick
        return search.count_rights(conn, words, prefix, filtered, RightRow.id, RightRow.number)

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        from ipdesk.domain.registry.identifiers import number_search_key

        key = self._sortable.get(query.sort_key, RightRow.number)
        cols = [
            RightRow.id,
            RightRow.kind,
            RightRow.number,
            RightRow.display_number,
            RightRow.title,
            RightRow.owner_names,
            RightRow.legal_status,
            RightRow.filing_date,
            RightRow.expiry_date,
            RightRow.invalidation_requested,
            RightRow.ownership_dispute,
            RightRow.court_preservation,
            RightRow.grant_date,
            RightRow.fees_paid_through,
        ]
        words = query.search.strip()
        prefix = number_search_key(words) if words else None
        filters = {k: v for k, v in query.filters.items() if v}
        with reading(self.engine) as session:
            conn = session.connection()
            filtered = self._filtered(Query(filters=filters), [RightRow.id]) if filters else None
            version = search.data_version(conn)

            def counter(w: str, p: str | None, f: Any) -> int:
                return search.count_rights(conn, w, p, f, RightRow.id, RightRow.number)

            matches = search.cached_count(
                conn, search.rights_count_key(words, self._count_filters(filters)),
                lambda: self._count(conn, words, prefix, filters, filtered), version
            )
            total = (
                matches
                if not words and not filters
                else search.cached_count(
                    conn, search.rights_count_key("", {}), lambda: counter("", None, None), version
                )
            )
            # First the page's ids (a narrow, index-only walk), then only those rows.
            ids = search.page_right_ids(
                conn,
                words=words,
                number_prefix=prefix,
                filtered=filtered,
                id_column=RightRow.id,
                number_column=RightRow.number,
                key=key,
                descending=query.descending,
                offset=max(0, offset),
                limit=limit,
                matches=matches,
                total=total,
                query_key=search.rights_count_key(words, self._count_filters(filters)),
                version=version,
            )
            found: Any = (
                conn.execute(select(*cols).where(RightRow.id.in_(bindparam("ids", expanding=True))), {"ids": ids})
                if ids
                else []
            )
            by_id = {r[0]: r for r in (found.all() if ids else ())}
            rows = [by_id[i] for i in ids if i in by_id]
        # Stored values only: the front end labels them in its reader's language (KIND_LABELS,
        # STATUS_LABELS in the domain).
        statuses = self.status.statuses(
            [StatusFacts(RightKind(r[1]), LegalStatus(r[6]), r[7], r[12], r[13]) for r in rows], self.clock.today()
        )
        out = []
        for row, (resolved, terminated) in zip(rows, statuses, strict=True):
            rid, kind, number, display, title, owners, _stored, filing, expiry, invalid, dispute, court = row[:12]
            status = resolved.value
            out.append(
                {
                    "id": rid,
                    "number": number,
                    "display_number": display,
                    "title": title,
                    "kind": kind,
                    "kind_value": kind,
                    "owner_names": owners,
                    "legal_status": status,
                    "status_value": status,
                    "filing_date": filing,
                    "expiry_date": expiry,
                    "flagged": bool(invalid or dispute or court),
                    "terminated_on": terminated,
                }
            )
        return out
