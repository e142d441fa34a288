"""Office key, signed payloads and offline verification (ipdesk.reports.common.seal)."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ipdesk.domain.notices.notice import canonical_content, content_digest, sample_notice, sample_search_certificate
from ipdesk.reports.common.seal import (
    KEY_FILE,
    OfficeKey,
    VerifyStatus,
    b64u,
    load_public_key,
    parse_payload,
    sign_document,
    trusted_keys,
    verify_payload,
)


@pytest.fixture(scope="module")
def key() -> OfficeKey:
    return OfficeKey.generate()


@pytest.fixture(scope="module")
def other_key() -> OfficeKey:
    return OfficeKey.generate()


def test_load_or_create_makes_a_private_0600_key_once(tmp_path: Path) -> None:
    d = tmp_path / "keys"
    k1 = OfficeKey.load_or_create(d)
    path = d / KEY_FILE
    assert path.is_file()
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in d.iterdir()] == [KEY_FILE]  # no temp file left
    k2 = OfficeKey.load_or_create(d)
    assert k2.key_id == k1.key_id
    assert len(k1.key_id) == 16 and int(k1.key_id, 16) >= 0


def test_public_pem_export_round_trip(key: OfficeKey) -> None:
    pem = key.public_pem()
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----")
    pub = load_public_key(pem)
    assert isinstance(pub, Ed25519PublicKey)
    assert list(trusted_keys(pem)) == [key.key_id]
    assert list(trusted_keys(pem.decode(), key, key.public_key)) == [key.key_id]


def test_payload_format_is_short_and_deterministic(key: OfficeKey) -> None:
    n = sample_notice()
    payload = sign_document(n, key)
    parts = payload.split("|")
    assert parts[0] == "IPD1" and parts[1] == n.serial and parts[3] == key.key_id
    assert len(parts[2]) == 43 and len(parts[4]) == 86
    assert len(payload) <= 180  # fits a version-9 QR at level M
    p = parse_payload(payload)
    assert p.digest_hex == content_digest(n)
    assert sign_document(n, key) == payload  # Ed25519 is deterministic: reprints carry the same code


def test_genuine_with_notice_bytes_or_nothing(key: OfficeKey) -> None:
    n = sample_notice()
    payload = sign_document(n, key)
    keys = trusted_keys(key)
    r = verify_payload(payload, n, keys, set())
    assert r.status == VerifyStatus.GENUINE and r.ok and r.content_checked and r.serial == n.serial
    assert "真实" in r.reason_zh and "genuine" in r.reason_en
    assert verify_payload(payload, canonical_content(n), keys, set()).status == VerifyStatus.GENUINE
    only_qr = verify_payload(payload + "\n", None, keys, set())
    assert only_qr.status == VerifyStatus.GENUINE and not only_qr.content_checked
    assert only_qr.code == "verify.genuine_unchecked"


def test_one_character_change_is_altered(key: OfficeKey) -> None:
    n = sample_notice()
    payload = sign_document(n, key)
    keys = trusted_keys(key)
    changed = replace(n, pledgee=replace(n.pledgee, name="中国银行股份有限公司镇江支行"))
    r = verify_payload(payload, changed, keys, set())
    assert r.status == VerifyStatus.ALTERED and r.code == "verify.digest_mismatch"
    raw = canonical_content(n)
    tampered = raw.replace(b"12345678.90", b"12345678.98")
    assert tampered != raw
    assert verify_payload(payload, tampered, keys, set()).status == VerifyStatus.ALTERED
    assert verify_payload(payload, replace(n, secured_amount=Decimal("12345678.91")), keys,
                          set()).status == VerifyStatus.ALTERED


def test_tampered_payload_is_altered(key: OfficeKey) -> None:
    n = sample_notice()
    payload = sign_document(n, key)
    keys = trusted_keys(key)
    parts = payload.split("|")
    other = sample_notice(serial="N2026-000999")
    forged_digest = "|".join([*parts[:2], b64u(bytes.fromhex(content_digest(other))), *parts[3:]])
    assert verify_payload(forged_digest, other, keys, set()).code == "verify.bad_signature"
    forged_serial = "|".join([parts[0], "N2026-000124", *parts[2:]])
    assert verify_payload(forged_serial, None, keys, set()).status == VerifyStatus.ALTERED
    sig = parts[4]
    flipped = sig[:10] + ("A" if sig[10] != "A" else "B") + sig[11:]
    assert verify_payload("|".join([*parts[:4], flipped]), n, keys, set()).status == VerifyStatus.ALTERED


def test_wrong_key_is_unknown(key: OfficeKey, other_key: OfficeKey) -> None:
    n = sample_notice()
    payload = sign_document(n, other_key)
    r = verify_payload(payload, n, trusted_keys(key), set())
    assert r.status == VerifyStatus.UNKNOWN and r.code == "verify.unknown_key"
    assert other_key.key_id in r.reason_zh
    # a trusted entry filed under the wrong id is not accepted either
    assert verify_payload(payload, n, {other_key.key_id: key.public_key}, set()).status == VerifyStatus.UNKNOWN


def test_revoked_serial(key: OfficeKey) -> None:
    n = sample_notice()
    payload = sign_document(n, key)
    r = verify_payload(payload, n, trusted_keys(key), {n.serial})
    assert r.status == VerifyStatus.REVOKED and "撤销" in r.reason_zh and "revoked" in r.reason_en
    # altered beats revoked: a forged notice with a revoked serial is reported as altered
    changed = replace(n, remarks="x")
    assert verify_payload(payload, changed, trusted_keys(key), {n.serial}).status == VerifyStatus.ALTERED


def test_registry_of_issued_serials(key: OfficeKey) -> None:
    n = sample_notice()
    payload = sign_document(n, key)
    keys = trusted_keys(key)
    assert verify_payload(payload, None, keys, set(), {n.serial: content_digest(n)}).ok
    r = verify_payload(payload, None, keys, set(), {"N2026-000001": "00" * 32})
    assert r.status == VerifyStatus.UNKNOWN and r.code == "verify.unknown_serial"
    r = verify_payload(payload, None, keys, set(), {n.serial: "00" * 32})
    assert r.status == VerifyStatus.ALTERED and r.code == "verify.registry_mismatch"


@pytest.mark.parametrize("text", ["", "hello", "IPD2|a|b|c|d", "IPD1|N1|x|y|z", "https://example.com/?q=1",
                                  "IPD1|N2026-000123|AAAA|0123456789abcdef|BBBB"])
def test_malformed_payload_is_unknown(key: OfficeKey, text: str) -> None:
    r = verify_payload(text, None, trusted_keys(key), set())
    assert r.status == VerifyStatus.UNKNOWN and r.code == "verify.malformed"


def test_search_certificate_is_signed_the_same_way(key: OfficeKey) -> None:
    c = sample_search_certificate(3)
    payload = sign_document(c, key)
    assert verify_payload(payload, c, trusted_keys(key), set()).ok
    assert verify_payload(payload, replace(c, query=c.query + "。"), trusted_keys(key),
                          set()).status == VerifyStatus.ALTERED


def test_serial_must_be_payload_safe(key: OfficeKey) -> None:
    with pytest.raises(ValueError):
        sign_document(sample_notice(serial="N|1"), key)
    with pytest.raises(ValueError):
        sign_document(sample_notice(serial="编号1"), key)
