"""Agency scoping in the service queries: the one place a query is narrowed to what the actor may see.

Every context whose records belong to an agency or an insurer (loans, disposal cases, marketplace lots,
policies) filters its reads through :func:`scoped` and loads a record by id through :func:`get_scoped`, so
a record out of scope is *not found* for that actor, by id as much as in a list (the rule itself:
:mod:`ipdesk.domain.users.scoping`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, false
from sqlalchemy.orm import InstrumentedAttribute, Session

from ipdesk.domain.shared.permissions import Actor
from ipdesk.domain.shared.problems import NotFound, Problem
from ipdesk.domain.users.scoping import scope_of

S = TypeVar("S", bound=Select[Any])
R = TypeVar("R")


def scoped(statement: S, owner: InstrumentedAttribute[Any], actor: Actor) -> S:
    """``statement`` narrowed to the rows whose ``owner`` column the actor's scope admits."""
    scope = scope_of(actor)
    if scope.everything:
        return statement
    if scope.owner is None:
        return statement.where(false())
    return statement.where(owner == scope.owner)


def get_scoped(session: Session, model: type[R], row_id: int, actor: Actor, *, what: str,
               owner_attr: str = "owner_party_id", key: object = None, lock: bool = False) -> R:
    """The row ``row_id`` of ``model`` if the actor may see it.

    ``lock`` takes the row lock (PostgreSQL ``FOR UPDATE``), so concurrent commands on one record queue.

    Raises:
        NotFound: no such row, or one the actor's scope does not admit (the same answer, on purpose).
    """
    row = session.get(model, row_id, with_for_update=lock or None)
    if row is None or not scope_of(actor).admits(getattr(row, owner_attr)):
        raise NotFound(Problem("not_found", params={"what": what, "key": key if key is not None else row_id}))
    return row
