"""What each role may look at (the read side of :mod:`ipdesk.domain.shared.permissions`): the GUI shows a
role only the areas it may see; what it may change stays the permission table's (and the services')."""

from __future__ import annotations

import enum

from ipdesk.domain.shared.permissions import Actor, Role


class View(enum.StrEnum):
    WORKBENCH = "workbench"  # today's deadlines of the pledge register
    RIGHTS = "rights"
    PARTIES = "parties"
    PLEDGES = "pledges"
    CUSTODY = "custody"
    INSURANCE = "insurance"
    RISK = "risk"
    DISPOSAL = "disposal"
    MARKET = "market"
    POOLS = "pools"
    MATCHMAKING = "matchmaking"  # bank–enterprise events and their credit lines (银企对接)
    STATISTICS = "statistics"
    AUDIT = "audit"  # the audit log: auditors and administrators


# The office's own staff work the registers; the agency officer follows its parties' pledges and disposal;
# the custodian its rights; the insurer its policies; the auditor reads everything and the administrator
# sees what it manages (everything). The public register search and the settings page are for every user.
_OFFICE = {View.WORKBENCH, View.RIGHTS, View.PARTIES, View.PLEDGES, View.RISK, View.POOLS, View.STATISTICS,
           View.MARKET, View.MATCHMAKING}
ROLE_VIEWS: dict[Role, frozenset[View]] = {
    # The clerk records a disposal's transfer and cancels the pledge it realised: it sees the cases.
    Role.CLERK: frozenset(_OFFICE | {View.DISPOSAL}),
    Role.APPROVER: frozenset(_OFFICE | {View.DISPOSAL}),
    Role.AGENCY: frozenset({View.PARTIES, View.PLEDGES, View.DISPOSAL, View.MARKET}),
    Role.CUSTODIAN: frozenset({View.RIGHTS, View.CUSTODY}),
    Role.INSURER: frozenset({View.INSURANCE}),
    Role.AUDITOR: frozenset(View),
    Role.ADMIN: frozenset(View),
}


def sees(actor: Actor, view: View) -> bool:
    """Whether ``actor``'s role may look at ``view`` (an unknown role sees nothing)."""
    return view in ROLE_VIEWS.get(actor.role, frozenset())
