"""Account rules: user names, password strength, roles and the party an officer acts for."""

from __future__ import annotations

import pytest

from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.shared.permissions import ROLE_LABELS, Role
from ipdesk.domain.users import rules


def codes(problems) -> set[str]:
    return {p.code for p in problems}


@pytest.mark.parametrize("name", ["wangli", "Li.Na", "zhang_3", "a-b"])
def test_good_names(name: str) -> None:
    assert rules.check_name(name) == []


@pytest.mark.parametrize("name", ["", "x", "3li", "wang li", "admin' OR '1'='1", "a;DROP TABLE users;--",
                                  "王力", "a" * 41, "li\n"])
def test_bad_names_are_refused(name: str) -> None:
    assert codes(rules.check_name(name)) == {"users.name_invalid"}


def test_password_length_is_a_parameter_default_ten() -> None:
    assert codes(rules.check_password("short-pw", "wangli")) == {"users.password_short"}
    assert rules.check_password("long enough!", "wangli") == []
    assert codes(rules.check_password("long enough!", "wangli", min_length=16)) == {"users.password_short"}
    assert rules.check_password("Seven77", "wangli", min_length=7) == []


def test_password_must_not_contain_the_user_name_in_any_case() -> None:
    assert codes(rules.check_password("my-WangLi-2026", "wangli")) == {"users.password_has_name"}
    assert codes(rules.check_password("wangli", "WangLi")) == {"users.password_short", "users.password_has_name"}


def test_password_with_outer_blanks_is_refused() -> None:
    assert codes(rules.check_password(" correct horse ", "wangli")) == {"users.password_blank"}


def test_the_message_never_quotes_the_password() -> None:
    for problem in rules.check_password("secretwangli", "wangli"):
        assert "secret" not in problem.message("zh") and "secret" not in problem.message("en")
        assert "secretwangli" not in repr(problem.params)


def test_roles_parse_and_unknown_is_a_problem() -> None:
    assert rules.parse_role("Insurer") == (Role.INSURER, [])
    role, problems = rules.parse_role("superuser")
    assert role is None and codes(problems) == {"users.unknown_role"}
    assert "insurer" in problems[0].message("en")
    assert ROLE_LABELS[Role.INSURER] == ("保险经办", "Insurer officer")


def test_agency_and_insurer_officers_need_a_party_of_their_kind() -> None:
    assert codes(rules.check_party(Role.AGENCY, None)) == {"users.party_required"}
    assert rules.check_party(Role.AGENCY, (3, PartyKind.GUARANTEE.value)) == []
    assert rules.check_party(Role.AGENCY, (3, PartyKind.BANK.value)) == []
    assert codes(rules.check_party(Role.AGENCY, (3, PartyKind.ENTERPRISE.value))) == {"users.party_wrong_kind"}
    assert codes(rules.check_party(Role.INSURER, (4, PartyKind.BANK.value))) == {"users.party_wrong_kind"}
    assert rules.check_party(Role.INSURER, (4, PartyKind.INSURER.value)) == []
    assert codes(rules.check_party(Role.CLERK, (4, PartyKind.INSURER.value))) == {"users.party_not_allowed"}
    assert rules.check_party(Role.CLERK, None) == []
