"""Demo accounts: one user per role, all with the one documented demo password (for demos only)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.shared.clock import Clock
from ipdesk.domain.shared.permissions import SYSTEM, Actor, Role
from ipdesk.services.users.service import User, UserService
from ipdesk.storage.schema import PartyRow, UserRow

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
    """Create the demo accounts in a database that has no users but demo ones (else none: returns ``[]``).

    Each account sets its own password once, so none is asked to change it at the first sign-in. A load
    interrupted part-way is completed: the missing accounts are made, a half-made one gets its password.
    """
    users = UserService(engine, clock)
    with engine.connect() as conn:
        existing = dict(conn.execute(select(UserRow.name, UserRow.must_change_password)).all())
    if set(existing) - {name for name, _role, _kind in DEMO_USERS}:
        return []  # a register with real accounts never gets the demo ones
    made = []
    for name, role, kind in DEMO_USERS:
        if name not in existing:
            party = _first_party(engine, kind) if kind is not None else None
            if kind is not None and party is None:
                continue  # a register without such a party: that role's demo account is left out
            users.add(SYSTEM if role is Role.ADMIN else Actor(DEMO_USERS[0][0], Role.ADMIN), name, role,
                      DEMO_PASSWORD, party)
        elif not existing[name]:
            continue  # made and its password set by the first load
        made.append(users.change_password(Actor(name, role), name, DEMO_PASSWORD))
    return made


def _first_party(engine: Engine, kind: PartyKind) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(PartyRow.id).where(PartyRow.kind == kind.value).order_by(PartyRow.id)
                            .limit(1)).scalar()
