"""Whose records a user may see and act on: the one scoping rule every agency-owned context reuses.

Loans, disposal cases and marketplace lots opened by a guarantee agency (or a bank's disposal staff), and
an insurer's policies and claims, belong to that party. Its officers (roles tied to a party) see only what
their own party owns; the office's roles and the auditor see everything. Anything out of scope reads as
*not found*, never *forbidden*, so an officer cannot even learn that another agency's record exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipdesk.domain.shared.permissions import Actor, Role

#: Roles that act for one party (see ipdesk.domain.users.rules.ROLE_PARTY_KINDS) and see only its records.
PARTY_SCOPED_ROLES = frozenset({Role.AGENCY, Role.INSURER})


@dataclass(frozen=True)
class Scope:
    """What an actor may see: everything, or only the records owned by ``owner`` (a party id).

    An officer whose account names no party (it should not happen: the account rules require one) sees
    nothing, rather than everything.
    """

    everything: bool
    owner: int | None = None

    def admits(self, owner_party_id: int | None) -> bool:
        """Whether a record owned by ``owner_party_id`` (``None``: opened by the office) is in scope."""
        return self.everything or (self.owner is not None and owner_party_id == self.owner)


def scope_of(actor: Actor) -> Scope:
    if actor.role in PARTY_SCOPED_ROLES:
        return Scope(everything=False, owner=actor.party_id)
    return Scope(everything=True)


def owner_for_new(actor: Actor) -> int | None:
    """The party a record an actor opens belongs to: its own party for an officer, none for the office."""
    return actor.party_id if actor.role in PARTY_SCOPED_ROLES else None
