"""Roles and what each may do; services check these before any change (users: ipdesk.domain.users)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ipdesk.domain.shared.problems import PermissionDenied, Problem


class Role(enum.StrEnum):
    CLERK = "clerk"  # IP-office clerk: registers, examines, prints
    APPROVER = "approver"  # second pair of eyes: confirms or returns the decisions others prepared
    AGENCY = "agency"  # guarantee agency / bank disposal officer
    CUSTODIAN = "custodian"
    INSURER = "insurer"  # insurer officer, tied to one insurer party
    AUDITOR = "auditor"  # reads everything, changes nothing
    ADMIN = "admin"


class Action(enum.StrEnum):
    EDIT_PARTIES = "edit_parties"
    EDIT_RIGHTS = "edit_rights"
    IMPORT = "import"
    EXAMINE = "examine"
    REGISTER_PLEDGE = "register_pledge"
    CHANGE_PLEDGE = "change_pledge"
    PRINT_NOTICES = "print_notices"
    REVOKE_NOTICE = "revoke_notice"
    CONFIRM_DECISION = "confirm_decision"  # maker-checker: confirm or return a decision someone else prepared
    LOAD_DEMO_DATA = "load_demo_data"
    RECORD_VALUATION = "record_valuation"  # valuations and value-analysis score sheets
    MONITOR_RIGHTS = "monitor_rights"  # rights-protection custody: monitoring entries
    PAY_FEES = "pay_fees"  # record an annual-fee payment (the custodian's daily work)
    MANAGE_CUSTODY = "manage_custody"  # custody agreements and the rights in them
    ADMINISTER = "administer"
    MANAGE_LOANS = "manage_loans"  # book a loan, its drawdowns, repayments, compensation, halt and default
    MANAGE_DISPOSAL = "manage_disposal"  # open a disposal case, advance or undo its stages, settle it
    MANAGE_FUNDS = "manage_funds"  # set up a compensation fund and record the money paid into it
    MANAGE_MARKET = "manage_market"  # list lots, run auctions (deposits, bids, close), record deals and payments
    MANAGE_INSURANCE = "manage_insurance"  # enter policies and take their claims from report to payment
    ACT_ON_SIGNALS = "act_on_signals"  # acknowledge an early-warning signal with a note, a halt or a collection
    MANAGE_MATCHMAKING = "manage_matchmaking"  # bank–enterprise events and their credit lines (银企对接)


# The clerk takes (or, with maker-checker on, prepares) the register's decisions, a notice's revocation too.
_CLERK = {
    Action.EDIT_PARTIES, Action.EDIT_RIGHTS, Action.IMPORT, Action.EXAMINE, Action.REGISTER_PLEDGE,
    Action.CHANGE_PLEDGE, Action.PRINT_NOTICES, Action.RECORD_VALUATION, Action.REVOKE_NOTICE,
    Action.ACT_ON_SIGNALS, Action.MANAGE_MATCHMAKING,
}
#: Examining, registering, changing and deciding on the register, and confirming others' decisions.
DECISION_DUTIES = frozenset({Action.EXAMINE, Action.REGISTER_PLEDGE, Action.CHANGE_PLEDGE, Action.REVOKE_NOTICE,
                             Action.CONFIRM_DECISION})

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.CLERK: frozenset(_CLERK),
    Role.APPROVER: frozenset(_CLERK | {Action.CONFIRM_DECISION}),
    # The bank's or agency's officer and the custodian keep valuations current (value analysis is a wing).
    # The agency's officer also runs its disposal lots on the marketplace.
    Role.AGENCY: frozenset({Action.EDIT_PARTIES, Action.PRINT_NOTICES, Action.RECORD_VALUATION,
                             Action.MANAGE_LOANS, Action.MANAGE_DISPOSAL, Action.MANAGE_MARKET,
                             Action.ACT_ON_SIGNALS}),
    Role.CUSTODIAN: frozenset({Action.EDIT_RIGHTS, Action.RECORD_VALUATION, Action.MONITOR_RIGHTS,
                                  Action.PAY_FEES, Action.MANAGE_CUSTODY}),
    # The insurer officer enters its own insurer's policies and settles their claims (agency scoping).
    Role.INSURER: frozenset({Action.MANAGE_INSURANCE}),
    Role.AUDITOR: frozenset(),
    # The administrator manages users and settings; the register's decisions are another person's duty
    # (PBoC registry: the institution's administrator cannot register). An office setting lets a one-person
    # office's administrator decide too (``Actor.decides``).
    Role.ADMIN: frozenset(Action) - DECISION_DUTIES,
}

ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.CLERK: ("登记员", "Clerk"),
    Role.APPROVER: ("审核员", "Approver"),
    Role.AGENCY: ("处置机构", "Agency officer"),
    Role.CUSTODIAN: ("托管员", "Custodian"),
    Role.INSURER: ("保险经办", "Insurer officer"),
    Role.AUDITOR: ("审计员", "Auditor"),
    Role.ADMIN: ("管理员", "Administrator"),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: every service call takes one and every audit entry names it."""

    username: str
    role: Role = Role.CLERK
    party_id: int | None = None  # the agency or insurer an agency or insurer officer acts for
    # An administrator of an office that lets its administrator decide too (setting admin_decides)
    decides: bool = False

    def may(self, action: Action) -> bool:
        if action in ROLE_ACTIONS[self.role]:
            return True
        return self.decides and self.role is Role.ADMIN and action in DECISION_DUTIES

    def require(self, action: Action) -> None:
        if not self.may(action):
            raise PermissionDenied(
                Problem("permission", params={"user": self.username, "role": self.role.value, "action": action.value})
            )


#: ipdesk itself (the demo data, the first administrator's creation): every duty.
SYSTEM = Actor("system", Role.ADMIN, decides=True)

