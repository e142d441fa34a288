"""The register as the examination reads it: the rights, who has pledged them, owners' other marks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.examination.engine import RegisterSnapshot
from ipdesk.domain.registry.rights import RightKind
from ipdesk.services.office.settings import similarity_table
from ipdesk.services.registry.status import STORED, StatusSource, resolve
from ipdesk.storage.registry.mappers import right_from_row
from ipdesk.storage.schema import PartyRow, PledgeRightRow, PledgeRow, RightOwnerRow, RightRow


def register_snapshot(session: Session, numbers: list[str], exclude_pledge_id: int | None = None,
                      party_ids: tuple[int, ...] = (), *, status: StatusSource = STORED,
                      as_of: date | None = None) -> RegisterSnapshot:
    """The register as the examination needs it: the rights (legal status from ``status`` on ``as_of``: the
    fee engine for patents), who pledged them, owners' other marks."""
    rows = session.execute(select(RightRow).where(RightRow.number.in_(numbers))).scalars().all()
    found = [right_from_row(r) for r in rows]
    if as_of is not None:
        found = resolve(status, found, as_of)
    rights = {r.number: r for r in found}
    ids = [r.id for r in rows]
    pledged: dict[str, str] = {}
    if ids:
        q = (select(RightRow.number, PledgeRow.registration_no)
             .join(PledgeRightRow, PledgeRightRow.active_right_id == RightRow.id)
             .join(PledgeRow, PledgeRow.id == PledgeRightRow.pledge_id)
             .where(RightRow.id.in_(ids)))
        if exclude_pledge_id is not None:
            q = q.where(PledgeRow.id != exclude_pledge_id)
        pledged = {n: reg or "" for n, reg in session.execute(q).all()}
    owners = {o.party_id for r in rights.values() if r.kind is RightKind.TRADEMARK for o in r.owners}
    marks_by_owner: dict[int, tuple] = {}
    if owners:
        mark_rows = session.execute(
            select(RightRow).join(RightOwnerRow).where(RightOwnerRow.party_id.in_(owners),
                                                       RightRow.kind == RightKind.TRADEMARK.value)
        ).scalars().unique().all()
        marks = [right_from_row(m) for m in mark_rows]
        for pid in owners:
            marks_by_owner[pid] = tuple(m for m in marks if any(o.party_id == pid for o in m.owners))
    people = {o.party_id for r in rights.values() for o in r.owners} | set(party_ids)
    names = (
        dict(session.execute(select(PartyRow.id, PartyRow.name).where(PartyRow.id.in_(people))).all()) if people else {}
    )
    return RegisterSnapshot(rights, pledged, marks_by_owner, similarity_table(), names)
