"""Notices on both engines: issued once per decision, identical reprints, verification, revocation,
batch printing with faults, register search (similar names, as-of), gazette export."""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.pledges.application import Document
from ipdesk.domain.shared.problems import NotFound, RuleRefusal
from ipdesk.reports.common.seal import VerifyStatus
from ipdesk.services.notices.gazette import export_gazette
from ipdesk.services.notices.register_search import SearchCriteria
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


def text_of(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.fixture
def registered(workstation: Workstation) -> tuple[Workstation, int]:
    world = pledge_world(workstation)
    rec = workstation.pledges.file(ADMIN, application_data(world), received=D)
    workstation.pledges.register(ADMIN, rec.id, on=D)
    return workstation, rec.id


def test_registration_notice_fields_and_identical_reprint(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    first = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "a.pdf")
    text = text_of(tmp_path / "a.pdf")
    for expected in ("专利权质押登记通知书", "Y2026980000001", "江苏恒顺新材料科技有限公司",
                     "中国银行股份有限公司镇江分行", "ZL 201710601862.3", "一种图像处理装置及方法", first.serial):
        assert expected in text, expected
    again = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "b.pdf")
    assert again.serial == first.serial
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    actions = [e.action for e in ws.pledges.history(pid)]
    assert actions.count("notice.issue") == 1 and "notice.reprint" in actions


