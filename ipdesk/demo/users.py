"""Demo accounts: one user per role, all with the one documented demo password (for demos only)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.shared.clock import Clock
from ipdesk.domain.shared.permissions import SYSTEM, Actor, Role
from ipdesk.services.users.service import User, UserService
from ipdesk.storage.schema import PartyRow

#: The password of every demo account (README: for demos only; a real office creates its own users).
DEMO_PASSWORD = "ipdesk-demo-2026"

#: (user name, role, the kind of party the role acts for): the administrator first (the first account).
DEMO_USERS: tuple[tuple[str, Role, PartyKind | None], ...] = (
    ("guanli", Role.ADMIN, None),  # 管理
    ("dengji", Role.CLERK, None),  # 登记
    ("shenhe", Role.APPROVER, None),  # 审核
    ("chuzhi", Role.AGENCY, PartyKind.GUARANTEE),  # 处置: a guarantee agency's officer
    ("tuoguan", Role.CUSTODIAN, None),  # 托管
    ("baoxian", Role.INSURER, PartyKind.INSURER),  # 保险
    ("shenji", Role.AUDITOR, None),  # 审计
)


def add_demo_users(engine: Engine, clock: Clock | None = None) -> list[User]:
    """Create the demo accounts in a database that has no users yet (else none: returns ``[]``).

    Each account sets its own password once, so none is asked to change it at the first sign-in.
    """
    users = UserService(engine, clock)
    if users.has_users():
        return []
    made = []
    for name, role, kind in DEMO_USERS:
        party = _first_party(engine, kind) if kind is not None else None
        if kind is not None and party is None:
            continue  # a register without such a party: that role's demo account is left out
        users.add(SYSTEM if role is Role.ADMIN else Actor(DEMO_USERS[0][0], Role.ADMIN), name, role,
                  DEMO_PASSWORD, party)
        made.append(users.change_password(Actor(name, role), name, DEMO_PASSWORD))
    return made


def _first_party(engine: Engine, kind: PartyKind) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(PartyRow.id).where(PartyRow.kind == kind.value).order_by(PartyRow.id)
                            .limit(1)).scalar()
