"""The written-out dummy hash (start-up does not hash at import) keeps the hasher's parameters, so a wrong
user name still costs what a wrong password does."""

from __future__ import annotations

from ipdesk.services.users import passwords


def test_the_dummy_hash_has_the_hashers_parameters() -> None:
    assert not passwords._HASHER.check_needs_rehash(passwords._DUMMY)
    assert passwords._HASHER.verify(passwords._dummy(), "not a password of anyone")
    assert passwords.verify(None, "not a password of anyone") is False
    assert passwords.verify(passwords.hash_password("s3cret"), "s3cret") is True
