"""The public register search: who has pledged what, now or as the register stood at a past date.

Names match exactly or "similarly" (legal-form suffixes, full/half width and common traditional
characters ignored, via :func:`ipdesk.domain.registry.names.name_key`). As-of searches use the legal dates:
a pledge is in the register at the end of day D when it was registered on or before D and not cancelled
by then; its parties, amount and rights are those frozen in its last registration, change or extension
event on or before D (see PledgeService._event), so a later change never rewrites the past.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from ipdesk.domain.notices.notice import SearchCertificate, SearchRow
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.registry.names import name_key
from ipdesk.domain.shared.clock import Clock
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services import audit
from ipdesk.services.notices.service import IssuedNotice, NoticeService, atomic_write, audit_position
from ipdesk.services.paging import Column, Query
from ipdesk.services.pledges.rows import pledge_state
from ipdesk.services.tables import Sheet, table_bytes
from ipdesk.services.uow import reading, reported, transaction
from ipdesk.storage.schema import PartyRow, PledgeEventRow, PledgePledgorRow, PledgeRightRow, PledgeRow, RightRow


@dataclass(frozen=True)
class SearchCriteria:
    """Everything a register search can ask; empty fields do not restrict."""

    name: str = ""  # pledgor or pledgee name
    similar: bool = True
    role: str = ""  # "", "pledgor", "pledgee"
    uscc: str = ""
    right_number: str = ""
    registration_no: str = ""
    registered_from: date | None = None
    registered_to: date | None = None
    status: str = ""  # "", "in_force" (registered, not cancelled), "cancelled"
    as_of: date | None = None  # None: now

    def describe(self) -> str:
        """Human description printed on the search certificate."""
        parts = []
        if self.name:
            who = {"pledgor": "出质人", "pledgee": "质权人"}.get(self.role, "出质人或质权人")
            parts.append(f"{who}：{self.name}" + ("（含近似名称）" if self.similar else "（精确）"))
        if self.uscc:
            parts.append(f"统一社会信用代码：{self.uscc}")
        if self.right_number:
            parts.append(f"权利号：{self.right_number}")
        if self.registration_no:
            parts.append(f"登记号：{self.registration_no}")
        if self.registered_from or self.registered_to:
            parts.append(f"登记日：{self.registered_from or '…'} 至 {self.registered_to or '…'}")
        if self.status:
            parts.append({"in_force": "状态：有效", "cancelled": "状态：已注销"}.get(self.status, self.status))
        return "；".join(parts) or "全部质押登记"

    @classmethod
    def from_query(cls, query: Query) -> SearchCriteria:
        f = dict(query.filters)

        def d(key: str) -> date | None:
            return date.fromisoformat(f[key]) if f.get(key) else None

        return cls(name=query.search.strip() or f.get("name", ""), similar=f.get("similar", "1") != "0",
                   role=f.get("role", ""), uscc=f.get("uscc", ""), right_number=f.get("right_number", ""),
                   registration_no=f.get("registration_no", ""), registered_from=d("registered_from"),
                   registered_to=d("registered_to"), status=f.get("status", ""), as_of=d("as_of"))


STATUS_TEXT = {"in_force": ("有效", "In force"), "cancelled": ("已注销", "Cancelled")}


def _name_matches(c: SearchCriteria, name: str) -> bool:
    if not c.similar:
        return name == c.name.strip()
    key = name_key(c.name)
    return key in name_key(name) if key else c.name in name


class RegisterSearch:
    """PageSource over registered pledges (the public register), with export and certificate."""

    columns = (
        Column("registration_no", "登记号", "Registration no."),
        Column("status", "状态", "Status", sortable=False),
        Column("pledgor_names", "出质人", "Pledgor"),
        Column("pledgee_name", "质权人", "Pledgee"),
        Column("rights", "权利", "Rights", sortable=False),
        Column("registered_on", "登记生效日", "Effective"),
        Column("cancelled_on", "注销日", "Cancelled", sortable=False),
        Column("secured_amount", "担保债权数额（元）", "Secured amount (yuan)", align_right=True),
    )
    _sortable = {"registration_no": PledgeRow.registration_no, "pledgor_names": PledgeRow.pledgor_names,
                 "pledgee_name": PledgeRow.pledgee_name, "registered_on": PledgeRow.registered_on,
                 "secured_amount": PledgeRow.secured_amount}

    def __init__(self, engine: Engine, notices: NoticeService, *, clock: Clock | None = None):
        self.engine = engine
        self.notices = notices
        self.clock: Clock = clock if clock is not None else notices.clock

    # --- SQL ----------------------------------------------------------------------------------------
    def _where(self, c: SearchCriteria) -> list[Any]:
        on = c.as_of or self.clock.today()
        cond: list[Any] = [PledgeRow.registered_on.is_not(None), PledgeRow.registered_on <= on]
        cancelled_by_then = and_(PledgeRow.cancelled_on.is_not(None), PledgeRow.cancelled_on <= on)
        if c.status == "in_force":
            cond.append(~cancelled_by_then)
        elif c.status == "cancelled":
            cond.append(cancelled_by_then)
        if c.name:
            if c.similar:
                key = name_key(c.name)
                # autoescape: % and _ in the name searched for are characters, not wildcards.
                party_match = (PartyRow.name_key.contains(key, autoescape=True) if key
                               else PartyRow.name.contains(c.name, autoescape=True))
            else:
                party_match = PartyRow.name == c.name.strip()
            parties = select(PartyRow.id).where(party_match)
            pledged_by = select(PledgePledgorRow.pledge_id).where(PledgePledgorRow.party_id.in_(parties))
            as_pledgor = PledgeRow.id.in_(pledged_by)
            as_pledgee = PledgeRow.pledgee_id.in_(parties)
            cond.append({"pledgor": as_pledgor, "pledgee": as_pledgee}.get(c.role, or_(as_pledgor, as_pledgee)))
        if c.uscc:
            parties = select(PartyRow.id).where(PartyRow.uscc == c.uscc.strip().upper())
            cond.append(
                or_(
                    PledgeRow.pledgee_id.in_(parties),
                    PledgeRow.id.in_(select(PledgePledgorRow.pledge_id).where(PledgePledgorRow.party_id.in_(parties))),
                )
            )
        if c.right_number:
            number = parse_right_number(c.right_number).number
            cond.append(
                PledgeRow.id.in_(
                    select(PledgeRightRow.pledge_id)
                    .join(RightRow, RightRow.id == PledgeRightRow.right_id)
                    .where(RightRow.number == number)
                )
            )
        if c.registration_no:
            cond.append(PledgeRow.registration_no == c.registration_no.strip())
        if c.registered_from:
            cond.append(PledgeRow.registered_on >= c.registered_from)
        if c.registered_to:
            cond.append(PledgeRow.registered_on <= c.registered_to)
        return cond

    def _criteria(self, query: Query) -> SearchCriteria:
        try:
            return SearchCriteria.from_query(query)
        except ValueError as exc:
            raise ValidationError([]) from exc

    def count(self, query: Query) -> int:
        c = self._criteria(query)
        if self._historic(c):
            return len(self._historic_rows(c))
        with reading(self.engine) as session:
            return int(session.execute(select(func.count()).select_from(PledgeRow).where(*self._where(c))).scalar_one())

    # --- the register as it stood at a past date ------------------------------------------------
    def _historic(self, c: SearchCriteria) -> bool:
        return c.as_of is not None and c.as_of < self.clock.today()

    def _historic_rows(self, c: SearchCriteria, sort_key: str = "", descending: bool = False) -> list[dict[str, Any]]:
        """Rows from the state each pledge had at the end of ``c.as_of`` (frozen in its registration,
        change and extension events), so names, pledgee and amount are those of that day."""
        from dataclasses import replace as dc_replace

        on = c.as_of or self.clock.today()
        by_dates = dc_replace(c, name="", uscc="")  # the people are matched on the historic state below
        with reading(self.engine) as session:
            pledges = session.execute(select(PledgeRow).where(*self._where(by_dates))).scalars().all()
            ids = [p.id for p in pledges]
            states: dict[int, dict[str, Any]] = {}
            if ids:
                events = session.execute(
                    select(PledgeEventRow.pledge_id, PledgeEventRow.payload)
                    .where(
                        PledgeEventRow.pledge_id.in_(ids),
                        PledgeEventRow.on_date <= on,
                        PledgeEventRow.kind.in_(["registered", "changed", "extended"]),
                    )
                    .order_by(PledgeEventRow.on_date, PledgeEventRow.id)
                ).all()
                for pid, payload in events:
                    state = json.loads(payload).get("state") if payload else None
                    if state:
                        states[pid] = state
            out = []
            for p in pledges:
                state = states.get(p.id) or pledge_state(session, p)
                people = [x for x in state["pledgors"] if x] if c.role != "pledgee" else []
                if c.role != "pledgor" and state["pledgee"]:
                    people.append(state["pledgee"])
                if c.name and not any(_name_matches(c, x["name"]) for x in people):
                    continue
                if c.uscc and not any(x["uscc"] == c.uscc.strip().upper() for x in people):
                    continue
                cancelled = p.cancelled_on is not None and p.cancelled_on <= on
                status = "cancelled" if cancelled else "in_force"
                numbers = [r["number"] for r in state["rights"]]
                out.append(
                    {
                        "id": p.id,
                        "registration_no": p.registration_no,
                        "status": status,
                        "status_value": status,
                        "pledgor_names": "；".join(x["name"] for x in state["pledgors"] if x),
                        "pledgee_name": state["pledgee"]["name"] if state["pledgee"] else "",
                        "rights": "、".join(numbers),
                        "right_numbers": numbers,
                        "registered_on": p.registered_on,
                        "cancelled_on": p.cancelled_on if cancelled else None,
                        "secured_amount": Decimal(state["secured_amount"]),
                    }
                )
        key = sort_key if sort_key in self._sortable else "registered_on"
        out.sort(key=lambda r: (r[key] is None, r[key] or 0, r["id"]), reverse=descending)
        return out

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        return self.search(self._criteria(query), offset, limit, query.sort_key, query.descending)

    def search(
        self, c: SearchCriteria, offset: int = 0, limit: int = 1000, sort_key: str = "", descending: bool = False
    ) -> list[dict[str, Any]]:
        if self._historic(c):
            return self._historic_rows(c, sort_key, descending)[offset : offset + limit]
        key = self._sortable.get(sort_key, PledgeRow.registered_on)
        order = [key.desc() if descending else key.asc(), PledgeRow.id]
        on = c.as_of or self.clock.today()
        with reading(self.engine) as session:
            rows = (
                session.execute(select(PledgeRow).where(*self._where(c)).order_by(*order).offset(offset).limit(limit))
                .scalars()
                .all()
            )
            ids = [r.id for r in rows]
            numbers: dict[int, list[str]] = {i: [] for i in ids}
            if ids:
                for pid, display in session.execute(
                    select(PledgeRightRow.pledge_id, RightRow.display_number)
                    .join(RightRow, RightRow.id == PledgeRightRow.right_id)
                    .where(PledgeRightRow.pledge_id.in_(ids))
                    .order_by(PledgeRightRow.pledge_id, PledgeRightRow.position)
                ).all():
                    numbers[pid].append(display)
        out = []
        for r in rows:
            cancelled = r.cancelled_on is not None and r.cancelled_on <= on
            status = "cancelled" if cancelled else "in_force"
            out.append(
                {
                    "id": r.id,
                    "registration_no": r.registration_no,
                    "status": status,
                    "status_value": status,
                    "pledgor_names": r.pledgor_names,
                    "pledgee_name": r.pledgee_name,
                    "rights": "、".join(numbers[r.id]),
                    "right_numbers": numbers[r.id],
                    "registered_on": r.registered_on,
                    "cancelled_on": r.cancelled_on if cancelled else None,
                    "secured_amount": r.secured_amount,
                }
            )
        return out

    # --- outputs ------------------------------------------------------------------------------------
    def export_xlsx(self, c: SearchCriteria, path: Path) -> int:
        """The search results as an Excel sheet (all matches, not just the visible page).

        A register extract, like the certificate: in Chinese whatever the reader's language (its title and
        criteria always were)."""
        rows = self.search(c, 0, 1_000_000)
        preface = [[f"查询条件：{c.describe()}", f"截至：{(c.as_of or self.clock.today()).isoformat()}"]]
        lines = [[r["registration_no"], STATUS_TEXT[r["status_value"]][0], r["pledgor_names"], r["pledgee_name"],
                  r["rights"], r["registered_on"], r["cancelled_on"], r["secured_amount"]] for r in rows]
        sheet = Sheet("质押登记查询", [col.header_zh for col in self.columns], lines, preface)
        atomic_write(path, table_bytes(sheet, xlsx=True))  # Excel whatever the file is named
        return len(rows)

    def certificate(self, actor: Actor, c: SearchCriteria) -> IssuedNotice:
        """Issue a 查询证明 for this search as of now (or the end of the as-of date), signed and logged."""
        actor.require(Action.PRINT_NOTICES)
        rows = self.search(c, 0, 100_000)
        now = self.clock.now().replace(microsecond=0)
        # The end of the as-of day in the office's timezone.
        as_of = now if c.as_of is None else datetime.combine(c.as_of, time(23, 59, 59), tzinfo=self.clock.zone)
        self.notices.keys.for_signing()  # loaded and checked first: a refused key file issues nothing
        with transaction(self.engine, self.clock) as session:
            serial = self.notices._next_serial(session, now)
            cert = SearchCertificate(
                serial=serial,
                office_name=self.notices.office.settings(session).office_name,
                issued_at=now,
                query=c.describe(),
                as_of=as_of,
                rows=tuple(
                    SearchRow(
                        r["registration_no"],
                        STATUS_TEXT[r["status_value"]][0],
                        tuple(r["pledgor_names"].split("；")),
                        r["pledgee_name"],
                        tuple(r["right_numbers"]),
                        r["registered_on"],
                        r["cancelled_on"],
                        Decimal(r["secured_amount"]),
                    )
                    for r in rows
                ),
                audit_position=audit_position(session),
            )
            row = self.notices._store(session, actor, cert, None, None)
            audit.record(
                session,
                actor,
                "notice.search_certificate",
                "search",
                None,
                f"出具查询证明 {serial}（{len(rows)} 条）",
                None,
                {"serial": serial, "query": cert.query},
            )
            return reported(session, self.notices._issued(row))
