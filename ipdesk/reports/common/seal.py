"""The office seal in software: an Ed25519 key that signs each notice's serial and content digest.

Payload (the QR text, also stored in the PDF)::

    IPD1|<serial>|<digest>|<key_id>|<signature>

* ``digest``: SHA-256 of the canonical content (:func:`ipdesk.domain.notices.notice.canonical_content`),
  base64url without padding (43 chars);
* ``key_id``: first 16 hex digits of SHA-256 of the raw 32-byte public key;
* ``signature``: Ed25519 over the UTF-8 bytes of everything before the last ``|`` (so the version, serial,
  digest and key id are all signed), base64url without padding (86 chars).

About 165 characters: a version-8/9 QR at error correction M (49–53 modules, ≈0.6 mm each at 30 mm).
Ed25519 signatures are deterministic, so a reprint of the same content carries the same payload.

Verification is offline: the caller passes the trusted public keys, the revoked serials and, when it
has the register, the issued serials with their digests. Whoever edits the visible text or the content
cannot produce a new valid signature without the private key, so any change shows as *altered*.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ipdesk.domain.notices.notice import Document, Notice, SearchCertificate, canonical_content, digest_of
from ipdesk.domain.shared.messages import Message, register

PAYLOAD_VERSION = "IPD1"
KEY_FILE = "office_ed25519.pem"
_SERIAL_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}")

register(
    {
        "verify.genuine": ("真实：编号 {serial} 由密钥 {key_id} 签发，内容与签名一致",
                           "genuine: serial {serial} was issued under key {key_id} and the content matches"),
        "verify.genuine_unchecked": (
            "签名有效：编号 {serial} 由密钥 {key_id} 签发；未提供文件内容，请将纸面内容与登记簿核对",
            ("valid signature: serial {serial} was issued under key {key_id}; no content was given, "
             "compare the printed text with the register")),
        "verify.qr_only": (
            "二维码有效：编号 {serial} 由密钥 {key_id} 签发，登记簿有此编号且内容摘要一致、未撤销。"
            "这只证明机关出具过该编号的文件，不证明纸面文字未被改动：请将纸面与下列登记簿内容逐项核对",
            ("valid code: serial {serial} was issued under key {key_id}, the register has it with the same "
             "digest and it is not revoked. This proves the office issued that document, not that the paper "
             "was left unchanged: compare the paper with the register's content below item by item")),
        "verify.content_missing": (
            "PDF 不含签名内容（已被删除或损坏），无法与签发版本核对，不能认定为真实",
            "the PDF lacks its signed content (removed or damaged): it cannot be compared with the issued "
            "document and is not genuine"),
        "verify.key_retired": ("编号 {serial} 的签发密钥 {key_id} 已于 {at} 停用，该文件在停用后出具，不能确认",
                               "serial {serial} was signed under key {key_id}, retired on {at} before the "
                               "document was issued"),
        "verify.pages_unchecked": ("编号 {serial} 的签名有效，但本版本无法重新排印其内容以核对页面",
                                   "serial {serial}: the signature is valid but this version cannot lay out "
                                   "its content to compare the pages"),
        "verify.pages_differ": ("PDF 页面与签名内容应印出的页面不符：{what}",
                                "the PDF's pages differ from what the office prints for the signed content: "
                                "{what}"),
        "verify.malformed": ("无法识别的验证码：不是 ipdesk 通知书的二维码内容",
                             "unrecognised code: not an ipdesk notice payload"),
        "verify.unknown_key": ("签发密钥 {key_id} 不在信任的公钥列表中，无法确认出具机关",
                               "signing key {key_id} is not among the trusted public keys"),
        "verify.bad_signature": ("签名无效：二维码内容被篡改或伪造",
                                 "invalid signature: the code was altered or forged"),
        "verify.digest_mismatch": ("内容与签名不符：编号 {serial} 的文件内容已被修改",
                                   "content does not match the signature: serial {serial} was altered"),
        "verify.unknown_serial": ("编号 {serial} 不在登记簿的出具记录中",
                                  "serial {serial} is not in the register's issue log"),
        "verify.registry_mismatch": ("编号 {serial} 的内容摘要与登记簿记录不符",
                                     "serial {serial}: the digest differs from the register's record"),
        "verify.revoked": ("编号 {serial} 的文件已被撤销（作废）", "serial {serial} has been revoked"),
        "verify.no_payload": ("该 PDF 不含 ipdesk 验证信息", "the PDF carries no ipdesk verification data"),
        "verify.visible_text": ("PDF 显示的文字与签名内容不符（{what}）",
                                "the PDF's visible text differs from the signed content ({what})"),
    }
)


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id_of(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_key(data: Any) -> Ed25519PublicKey:
    """An Ed25519 public key from a key object, an OfficeKey, PEM (bytes/str) or 32 raw bytes."""
    if isinstance(data, Ed25519PublicKey):
        return data
    if isinstance(data, OfficeKey):
        return data.public_key
    if isinstance(data, str):
        data = data.encode("ascii")
    if isinstance(data, bytes) and len(data) == 32:
        return Ed25519PublicKey.from_public_bytes(data)
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise TypeError("not an Ed25519 public key")
    return key


def trusted_keys(*keys: Any) -> dict[str, Ed25519PublicKey]:
    """``{key_id: public_key}`` for :func:`verify_payload` from keys in any form :func:`load_public_key` takes."""
    out = {}
    for k in keys:
        pk = load_public_key(k)
        out[key_id_of(pk)] = pk
    return out


class OfficeKey:
    """The office's Ed25519 signing key."""

    def __init__(self, private_key: Ed25519PrivateKey, path: Path | None = None):
        self._private = private_key
        self.path = path
        self.public_key = private_key.public_key()
        self.key_id = key_id_of(self.public_key)

    @classmethod
    def generate(cls) -> OfficeKey:
        """An in-memory key (tests, benchmarks)."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load_or_create(cls, directory: Path) -> OfficeKey:
        """Load ``<directory>/office_ed25519.pem``; on first use create it (PKCS8 PEM, mode 0600).

        Creation is atomic (write a temp file, then hard-link it into place), so two processes starting
        at once end up with the same key rather than overwriting each other's.
        """
        directory = Path(directory)
        path = directory / KEY_FILE
        if not path.exists():
            directory.mkdir(parents=True, exist_ok=True)
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
            fd, tmp = tempfile.mkstemp(prefix=".office_key.", dir=directory)  # mkstemp creates 0600
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(pem)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, 0o600)
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    pass  # another process won the race: use its key
            finally:
                os.unlink(tmp)
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise TypeError(f"{path} is not an Ed25519 private key")
        return cls(private, path)

    @classmethod
    def from_pem(cls, pem: bytes, passphrase: str | None = None, path: Path | None = None) -> OfficeKey:
        """A key from PKCS#8 PEM, encrypted with ``passphrase`` or plain (``TypeError``/``ValueError`` from
        ``cryptography`` when the passphrase is missing, superfluous or wrong, or it is no Ed25519 key)."""
        private = serialization.load_pem_private_key(pem, password=passphrase.encode("utf-8") if passphrase else None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError("not an Ed25519 private key")
        return cls(private, path)

    def private_pem(self, passphrase: str | None = None) -> bytes:
        encryption: Any = (serialization.BestAvailableEncryption(passphrase.encode("utf-8")) if passphrase
                           else serialization.NoEncryption())
        return self._private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)

    def save(self, path: Path, passphrase: str | None = None, replace: bool = False) -> None:
        """Write the private key to ``path`` (0600, atomically; an existing file only with ``replace``)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".office_key.", dir=path.parent)  # mkstemp creates 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(self.private_pem(passphrase))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            if replace:
                os.replace(tmp, path)
            else:
                os.link(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.path = path

    def public_pem(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


# ------------------------------------------------------------------------------------------- payload


@dataclass(frozen=True)
class Payload:
    version: str
    serial: str
    digest_hex: str
    key_id: str
    signature: bytes
    signed_part: bytes


def make_payload(serial: str, digest_hex: str, key: Any) -> str:
    """The QR text for ``serial`` with content digest ``digest_hex``, signed by ``key``
    (an :class:`OfficeKey` or anything with ``key_id`` and ``sign(bytes) -> bytes``)."""
    if not _SERIAL_RE.fullmatch(serial):
        raise ValueError(f"serial must be 1–40 characters of A–Z a–z 0–9 . _ / -: {serial!r}")
    digest = bytes.fromhex(digest_hex)
    if len(digest) != 32:
        raise ValueError("digest must be SHA-256 (64 hex digits)")
    signed = f"{PAYLOAD_VERSION}|{serial}|{b64u(digest)}|{key.key_id}"
    return f"{signed}|{b64u(key.sign(signed.encode('utf-8')))}"


def sign_document(doc: Document, key: Any) -> str:
    """The payload for a Notice or SearchCertificate."""
    return make_payload(doc.serial, digest_of(canonical_content(doc)), key)


def parse_payload(text: str) -> Payload:
    """Split a payload; ``ValueError`` if it is not an ``IPD1`` payload (signature not checked here)."""
    text = text.strip()
    parts = text.split("|")
    if len(parts) != 5 or parts[0] != PAYLOAD_VERSION:
        raise ValueError("not an IPD1 payload")
    version, serial, digest, key_id, sig = parts
    try:
        digest_raw, sig_raw = unb64u(digest), unb64u(sig)
    except (ValueError, binascii.Error):
        raise ValueError("bad base64url in payload") from None
    if (not _SERIAL_RE.fullmatch(serial) or len(digest_raw) != 32 or len(sig_raw) != 64
            or not re.fullmatch(r"[0-9a-f]{16}", key_id)):
        raise ValueError("malformed IPD1 payload")
    return Payload(version, serial, digest_raw.hex(), key_id, sig_raw,
                   text.rsplit("|", 1)[0].encode("utf-8"))


# -------------------------------------------------------------------------------------- verification


class VerifyStatus(enum.StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    UNKNOWN = "unknown"
    REVOKED = "revoked"


STATUS_LABELS: dict[VerifyStatus, tuple[str, str]] = {
    VerifyStatus.GENUINE: ("真实", "Genuine"),
    VerifyStatus.ALTERED: ("已被篡改", "Altered"),
    VerifyStatus.UNKNOWN: ("无法确认", "Unknown"),
    VerifyStatus.REVOKED: ("已撤销", "Revoked"),
}


@dataclass(frozen=True)
class VerifyResult:
    status: VerifyStatus
    serial: str
    code: str  # message code, e.g. "verify.digest_mismatch"
    params: dict[str, Any] = field(default_factory=dict)
    content_checked: bool = False  # the digest was compared with actual content
    pages_checked: bool = False  # every page was compared with the office's rendering of that content
    differences: tuple[Message, ...] = ()  # what differs from the office's rendering, where it can say
    register_content: dict[str, Any] | None = None  # the register's copy of the content (QR checks)

    @property
    def message(self) -> Message:
        """Why the result is what it is, coded: the reader's front end renders it."""
        return Message(self.code, dict(self.params))

    @property
    def reason_zh(self) -> str:
        return self.message.message("zh")

    @property
    def reason_en(self) -> str:
        return self.message.message("en")

    @property
    def ok(self) -> bool:
        return self.status == VerifyStatus.GENUINE


def verify_payload(
    payload_text: str,
    content: Notice | SearchCertificate | bytes | None,
    public_keys: Mapping[str, Any],
    revoked_serials: AbstractSet[str] = frozenset(),
    known_serials: Mapping[str, str] | None = None,
) -> VerifyResult:
    """Check a payload (QR text) offline.

    Args:
        content: the document or its canonical content bytes; ``None`` when only the QR was scanned
            (then the signature and the register are checked, the printed text is not).
        public_keys: trusted ``{key_id: key}`` (key objects, PEM or raw bytes; see :func:`trusted_keys`).
        revoked_serials: serials the office has revoked.
        known_serials: the register's issue log ``{serial: digest hex}``; ``None`` skips the check.

    Order: malformed → unknown; untrusted key → unknown; bad signature → altered; content digest differs
    → altered; serial not in the log → unknown; log digest differs → altered; revoked → revoked.
    """
    try:
        p = parse_payload(payload_text)
    except ValueError:
        return VerifyResult(VerifyStatus.UNKNOWN, "", "verify.malformed")
    params = {"serial": p.serial, "key_id": p.key_id}

    def result(status: VerifyStatus, code: str, checked: bool = False) -> VerifyResult:
        return VerifyResult(status, p.serial, code, params, checked)

    key_obj = public_keys.get(p.key_id)
    if key_obj is None:
        return result(VerifyStatus.UNKNOWN, "verify.unknown_key")
    try:
        pub = load_public_key(key_obj)
    except (ValueError, TypeError):
        return result(VerifyStatus.UNKNOWN, "verify.unknown_key")
    if key_id_of(pub) != p.key_id:
        return result(VerifyStatus.UNKNOWN, "verify.unknown_key")
    try:
        pub.verify(p.signature, p.signed_part)
    except InvalidSignature:
        return result(VerifyStatus.ALTERED, "verify.bad_signature")
    checked = content is not None
    if content is not None:
        raw = content if isinstance(content, bytes) else canonical_content(content)
        if digest_of(raw) != p.digest_hex:
            return result(VerifyStatus.ALTERED, "verify.digest_mismatch", True)
        if not isinstance(content, bytes) and content.serial != p.serial:
            return result(VerifyStatus.ALTERED, "verify.digest_mismatch", True)
    if known_serials is not None:
        logged = known_serials.get(p.serial)
        if logged is None:
            return result(VerifyStatus.UNKNOWN, "verify.unknown_serial", checked)
        if logged.lower() != p.digest_hex:
            return result(VerifyStatus.ALTERED, "verify.registry_mismatch", checked)
    if p.serial in revoked_serials:
        return result(VerifyStatus.REVOKED, "verify.revoked", checked)
    return result(VerifyStatus.GENUINE, "verify.genuine" if checked else "verify.genuine_unchecked", checked)
