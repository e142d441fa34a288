"""How a pledge is grouped in the statistics: its family, the kind of its rights and its first pledgor's region.

The one place this rule lives. A pledge's **family** is the one family (patent / trademark / copyright) of its
rights, ``mixed`` when they are of more than one, fixed when it is filed (it is part of the pledge's audited
state). Its **rights kind** is the one kind of right of its rights (invention, trademark, software, …), ``mixed``
when there are several, ``""`` without rights; its **pledgor region** is the 行政区划 code of the first-named
pledgor (position 0), ``""`` without one or without a code. These two are stored on the pledge row
(``pledges.rights_kind``, ``pledges.pledgor_region``) so that the statistics group counted pledges from one
covering index instead of joining every pledge to its rights and its pledgor (benchmarks/README.md): set when a
pledge is filed (:func:`classify`; every path that files — the pledge service, the pools' package pledge,
matchmaking conversion, the demo loader — goes through it) and refreshed in SQL when a pledged right's kind or a
pledgor's region is edited (:func:`refresh_kinds_of_right`, :func:`refresh_region_of_party`). A pledge's rights
and pledgors never change after filing (a change recordal changes the pledgee and the names; a transfer changes a
right's owner, not the pledgors), and imports only add parties and rights no pledge holds yet.

They are derived, not state: the audit binding leaves them out (``ipdesk.services.audit.state``), so refreshing
them changes no pledge's bound digest. :func:`refresh` recomputes them for rows written by hand (tests, the
benchmark's loader) the way the migration backfilled them; :func:`stored_vs_joined` is the consistency check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from ipdesk.domain.pledges.application import family
from ipdesk.domain.registry.rights import RightKind
from ipdesk.storage.schema import PartyRow, PledgePledgorRow, PledgeRightRow, PledgeRow, RightRow

MIXED = "mixed"


def family_of(kinds: Iterable[str]) -> str:
    """The one family of the rights' kinds, ``mixed`` when there are several (or none)."""
    families = {family(RightKind(k)) for k in kinds}
    return families.pop() if len(families) == 1 else MIXED


def kind_of(kinds: Iterable[str]) -> str:
    """The one kind of right, ``mixed`` when there are several, ``""`` without rights."""
    found = set(kinds)
    if not found:
        return ""
    return found.pop() if len(found) == 1 else MIXED


def region_of(first_pledgor_region: str | None) -> str:
    """The first-named pledgor's region code, ``""`` without a pledgor or a code."""
    return first_pledgor_region or ""


def classify(session: Session, row: PledgeRow, kinds: Sequence[str], pledgor_ids: Sequence[int]) -> None:
    """Set a pledge's family, rights kind and pledgor region as it is filed (its rights' kinds, its pledgors)."""
    row.family = family_of(kinds)
    row.rights_kind = kind_of(kinds)
    first = session.get(PartyRow, pledgor_ids[0]) if pledgor_ids else None
    row.pledgor_region = region_of(first.region if first is not None else None)


# --- the same rule in SQL, per pledge: the refreshes and the consistency check ---------------------------

def _kind_sql(pledge_id: Any) -> ColumnElement[str]:
    low, high = func.min(RightRow.kind), func.max(RightRow.kind)
    return (select(case((low.is_(None), ""), (low == high, low), else_=MIXED))
            .select_from(PledgeRightRow).join(RightRow, RightRow.id == PledgeRightRow.right_id)
            .where(PledgeRightRow.pledge_id == pledge_id).scalar_subquery())


def _region_sql(pledge_id: Any) -> ColumnElement[str]:
    first = (select(PartyRow.region).select_from(PledgePledgorRow)
             .join(PartyRow, PartyRow.id == PledgePledgorRow.party_id)
             .where(and_(PledgePledgorRow.pledge_id == pledge_id, PledgePledgorRow.position == 0)).scalar_subquery())
    return func.coalesce(first, "")


def refresh_kinds_of_right(session: Session, right_id: int) -> None:
    """After a right's kind was edited: the rights kind of every pledge holding it."""
    holding = select(PledgeRightRow.pledge_id).where(PledgeRightRow.right_id == right_id)
    session.execute(update(PledgeRow).where(PledgeRow.id.in_(holding)).values(rights_kind=_kind_sql(PledgeRow.id))
                    .execution_options(synchronize_session=False))


def refresh_region_of_party(session: Session, party_id: int, region: str) -> None:
    """After a party's region was edited: the pledgor region of every pledge naming it first."""
    first_of = select(PledgePledgorRow.pledge_id).where(PledgePledgorRow.party_id == party_id,
                                                        PledgePledgorRow.position == 0)
    session.execute(update(PledgeRow).where(PledgeRow.id.in_(first_of)).values(pledgor_region=region_of(region))
                    .execution_options(synchronize_session=False))


def refresh(session: Session) -> None:
    """Both columns of every pledge from its rights and pledgors (rows written by hand, as the migration did)."""
    session.execute(update(PledgeRow).values(rights_kind=_kind_sql(PledgeRow.id),
                                             pledgor_region=_region_sql(PledgeRow.id))
                    .execution_options(synchronize_session=False))


def stored_vs_joined() -> Select[int, str, str, str, str]:
    """(id, stored kind, joined kind, stored region, joined region) of every pledge whose stored columns differ
    from what the joins compute: empty when they agree."""
    kind, region = _kind_sql(PledgeRow.id), _region_sql(PledgeRow.id)
    return (select(PledgeRow.id, PledgeRow.rights_kind, kind, PledgeRow.pledgor_region, region)
            .where((PledgeRow.rights_kind != kind) | (PledgeRow.pledgor_region != region)).order_by(PledgeRow.id))