def test_notice_not_available_in_this_state(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    with pytest.raises(RuleRefusal) as err:
        ws.notices.issue(ADMIN, pid, NoticeKind.CANCELLATION)
    assert "尚未注销" in err.value.messages()[0]
    with pytest.raises(NotFound):
        ws.notices.issue(ADMIN, 9999, NoticeKind.REGISTRATION)
    assert ws.notices.available_kinds(pid) == [NoticeKind.REGISTRATION]


def test_verify_genuine_altered_unknown_revoked(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    issued = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "n.pdf")
    assert ws.notices.verify_text(issued.payload).status is VerifyStatus.GENUINE
    assert ws.notices.verify_file(tmp_path / "n.pdf").status is VerifyStatus.GENUINE
    # one character of the signed content changed
    from ipdesk.domain.notices.notice import canonical_content

    content = canonical_content(issued.document).replace("恒顺".encode(), "恒须".encode())
    assert ws.notices.verify_text(issued.payload, content).status is VerifyStatus.ALTERED
    tampered = issued.payload[:-3] + ("A" if issued.payload[-3] != "A" else "B") + issued.payload[-2:]
    assert ws.notices.verify_text(tampered).status is VerifyStatus.ALTERED
    foreign = issued.payload.replace(issued.payload.split("|")[3], "0" * 16)
    assert ws.notices.verify_text(foreign).status is VerifyStatus.UNKNOWN
    ws.notices.revoke(ADMIN, issued.serial, "登记事项填写错误，已重新出具")
    assert ws.notices.verify_text(issued.payload).status is VerifyStatus.REVOKED
    with pytest.raises(RuleRefusal):
        ws.notices.revoke(ADMIN, issued.serial, "again")


def test_refusal_correction_change_cancellation_notices(workstation: Workstation, tmp_path: Path) -> None:
    world = pledge_world(workstation)
    bad = application_data(
        world, clauses=["parties", "debt", "deadline", "rights_list", "guarantee_scope", "forfeiture"]
    )
    refused = workstation.pledges.file(ADMIN, bad, received=D)
    workstation.pledges.refuse(ADMIN, refused.id, on=D)
    workstation.notices.print_notice(ADMIN, refused.id, "refusal", tmp_path / "refusal.pdf")
    text = text_of(tmp_path / "refusal.pdf")
    assert "不予登记通知书" in text and "流质" in text and "第十一条第（七）项" in text

    rec = workstation.pledges.file(
        ADMIN, application_data(world, documents=["application_form", "pledge_contract"]), received=D
    )
    workstation.pledges.examine(ADMIN, rec.id, as_of=D)
    workstation.notices.print_notice(ADMIN, rec.id, "correction", tmp_path / "correction.pdf")
    text = text_of(tmp_path / "correction.pdf")
    assert "补正通知书" in text and "2026" in text and "承诺书" in text

    workstation.pledges.cure(ADMIN, rec.id, documents={Document.ID_OR_COMMITMENT}, on=D)
    workstation.pledges.register(ADMIN, rec.id, on=D)
    workstation.pledges.change(ADMIN, rec.id, secured_amount="8000000", on=D)
    workstation.notices.print_notice(ADMIN, rec.id, "change", tmp_path / "change.pdf")
    text = text_of(tmp_path / "change.pdf")
    assert "变更通知书" in text and "8000000" in text.replace(",", "")
    workstation.pledges.cancel(ADMIN, rec.id, "repaid", on=date(2026, 11, 19))
    workstation.notices.print_notice(ADMIN, rec.id, "cancellation", tmp_path / "cancel.pdf")
    text = text_of(tmp_path / "cancel.pdf")
    assert "注销通知书" in text and "2026" in text


def test_batch_print_folder_merged_and_skips(workstation: Workstation, tmp_path: Path) -> None:
    world = pledge_world(workstation)
    ids = []
    for i in range(3):
        rec = workstation.pledges.file(ADMIN, application_data(world), received=D)
        if i == 0:
            workstation.pledges.register(ADMIN, rec.id, on=D)
        ids.append(rec.id)
    report = workstation.notices.print_batch(ADMIN, ids, "registration", folder=tmp_path / "out")
    assert len(report.written) == 1 and len(report.skipped) == 2 and not report.failed
    assert "已打印 1 份通知书" in report.summary().message("zh")
    assert "printed 1 notices, 2 skipped" in report.summary().message("en")
    merged = tmp_path / "all.pdf"
    report = workstation.notices.print_batch(ADMIN, ids[:1] * 1, "registration", merged=merged)
    assert merged.exists() and len(PdfReader(merged).pages) >= 1


def test_unwritable_folder_reports_and_leaves_no_partial_file(
    registered: tuple[Workstation, int], tmp_path: Path
) -> None:
    ws, pid = registered
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # a file where the folder should be: unwritable even for root
    report = ws.notices.print_batch(ADMIN, [pid], "registration", folder=blocker / "out")
    assert report.failed and not report.written
    assert not list(tmp_path.glob("**/*.pdf")) and not list(tmp_path.glob("**/*.part"))
    with pytest.raises(RuleRefusal) as err:  # a single print says which file could not be written
        ws.notices.print_notice(ADMIN, pid, "registration", blocker / "x.pdf")
    assert "not-a-folder" in err.value.messages()[0]


def test_full_disk_stops_batch_and_keeps_written_files(
    registered: tuple[Workstation, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, pid = registered
    world_rec = ws.pledges.file(
        ADMIN,
        application_data({"firm": ws.parties.get(1), "bank": ws.parties.get(2), "right": ws.rights.get(1)}),
        received=D,
    )
    ws.pledges.cancel(ADMIN, pid, "repaid", on=D)
    ws.pledges.register(ADMIN, world_rec.id, on=D)
    import ipdesk.domain.shared.files as files_mod  # where the notices' atomic writes are done

    for p in (pid, world_rec.id):  # issue first, so only the PDF writes go through the patched call
        ws.notices.issue(ADMIN, p, "registration")

    real_fdopen = os.fdopen
    calls = {"n": 0}

    def failing_fdopen(fd, mode="r", *a, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        fh = real_fdopen(fd, mode, *a, **kw)
        if calls["n"] == 2:
            fh.close()
            raise OSError(28, "No space left on device")
        return fh

    monkeypatch.setattr(files_mod.os, "fdopen", failing_fdopen)
    out = tmp_path / "batch"
    report = ws.notices.print_batch(ADMIN, [pid, world_rec.id], "registration", folder=out)
    assert len(report.written) == 1 and report.failed and "No space" in report.failed[0][1]
    assert sorted(p.name for p in out.iterdir()) == [report.written[0].name]  # no .part file left


def test_register_search_similar_names_and_as_of(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    search = ws.register_search
    assert len(search.search(SearchCriteria(name="江苏恒顺新材料科技股份有限公司"))) == 1  # suffix differs
    assert len(search.search(SearchCriteria(name="江蘇恒順新材料科技"))) == 1  # traditional characters
    assert len(search.search(SearchCriteria(name="江苏恒顺新材料科技股份有限公司", similar=False))) == 0
    assert len(search.search(SearchCriteria(name="中国银行", role="pledgee"))) == 1
    assert len(search.search(SearchCriteria(name="中国银行", role="pledgor"))) == 0
    assert len(search.search(SearchCriteria(right_number="2017106018623"))) == 1
    assert len(search.search(SearchCriteria(registration_no="Y2026980000001"))) == 1
    ws.pledges.cancel(ADMIN, pid, "repaid", on=date(2026, 11, 19))
    assert search.search(SearchCriteria(as_of=date(2026, 11, 18)))[0]["status_value"] == "in_force"
    assert search.search(SearchCriteria(as_of=date(2026, 11, 20)))[0]["status_value"] == "cancelled"
    assert search.search(SearchCriteria(as_of=date(2026, 11, 15))) == []
    assert search.search(SearchCriteria(status="in_force", as_of=date(2026, 11, 20))) == []
    n = search.export_xlsx(SearchCriteria(name="恒顺"), tmp_path / "r.xlsx")
    assert n == 1 and (tmp_path / "r.xlsx").stat().st_size > 0
    cert = search.certificate(ADMIN, SearchCriteria(name="恒顺", as_of=date(2026, 11, 20)))
    pdf = tmp_path / "cert.pdf"
    ws.notices.reprint(ADMIN, cert.serial, pdf)
    text = text_of(pdf)
    assert "查询证明" in text and "Y2026980000001" in text
    assert ws.notices.verify_file(pdf).status is VerifyStatus.GENUINE


def test_gazette_export(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    ws.pledges.cancel(ADMIN, pid, "repaid", on=date(2026, 11, 19))
    n = export_gazette(ws.engine, date(2026, 11, 1), date(2026, 11, 17), tmp_path / "g.csv")
    assert n == 1
    rows = list(csv.reader((tmp_path / "g.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["事项", "事项日期", "登记号"]
    assert rows[1][0] == "质押登记" and rows[1][6] == "ZL 201710601862.3" and rows[1][8] == "2020-03-10"
    assert export_gazette(ws.engine, date(2026, 11, 1), date(2026, 11, 30), tmp_path / "g.xlsx") == 2


def test_history_is_not_rewritten_by_later_changes(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    """A change on 11-18 does not alter the as-of-11-17 register nor a registration notice printed later."""
    ws, pid = registered
    other_bank = ws.parties.create(
        ADMIN, {"kind": "bank", "name": "江苏银行股份有限公司镇江分行", "uscc": "91110000600037341L"}
    )
    ws.pledges.change(ADMIN, pid, secured_amount="9000000", pledgee=other_bank.uscc, on=date(2026, 11, 18))
    before = ws.register_search.search(SearchCriteria(name="中国银行", role="pledgee", as_of=date(2026, 11, 17)))
    assert len(before) == 1 and str(before[0]["secured_amount"]) == "5000000.00"
    assert ws.register_search.search(SearchCriteria(name="江苏银行", as_of=date(2026, 11, 17))) == []
    after = ws.register_search.search(SearchCriteria(name="江苏银行", as_of=date(2026, 11, 18)))
    assert len(after) == 1 and str(after[0]["secured_amount"]) == "9000000.00"
    assert len(ws.register_search.search(SearchCriteria(name="江苏银行"))) == 1  # today's register
    ws.notices.print_notice(ADMIN, pid, "registration", tmp_path / "reg.pdf")  # printed after the change
    text = text_of(tmp_path / "reg.pdf")
    assert "中国银行股份有限公司镇江分行" in text and "江苏银行" not in text
    ws.notices.print_notice(ADMIN, pid, "change", tmp_path / "chg.pdf")
    assert "江苏银行股份有限公司镇江分行" in text_of(tmp_path / "chg.pdf")
