"""The rules of an account: user names, password strength, and which roles stand for which kind of party."""

from __future__ import annotations

import re

from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Role
from ipdesk.domain.shared.problems import Problem

register({
    "users.name_invalid": ("用户名应为 2–40 个字母、数字或 . _ -，以字母开头：{name}",
                           "a user name is 2–40 letters, digits or . _ -, starting with a letter: {name}"),
    "users.password_short": ("密码至少 {min} 个字符", "a password has at least {min} characters"),
    "users.password_has_name": ("密码不得包含用户名", "the password must not contain the user name"),
    "users.password_blank": ("密码不得以空白开头或结尾", "a password must not begin or end with blanks"),
    "users.unknown_role": ("未知的角色：{role}（可选：{known}）", "unknown role: {role} (one of: {known})"),
    "users.party_required": ("角色 {role} 须关联一个{kinds}类当事人", "role {role} needs a party of kind {kinds}"),
    "users.party_not_allowed": ("角色 {role} 不关联当事人", "role {role} is not tied to a party"),
    "users.party_wrong_kind": ("当事人 {party} 的类别为 {kind}，角色 {role} 须为 {kinds}",
                               "party {party} is of kind {kind}; role {role} needs {kinds}"),
})

DEFAULT_PASSWORD_MIN_LENGTH = 10  # the office setting password_min_length overrides it

# Letters first, then a short run of ASCII letters, digits and . _ -: names go into audit entries, log
# lines and PostgreSQL's application_name, so quotes, blanks and SQL punctuation are refused outright.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]{1,39}")

#: Roles that act for one party, and the kinds of party each may stand for.
ROLE_PARTY_KINDS: dict[Role, frozenset[PartyKind]] = {
    Role.AGENCY: frozenset({PartyKind.GUARANTEE, PartyKind.BANK}),  # guarantee agencies, banks' disposal staff
    Role.INSURER: frozenset({PartyKind.INSURER}),
}


def normalise_name(name: str) -> str:
    """User names compare without case: ``WangLi`` and ``wangli`` are one account."""
    return name.lower()


def check_name(name: str) -> list[Problem]:
    if _NAME.fullmatch(name) is None:
        return [Problem("users.name_invalid", "name", {"name": name[:60]})]
    return []


def check_password(password: str, name: str, min_length: int = DEFAULT_PASSWORD_MIN_LENGTH) -> list[Problem]:
    """What is wrong with ``password`` for user ``name`` (never quoting the password itself)."""
    problems = []
    if len(password) < min_length:
        problems.append(Problem("users.password_short", "password", {"min": min_length}))
    if password != password.strip():
        problems.append(Problem("users.password_blank", "password"))
    if normalise_name(name) and normalise_name(name) in password.lower():
        problems.append(Problem("users.password_has_name", "password"))
    return problems


def parse_role(text: str) -> tuple[Role | None, list[Problem]]:
    try:
        return Role(text.strip().lower()), []
    except ValueError:
        known = ", ".join(r.value for r in Role)
        return None, [Problem("users.unknown_role", "role", {"role": text[:40], "known": known})]


def check_party(role: Role, party: tuple[int, str] | None) -> list[Problem]:
    """Whether ``party`` (its id and kind, or none) fits ``role``."""
    kinds = ROLE_PARTY_KINDS.get(role)
    if kinds is None:
        return [] if party is None else [Problem("users.party_not_allowed", "party", {"role": role.value})]
    names = "/".join(sorted(k.value for k in kinds))
    if party is None:
        return [Problem("users.party_required", "party", {"role": role.value, "kinds": names})]
    if party[1] not in {k.value for k in kinds}:
        return [Problem("users.party_wrong_kind", "party",
                        {"party": party[0], "kind": party[1], "role": role.value, "kinds": names})]
    return []
