"""A case's signed documents: the settlement statement and the transfer confirmation issued once each,
kept in the notices' issue log, and verified like a notice (signature, content and every page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.domain.disposal.documents import DocumentKind
from ipdesk.domain.shared.problems import RuleRefusal
from tests.helpers.factories import ADMIN
from tests.services.disposal.conftest import DOCS, World
from tests.services.disposal.test_cases import _to_settlement


def test_statement_and_confirmation_verify_like_notices(world: World, tmp_path: Path) -> None:
    world.defaulted_loan()
    cases = world.ws.disposal
    docs = cases.documents
    assert docs is not None
    case = cases.open(ADMIN, world.pledge.registration_no, scheme="germany").value
    _to_settlement(world, case.id)
    with pytest.raises(RuleRefusal) as early:
        docs.issue(ADMIN, case.id, DocumentKind.SETTLEMENT_STATEMENT)
    assert early.value.problems[0].code == "disposal.document_not_yet"
    cases.settle(ADMIN, case.id)
    statement = docs.issue(ADMIN, case.id, "settlement_statement")
    assert docs.issue(ADMIN, case.id, "settlement_statement").serial == statement.serial  # issued once
    assert [line.label for line in statement.document.shares] == ["联邦政府", "州政府", "贷款银行", "担保机构"]
    assert statement.document.paid[0].label == "处置及实现债权费用"
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(docs.render(statement))
    result = world.ws.notices.verify_file(pdf)
    assert result.ok and result.pages_checked, result
    with pytest.raises(RuleRefusal):
        docs.issue(ADMIN, case.id, DocumentKind.TRANSFER_CONFIRMATION)
    cases.advance(ADMIN, case.id)
    cases.advance(ADMIN, case.id, documents=DOCS["transfer"])
    confirmation = docs.issue(ADMIN, case.id, DocumentKind.TRANSFER_CONFIRMATION)
    assert confirmation.document.rights[0].new_owner == world.buyer.name
    assert confirmation.document.consent == "TY-1"
    pdf2 = tmp_path / "transfer.pdf"
    pdf2.write_bytes(docs.render(confirmation))
    assert world.ws.notices.verify_file(pdf2).ok
    listed = {d["code"]: d["reference"] for d in cases.get(ADMIN, case.id).documents if d["reference"].startswith("N")}
    assert listed == {"settlement_statement": statement.serial, "transfer_confirmation": confirmation.serial}
    world.ws.notices.notices_of(world.pledge.id)  # the pledge's notice list still reads (no disposal kinds in it)
    assert world.ws.audit.verify().ok


def test_a_settlement_statement_is_an_anchor_of_the_audit_log(world: World, tmp_path: Path) -> None:
    """Any signed document of the office holds the chain's head at its issue, not only notices: given as
    ``--anchor`` it verifies; with its signed content edited it is refused as evidence (not unreadable)."""
    world.defaulted_loan()
    cases = world.ws.disposal
    case = cases.open(ADMIN, world.pledge.registration_no, scheme="germany").value
    _to_settlement(world, case.id)
    cases.settle(ADMIN, case.id)
    docs = cases.documents
    assert docs is not None
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(docs.render(docs.issue(ADMIN, case.id, "settlement_statement")))
    report = world.ws.audit.verify([pdf]).to_json()
    mine = [a for a in report["anchors"] if a["source"] == pdf.name]
    assert report["ok"] and mine and all(a["ok"] for a in mine), report
    assert {a["anchor"] for a in mine} >= {"issue"}
    import json

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    from ipdesk.reports.common.seal import b64u, unb64u

    writer = PdfWriter(clone_from=PdfReader(pdf))
    assert writer._info is not None
    info = writer._info.get_object()
    body = json.loads(unb64u(str(info["/IPDeskContent"])))
    seq, _hash = body["audit_position"].split(":")
    body["audit_position"] = f"{int(seq) + 50}:{'d' * 64}"  # claims the log once went further
    edited_content = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    info[NameObject("/IPDeskContent")] = TextStringObject(b64u(edited_content))
    edited = tmp_path / "edited.pdf"
    with edited.open("wb") as fh:
        writer.write(fh)
    report = world.ws.audit.verify([edited]).to_json()
    theirs = [a for a in report["anchors"] if a["source"] == edited.name]
    assert theirs and all(a.get("refused") and not a["ok"] for a in theirs), theirs


def test_a_statement_serial_is_not_taken_for_a_notice(world: World, tmp_path: Path) -> None:
    """The statements share the notices' serials: asked for as a notice (show, reprint), the serial is
    refused with what it is and where it is reprinted, and nothing is printed or logged."""
    world.defaulted_loan()
    cases = world.ws.disposal
    case = cases.open(ADMIN, world.pledge.registration_no, scheme="germany").value
    _to_settlement(world, case.id)
    cases.settle(ADMIN, case.id)
    assert cases.documents is not None
    statement = cases.documents.issue(ADMIN, case.id, "settlement_statement")
    for attempt in (lambda: world.ws.notices.get(statement.serial),
                    lambda: world.ws.notices.reprint(ADMIN, statement.serial, tmp_path / "x.pdf")):
        with pytest.raises(RuleRefusal) as refused:
            attempt()
        problem = refused.value.problems[0]
        assert problem.code == "notice.other_document" and problem.params["what"] == "质押财产处置清偿分配表"
        assert "settlement statement" in refused.value.messages("en")[0]
    assert not (tmp_path / "x.pdf").exists()
