"""The register's legal-status filter as SQL that agrees with the status the list shows (the fee engine's for a
tracked patent, see :class:`ipdesk.services.registry.status.FeeBounds`): a patent past its late period is found
under 终止 (terminated) and no longer under 有效 (in force), on any day, without a write.

Why derived and not a stored column kept in step: the status moves by the calendar alone (a late period ends
at midnight), and a sweep rewriting statuses would be a write per right to audit and bind; reading the stored
status corrected by the few tracked patents whose next fee fell due (``ix_rights_fees_next_due_status``,
index-only) keeps the filter exact at about the cost of the stored one (benchmarks/README.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select

from ipdesk.domain.registry.rights import LegalStatus
from ipdesk.services.registry.status import FeeBounds
from ipdesk.storage.schema import RightRow


def _fell_due(bounds: FeeBounds, through: date, statuses: set[str]) -> Any:
    """Tracked patents stored as one of ``statuses`` whose next fee fell due on or before ``through``."""
    # ``|| ''``: compared as text, so no planner seeks them on the status or kind index instead of the range
    return and_(RightRow.fees_next_due <= through, (RightRow.legal_status + "").in_(sorted(statuses)),
                (RightRow.kind + "").in_([k.value for k in bounds.kinds]))


def status_count(conn: Any, status: str, bounds: FeeBounds) -> int | None:
    """The count of :func:`status_condition` alone (no other filter, no search) as a sum of index-only counts:
    the stored status plus or minus the few tracked patents whose fee fell due (probing each of 800 000 rights
    in force against that set would take a second). None for a status the fees do not move."""
    decided = {s.value for s in bounds.decided}

    def n(where: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(RightRow.__table__).where(where)).scalar_one())

    stored = RightRow.legal_status
    if status == LegalStatus.TERMINATED.value:  # disjoint: the fees decide no stored termination
        return n(stored == status) + n(_fell_due(bounds, bounds.terminated_through, decided))
    if status == LegalStatus.IN_FORCE.value:
        return _in_force_stored(conn, n) - n(_fell_due(bounds, bounds.late_through, {status}))
    if status == LegalStatus.LATE_FEE.value:  # stored late, plus in force but due, minus past the late period
        return (n(stored == status) + n(_fell_due(bounds, bounds.late_through, {LegalStatus.IN_FORCE.value}))
                - n(_fell_due(bounds, bounds.terminated_through, decided)))
    return None


def _in_force_stored(conn: Any, n: Any) -> int:
    """The rights stored as in force. Most of a register is (835 k of 1 M in the benchmark): on SQLite counting
    that range of the status index reads 835 k entries (64 ms), while the whole table's ``count(*)`` counts the
    b-tree's pages (5 ms) and the two ranges either side are small (3 ms each), so it is counted as the rest."""
    stored, status = RightRow.legal_status, LegalStatus.IN_FORCE.value
    if conn.dialect.name != "sqlite":  # PostgreSQL's count(*) reads every row: no gain
        return n(stored == status)
    everything = int(conn.execute(select(func.count()).select_from(RightRow.__table__)).scalar_one())  # no WHERE
    return everything - n(stored < status) - n(stored > status)  # the status is NOT NULL


def status_condition(status: str, bounds: FeeBounds | None) -> Any:
    """The rights whose legal status *as shown* is ``status``: the stored column, or — with a source that
    derives it (the fee engine, see :class:`FeeBounds`) — the stored column corrected by the few tracked
    patents whose next anniversary has passed, so that a patent past its late period is found under 终止
    (terminated) and no longer under 有效 (in force).

    The correction is a set of ids read on ``ix_rights_fees_next_due_status`` (a range of past anniversaries,
    index-only), so the big status stays the walk of ``ix_rights_legal_status_number`` it was, with one probe
    of that small set per row."""
    stored = RightRow.legal_status
    if bounds is None:
        return stored == status
    decided = {s.value for s in bounds.decided}
    if status != LegalStatus.TERMINATED.value and status not in decided:
        return stored == status

    def past(through: date) -> Any:
        return select(RightRow.id).where(_fell_due(bounds, through, decided))

    if status == LegalStatus.TERMINATED.value:
        return or_(stored == status, RightRow.id.in_(past(bounds.terminated_through)))
    if status == LegalStatus.LATE_FEE.value:  # by the fees, or recorded by hand (it stands until paid)
        return and_(or_(stored == status, RightRow.id.in_(past(bounds.late_through))),
                    RightRow.id.not_in(past(bounds.terminated_through)))
    return and_(stored == status, RightRow.id.not_in(past(bounds.late_through)))
