"""The office signing key's life: first use, rotation, import, retirement, passphrase, public export.

The register records every office key it has used (``trusted_keys`` with ``office`` set) with its validity
period (``valid_from``, ``valid_until``: set when it is retired, by a rotation, an import or by hand). The
key file in the data folder must be one of the register's current office keys: a file replaced behind
ipdesk's back (another key, or a retired one) is refused before anything is signed, and only an
administrator's audited ``rotate`` or ``import`` changes it (the entry names the old and the new key id).
The private key file may be encrypted with a passphrase (PKCS#8, ``IPDESK_KEY_PASSPHRASE`` or the caller).
Old notices keep verifying after a rotation: their key stays trusted, with the period it was valid in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.shared.changes import Changes
from ipdesk.domain.shared.clock import Clock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import SYSTEM, Action, Actor
from ipdesk.domain.shared.problems import DomainError, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.uow import changes_so_far, note, reading, transaction
from ipdesk.storage.schema import TrustedKeyRow

if TYPE_CHECKING:
    from ipdesk.reports.common.seal import OfficeKey

register(
    {
        "key.replaced": ("密钥文件 {path} 中的密钥 {found} 不是登记簿记录的本机构签发密钥（{expected}）："
                         "文件可能被替换，已拒绝使用。确需更换密钥的，"
                         "请由管理员执行“ipdesk key rotate”或“ipdesk key import”",
                         "the key in {path} ({found}) is not the register's office signing key ({expected}): the "
                         "file may have been replaced, so it is refused. To change the key, an administrator runs "
                         "'ipdesk key rotate' or 'ipdesk key import'"),
        "key.retired_file": ("密钥文件 {path} 中的密钥 {found} 已于 {at} 停用，不能再签发",
                             "the key in {path} ({found}) was retired on {at} and signs nothing more"),
        "key.passphrase_needed": ("签发密钥 {path} 受口令保护：请提供口令（IPDESK_KEY_PASSPHRASE）",
                                  "the signing key {path} is protected by a passphrase: give it "
                                  "(IPDESK_KEY_PASSPHRASE)"),
        "key.passphrase_wrong": ("签发密钥 {path} 的口令不正确", "wrong passphrase for the signing key {path}"),
        "key.unreadable": ("无法读取私钥：{reason}", "the private key cannot be read: {reason}"),
        "key.unknown": ("没有编号为 {key_id} 的密钥", "no key with id {key_id}"),
        "key.already_retired": ("密钥 {key_id} 已停用", "key {key_id} is already retired"),
    }
)

PASSPHRASE_ENV = "IPDESK_KEY_PASSPHRASE"


@dataclass(frozen=True)
class KeyPeriod:
    """A key the register knows, with the period it signs in (``valid_until`` None: still current)."""

    key_id: str
    office: bool
    label: str
    valid_from: datetime | None
    valid_until: datetime | None
    public_pem: str

    def to_json(self) -> dict[str, Any]:
        return {"key_id": self.key_id, "office": self.office, "label": self.label,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_until": self.valid_until.isoformat() if self.valid_until else None}


def _read_key(path: Path, passphrase: str | None) -> OfficeKey:
    from ipdesk.reports.common.seal import OfficeKey

    try:
        return OfficeKey.from_pem(path.read_bytes(), passphrase, path)
    except TypeError as exc:  # cryptography: encrypted key without a password, or a password for a plain one
        if passphrase is None:
            raise RuleRefusal(Problem("key.passphrase_needed", "passphrase", {"path": str(path)})) from exc
        raise RuleRefusal(Problem("key.unreadable", "key", {"reason": str(exc)})) from exc
    except ValueError as exc:
        if passphrase is not None and b"ENCRYPTED" in path.read_bytes()[:64]:
            raise RuleRefusal(Problem("key.passphrase_wrong", "passphrase", {"path": str(path)})) from exc
        raise RuleRefusal(Problem("key.unreadable", "key", {"reason": str(exc)})) from exc


class OfficeKeys:
    """The office key of one data folder, checked against the register on every load."""

    def __init__(self, engine: Engine, keys_dir: Path, clock: Clock,
                 passphrase: Callable[[], str | None] | None = None):
        self.engine, self.keys_dir, self.clock = engine, Path(keys_dir), clock
        self._given = passphrase or (lambda: os.environ.get(PASSPHRASE_ENV) or None)
        self._supplied: str | None = None  # typed by the user this session (the GUI's prompt)
        self._key: OfficeKey | None = None
        self._in_use = False  # the register has the loaded key as a current office key

    def _passphrase(self) -> str | None:
        return self._supplied if self._supplied is not None else self._given()

    def supply_passphrase(self, passphrase: str) -> None:
        """The passphrase the user typed (the GUI asks when a command was refused for want of it): used for
        this session instead of the configured source; held in memory only, never written."""
        self._supplied = passphrase
        self._key = None  # read the file again with it

    @property
    def path(self) -> Path:
        from ipdesk.reports.common.seal import KEY_FILE

        return self.keys_dir / KEY_FILE

    def key(self) -> OfficeKey:
        """The office key (the file created on first use); refused if the file is not the register's office
        key. Reading writes nothing: a key the register does not know yet comes into use by signing."""
        if self._key is None:
            from ipdesk.reports.common.seal import OfficeKey

            if not self.path.exists():
                OfficeKey.load_or_create(self.keys_dir)
            key = _read_key(self.path, self._passphrase())
            self._in_use = self._check_or_adopt(key, adopt=False)
            self._key = key
        return self._key

    def for_signing(self) -> OfficeKey:
        """The office key about to sign: brought into use first (an audited key.create) if it is new."""
        key = self.key()
        if not self._in_use:
            self._in_use = self._check_or_adopt(key, adopt=True)
        return key

    def signer(self) -> OfficeKey | None:
        """What the audit checkpoints are signed with: the office key if the register already accepts it,
        read without side effects (no key is created or adopted from a commit's aftermath); else None and
        the checkpoint is written unsigned (still an anchor outside the database)."""
        if self._key is None and self.path.exists():
            try:
                key = _read_key(self.path, self._passphrase())
                with reading(self.engine) as session:
                    row = session.get(TrustedKeyRow, key.key_id)
                    if row is None or not row.office or row.valid_until is not None:
                        return None
                self._key, self._in_use = key, True
            except DomainError:
                return None
        return self._key if self._in_use else None

    def _office_rows(self, session: Session) -> list[TrustedKeyRow]:
        return list(session.execute(select(TrustedKeyRow).where(TrustedKeyRow.office.is_(True))).scalars())

    def _check_or_adopt(self, key: OfficeKey, adopt: bool) -> bool:
        """Refuse a replaced or retired key file; True if the key is in use (adopting it if asked)."""
        with transaction(self.engine, self.clock) as session:
            rows = self._office_rows(session)
            mine = next((r for r in rows if r.key_id == key.key_id), None)
            if mine is not None and mine.valid_until is None:
                return True
            if mine is not None:
                raise RuleRefusal(Problem("key.retired_file", "key", {
                    "path": str(self.path), "found": key.key_id, "at": mine.valid_until}))
            current = [r.key_id for r in rows if r.valid_until is None]
            if current:
                raise RuleRefusal(Problem("key.replaced", "key", {
                    "path": str(self.path), "found": key.key_id, "expected": "、".join(current)}))
            if not adopt:
                return False
            # The register has no office key yet: this is the first one (an audited act, not a silent trust).
            self._add(session, key)
            audit.record(session, SYSTEM, "key.create", "key", None, f"启用本机构签发密钥 {key.key_id}",
                         None, {"key_id": key.key_id})
            return True

    def _add(self, session: Session, key: OfficeKey) -> None:
        now = self.clock.now()
        row = session.get(TrustedKeyRow, key.key_id)
        if row is None:
            row = TrustedKeyRow(key_id=key.key_id, public_pem=key.public_pem().decode("ascii"),
                                label="本机登记机关密钥")
            session.add(row)
        row.office, row.valid_from, row.valid_until = True, row.valid_from or now, None
        note(session, "keys")

    def _retire(self, session: Session, key_id: str) -> None:
        row = session.get(TrustedKeyRow, key_id)
        if row is not None and row.valid_until is None:
            row.valid_until = self.clock.now()

    def _install(self, actor: Actor, new: OfficeKey, action: str, passphrase: str | None) -> Changes:
        """Make ``new`` the office key: the old file kept under keys/retired/, its key retired; audited."""
        old_id = None
        if self.path.exists():
            try:
                old_id = _read_key(self.path, self._passphrase()).key_id
            except RuleRefusal:
                old_id = None  # an unreadable old file is still moved aside, not deleted
        with transaction(self.engine, self.clock) as session:
            for row in self._office_rows(session):
                if row.key_id != new.key_id and (old_id is None or row.key_id == old_id):
                    self._retire(session, row.key_id)
            self._add(session, new)
            audit.record(session, actor, f"key.{action}", "key", None,
                         f"更换签发密钥：{old_id or '—'} → {new.key_id}", {"key_id": old_id}, {"key_id": new.key_id})
            if self.path.exists():
                retired = self.keys_dir / "retired"
                retired.mkdir(mode=0o700, exist_ok=True)
                os.replace(self.path, retired / f"office_ed25519-{old_id or 'unreadable'}.pem")
            new.save(self.path, passphrase)
            changes = changes_so_far(session)
        self._key, self._in_use = new, True
        return changes

    def rotate(self, actor: Actor, passphrase: str | None = None) -> Changes:
        """A new office key (the old one retired, still trusted for what it signed)."""
        from ipdesk.reports.common.seal import OfficeKey

        actor.require(Action.ADMINISTER)
        return self._install(actor, OfficeKey.generate(), "rotate", passphrase)

    def import_key(self, actor: Actor, pem: bytes, passphrase: str | None = None) -> Changes:
        """Make a private key from elsewhere (another desk of the office, a backup) this desk's office key."""
        from ipdesk.reports.common.seal import OfficeKey

        actor.require(Action.ADMINISTER)
        try:
            new = OfficeKey.from_pem(pem, passphrase)
        except (TypeError, ValueError) as exc:
            raise ValidationError(Problem("key.unreadable", "key", {"reason": str(exc)})) from exc
        with reading(self.engine) as session:
            known = session.get(TrustedKeyRow, new.key_id)
            if known is not None and known.valid_until is not None:
                raise RuleRefusal(Problem("key.already_retired", "key", {"key_id": new.key_id}))
        return self._install(actor, new, "import", passphrase)

    def retire(self, actor: Actor, key_id: str) -> Changes:
        """Retire a key: it signs nothing more; what it signed while valid still verifies."""
        actor.require(Action.ADMINISTER)
        with transaction(self.engine, self.clock) as session:
            row = session.get(TrustedKeyRow, key_id)
            if row is None:
                raise RuleRefusal(Problem("key.unknown", "key_id", {"key_id": key_id}))
            if row.valid_until is not None:
                raise RuleRefusal(Problem("key.already_retired", "key_id", {"key_id": key_id}))
            self._retire(session, key_id)
            note(session, "keys")
            audit.record(session, actor, "key.retire", "key", None, f"停用密钥 {key_id}", {"key_id": key_id},
                         {"key_id": None})
            changes = changes_so_far(session)
        if self._key is not None and self._key.key_id == key_id:
            self._key = None
        return changes

    def protect(self, actor: Actor, passphrase: str | None) -> Changes:
        """Encrypt the key file with ``passphrase`` (None: store it plain); the key itself is unchanged."""
        actor.require(Action.ADMINISTER)
        key = self.key()
        with transaction(self.engine, self.clock) as session:
            audit.record(session, actor, "key.protect", "key", None,
                         f"{'设置' if passphrase else '取消'}签发密钥 {key.key_id} 的口令", None,
                         {"key_id": key.key_id, "passphrase": bool(passphrase)})
            key.save(self.path, passphrase, replace=True)
            return changes_so_far(session)

    def periods(self) -> list[KeyPeriod]:
        with reading(self.engine) as session:
            rows = session.execute(select(TrustedKeyRow).order_by(TrustedKeyRow.added_at)).scalars()
            return [KeyPeriod(r.key_id, bool(r.office), r.label, r.valid_from, r.valid_until, r.public_pem)
                    for r in rows]

    def export_public(self, path: Path) -> list[KeyPeriod]:
        """Every key the register has used or trusts, each PEM followed by a line with its id and validity
        period; the current office key comes first, so a reader of one key gets the current one."""
        from ipdesk.services.notices.printing import atomic_write

        current = self.for_signing().key_id  # an exported key is one in use
        periods = sorted(self.periods(), key=lambda p: p.key_id != current)
        lines = []
        for p in periods:
            until = p.valid_until.isoformat() if p.valid_until else "current"
            since = p.valid_from.isoformat() if p.valid_from else "-"
            lines.append(p.public_pem.strip())
            lines.append(f"key_id {p.key_id} {'office' if p.office else 'trusted'} valid {since} .. {until}")
        atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
        return periods
