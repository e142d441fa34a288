"""Password hashing with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended profile)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
# Verified against when the user name is unknown, so a wrong name takes as long as a wrong password. Written
# out rather than hashed at import (an Argon2 hash costs ~0.1 s of every start-up); should the hasher's
# parameters change, it is hashed again on first use so the two still take as long.
_DUMMY = "$argon2id$v=19$m=65536,t=3,p=4$XGtaGXyUbAgIPPHoXeJ/xQ$PjUVO0s+RQ+ugyV2HJyXRgVfhYr52Xu8aJUiQL7+Nzk"


def _dummy() -> str:
    global _DUMMY
    if _HASHER.check_needs_rehash(_DUMMY):
        _DUMMY = _HASHER.hash("not a password of anyone")
    return _DUMMY


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify(stored: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored or _dummy(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)
