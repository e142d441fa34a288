"""``audit verify --anchor`` checks the anchors' signatures, on both engines: a checkpoint export or the data
folder's checkpoint file that was forged (a head edited under its old signature) or re-signed with a key that
is not an office key of the register, and a notice PDF whose signed content was edited, are refused (no
evidence about the log either way), each with the reason; a genuine export still verifies; an unreadable
anchor file is bad input."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import pytest

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.reports.common.seal import OfficeKey, b64u, unb64u
from ipdesk.services.audit.keys import checkpoint_text
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


@pytest.fixture
def signed(workstation: Workstation, tmp_path: Path) -> tuple[Workstation, Path, Path]:
    """A register whose office key is in use (a notice printed), one more act, and an export."""
    world = pledge_world(workstation)
    rec = workstation.pledges.file(ADMIN, application_data(world), received=D)
    workstation.pledges.register(ADMIN, rec.id, on=D)
    pdf = tmp_path / "n.pdf"
    workstation.notices.print_notice(ADMIN, rec.id, NoticeKind.REGISTRATION, pdf)
    workstation.pledges.change(ADMIN, rec.id, secured_amount="2000000.00", on=D)  # a later, signed checkpoint
    export = tmp_path / "checkpoints.json"
    workstation.audit.export_checkpoints(export)
    body = json.loads(export.read_text())
    assert any(c["signature"] for c in body["checkpoints"])
    return workstation, export, pdf


def anchors(report: dict, source: str) -> list[dict]:
    return [a for a in report["anchors"] if a["source"] == source]


def test_a_genuine_export_and_notice_verify(signed: tuple[Workstation, Path, Path]) -> None:
    ws, export, pdf = signed
    report = ws.audit.verify([export, pdf]).to_json()
    assert report["ok"], report
    assert all(a["ok"] and not a.get("refused") for a in report["anchors"])


def _edit_export(export: Path, change) -> None:  # type: ignore[no-untyped-def]
    body = json.loads(export.read_text())
    change(body)
    export.write_text(json.dumps(body))


def test_a_forged_checkpoint_is_refused(signed: tuple[Workstation, Path, Path]) -> None:
    ws, export, _pdf = signed

    def forge(body: dict) -> None:
        last = next(c for c in reversed(body["checkpoints"]) if c["signature"])
        last["hash"] = "f" * 64  # a head the log never had, under the real signature
    _edit_export(export, forge)
    report = ws.audit.verify([export]).to_json()
    assert not report["ok"] and "checkpoints.json" in report["reason"] and "forged" in report["reason"]
    [bad] = [a for a in anchors(report, "checkpoints.json") if not a["ok"]]
    assert bad["refused"] and "signature does not match" in bad["reason"]


def test_a_re_signed_checkpoint_file_is_refused(signed: tuple[Workstation, Path, Path]) -> None:
    """Someone rewrites the heads and signs them with a key of their own, shipping its public key along."""
    ws, export, _pdf = signed
    other = OfficeKey.generate()

    def re_sign(body: dict) -> None:
        for c in body["checkpoints"]:
            c["hash"] = "e" * 64
            c["key_id"] = other.key_id
            raw = other.sign(checkpoint_text(c["seq"], c["hash"], other.key_id))
            c["signature"] = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
        body["public_keys"] = {other.key_id: other.public_pem().decode("ascii")}
    _edit_export(export, re_sign)
    report = ws.audit.verify([export]).to_json()
    assert not report["ok"] and "re-signed" in report["reason"]
    assert all(a["refused"] and not a["ok"] for a in anchors(report, "checkpoints.json"))


def test_the_data_folders_own_file_is_checked_too(signed: tuple[Workstation, Path, Path]) -> None:
    ws, _export, _pdf = signed
    local = ws.config.data_dir / "audit_checkpoints.jsonl"
    lines = [json.loads(line) for line in local.read_text().splitlines()]
    signed_line = next(c for c in reversed(lines) if c["signature"])
    signed_line["seq"] += 1000  # moved under its signature
    local.write_text("".join(json.dumps(c) + "\n" for c in lines))
    report = ws.audit.verify([]).to_json()
    assert not report["ok"] and "audit_checkpoints.jsonl" in report["reason"] and "forged" in report["reason"]


def test_a_notice_pdf_with_edited_content_is_no_anchor(signed: tuple[Workstation, Path, Path],
                                                       tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    ws, _export, pdf = signed
    writer = PdfWriter(clone_from=PdfReader(pdf))
    assert writer._info is not None
    info = writer._info.get_object()
    body = json.loads(unb64u(str(info["/IPDeskContent"])))
    seq, _hash = body["audit_position"].split(":")
    body["audit_position"] = f"{int(seq) + 50}:{'d' * 64}"  # claims the log once went further
    edited = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    info[NameObject("/IPDeskContent")] = TextStringObject(b64u(edited))
    forged = tmp_path / "forged.pdf"
    with forged.open("wb") as fh:
        writer.write(fh)
    report = ws.audit.verify([forged]).to_json()
    mine = anchors(report, "forged.pdf")
    assert mine and all(a["refused"] and not a["ok"] for a in mine), mine
    assert "does not verify" in report["reason"]
    # a rolled-back log is still what a genuine notice catches: the refusal is about the file only
    assert all(a["ok"] for a in anchors(ws.audit.verify([pdf]).to_json(), "n.pdf"))


def test_an_unreadable_anchor_file_is_bad_input(signed: tuple[Workstation, Path, Path], tmp_path: Path) -> None:
    ws, _export, _pdf = signed
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    with pytest.raises(ValidationError) as err:
        ws.audit.verify([junk])
    assert err.value.problems[0].code == "audit.anchor_unreadable"
