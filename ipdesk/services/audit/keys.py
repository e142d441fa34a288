"""The audit secret outside the database, and the signed checkpoints of the chain head (anchors).

* ``keys/audit_secret.json`` (mode 0600, in the data folder): 32 random bytes that key the chain (HMAC) and
  the state digests, and ``keyed_from``, the head when the secret was made (entries up to it predate the
  keyed chain and keep their plain SHA-256 links). Someone with only the database cannot recompute either.
  On PostgreSQL every desk of the office must hold the same file (copy it with the keys folder).
* ``audit_checkpoints.jsonl`` (data folder): after every transaction that wrote audit entries, one line
  ``{"seq", "hash", "at", "key_id", "signature"}``, the head signed with the office's Ed25519 key
  (``IPDA1|seq|hash|key_id``; unsigned until the register has accepted an office key). A truncated or
  rolled-back log no longer contains a checkpointed head.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

SECRET_FILE = "audit_secret.json"
CHECKPOINTS_FILE = "audit_checkpoints.jsonl"
CHECKPOINT_VERSION = "IPDA1"
_log = logging.getLogger(__name__)


@dataclass
class AuditKeys:
    """What keys one database's audit log: the secret, where the chain became keyed, where anchors go."""

    secret: bytes
    keyed_from: int
    checkpoints: Path | None = None
    signer: Callable[[], Any] | None = field(default=None, repr=False)  # → the office key (key_id, sign)

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.secret).hexdigest()[:16]


_ATTACHED: weakref.WeakKeyDictionary[Engine, AuditKeys] = weakref.WeakKeyDictionary()


def _head_seq(engine: Engine) -> int:
    with engine.execution_options(readonly=True).connect() as conn:  # a read: no write lock (issue 14)
        row = conn.execute(text("SELECT seq FROM audit_head WHERE id = 1")).first()
    return int(row[0]) if row else 0


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` (0600) atomically; if another process made it first, keep theirs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".audit_secret.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)


def load_or_create_secret(keys_dir: Path, engine: Engine) -> tuple[bytes, int]:
    path = Path(keys_dir) / SECRET_FILE
    if not path.exists():
        body = {"secret": base64.b64encode(secrets.token_bytes(32)).decode("ascii"), "keyed_from": _head_seq(engine)}
        _write_private(path, json.dumps(body, indent=1).encode("utf-8"))
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        secret = base64.b64decode(body["secret"])
        keyed_from = int(body["keyed_from"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path} is not an ipdesk audit secret: {exc}") from None
    if len(secret) < 32:
        raise ValueError(f"{path}: the audit secret is too short")
    return secret, keyed_from


def attach(engine: Engine, keys_dir: Path, data_dir: Path, signer: Callable[[], Any] | None = None) -> AuditKeys:
    """Key this engine's audit log with the data folder's secret; checkpoints go to the data folder."""
    secret, keyed_from = load_or_create_secret(keys_dir, engine)
    keys = AuditKeys(secret, keyed_from, Path(data_dir) / CHECKPOINTS_FILE, signer)
    _ATTACHED[engine] = keys
    return keys


def keys_of(engine: Engine, committed_head: int | None = None) -> AuditKeys:
    """The engine's audit keys; an engine opened without a data folder (a test, a script) gets a secret of
    its own for as long as it lives, keyed from the committed head."""
    found = _ATTACHED.get(engine)
    if found is None:
        head = committed_head if committed_head is not None else _head_seq(engine)
        found = _ATTACHED[engine] = AuditKeys(secrets.token_bytes(32), head)
    return found


# ------------------------------------------------------------------------------------------ checkpoints


def checkpoint_text(seq: int, head_hash: str, key_id: str) -> bytes:
    return f"{CHECKPOINT_VERSION}|{seq}|{head_hash}|{key_id}".encode("ascii")


def write_checkpoint(keys: AuditKeys, seq: int, head_hash: str, now: datetime) -> None:
    """Append the signed head to the checkpoint file (after the commit; a failure is logged, not raised:
    the act is committed and the next checkpoint covers it)."""
    if keys.checkpoints is None:
        return
    try:
        signer = keys.signer() if keys.signer is not None else None
        key_id = signature = None
        if signer is not None:  # unsigned until the office key is in use: still outside the database
            key_id = signer.key_id
            raw = signer.sign(checkpoint_text(seq, head_hash, key_id))
            signature = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
        line = json.dumps({"seq": seq, "hash": head_hash, "at": now.isoformat(), "key_id": key_id,
                           "signature": signature})
        keys.checkpoints.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(keys.checkpoints, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except Exception:  # never let a checkpoint undo a committed act
        _log.exception("could not write the audit checkpoint")


def read_checkpoints(path: Path) -> list[dict[str, Any]]:
    """Checkpoints from a checkpoint file (JSON lines) or an exported anchor file (JSON with a list)."""
    raw = Path(path).read_text(encoding="utf-8")
    try:
        whole = json.loads(raw)
    except ValueError:
        whole = None
    if isinstance(whole, dict) and "checkpoints" in whole:
        return list(whole["checkpoints"])
    if isinstance(whole, dict):
        return [whole]
    return [json.loads(line) for line in raw.splitlines() if line.strip()]
