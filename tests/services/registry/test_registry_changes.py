"""Registry commands report what they changed: the rows written and the audit entry."""

from __future__ import annotations

from pathlib import Path

from ipdesk.services.registry.imports import ImportService
from ipdesk.services.uow import collect_changes
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc, party_data


def test_party_commands_report_the_party_and_the_audit_entry(workstation: Workstation) -> None:
    party = workstation.parties.create(ADMIN, party_data())
    assert party.changes.parties == {party.id} and party.changes.kinds == {"parties", "audit"}
    same = workstation.parties.update(ADMIN, party.id, party_data(), party.version)  # type: ignore[arg-type]
    assert not same.changes  # nothing differed: nothing written, nothing to refresh


def test_renaming_an_owner_reports_its_rights_too(workstation: Workstation) -> None:
    owner = add_party(workstation)
    right = workstation.rights.create(ADMIN, invention_data([owner.id]))  # type: ignore[list-item]
    assert right.changes.rights == {right.id} and right.changes.audit and not right.changes.parties
    new_name = party_data("镇江恒顺新材料股份有限公司")
    renamed = workstation.parties.update(ADMIN, owner.id, new_name)  # type: ignore[arg-type]
    assert renamed.changes.parties == {owner.id} and renamed.changes.rights == {right.id}


def test_right_update_reports_the_right(workstation: Workstation) -> None:
    owner = add_party(workstation)
    right = workstation.rights.create(ADMIN, invention_data([owner.id]))  # type: ignore[list-item]
    data = invention_data([owner.id], title="新名称")  # type: ignore[list-item]
    edited = workstation.rights.update(ADMIN, right.id, data)  # type: ignore[arg-type]
    assert edited.changes.rights == {right.id} and edited.changes.kinds == {"rights", "audit"}


def test_an_import_reports_every_row_it_wrote_and_a_refused_one_nothing(workstation: Workstation,
                                                                         tmp_path: Path) -> None:
    good = tmp_path / "parties.csv"
    header = "名称,类型,统一社会信用代码\n"
    good.write_text(f"{header}甲公司,企业,{make_uscc(1)}\n乙公司,企业,{make_uscc(2)}\n", "utf-8")
    with collect_changes() as seen:
        report = ImportService(workstation.engine).import_file(ADMIN, "parties", good)
    assert report.ok and report.written == 2
    assert len(report.changes.parties) == 2 and report.changes.audit
    assert seen.changes == report.changes  # what the GUI's collector sees
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{header}丙公司,企业,{make_uscc(3)}\n,企业,{make_uscc(4)}\n", "utf-8")
    with collect_changes() as seen:
        refused = ImportService(workstation.engine).import_file(ADMIN, "parties", bad)
    assert not refused.ok and not refused.changes and not seen.changes


def test_an_imported_no_in_the_same_day_column_is_no_twin(workstation: Workstation, tmp_path: Path) -> None:
    add_party(workstation, "甲公司", 1)
    rights = tmp_path / "rights.csv"
    head = "类型,编号,名称,申请日,授权公告日,权利人,同日申请\n"
    rows = ("实用新型,ZL 201920345678.1,一种夹具,2019-08-20,2020-05-12,甲公司,否\n"
            "发明专利,ZL 201810234567.3,一种散热结构,2018-03-01,2019-01-08,甲公司,ZL 201710601862.3\n")
    rights.write_text(head + rows, "utf-8")
    report = ImportService(workstation.engine).import_file(ADMIN, "rights", rights)
    assert report.ok, report
    by_title = {r.title: r for r in (workstation.rights.get_by_number(n) for n in ("2019203456781", "2018102345673"))}
    assert by_title["一种夹具"].same_day_twin == ""  # "否" is not a twin (it was stored as one)
    assert by_title["一种散热结构"].same_day_twin == "2017106018623"  # the twin's number, normalised
    bad = tmp_path / "bad.csv"
    bad.write_text(head + "实用新型,ZL 201920345678.1,一种夹具,2019-08-20,2020-05-12,甲公司,ZL 2017106018\n", "utf-8")
    refused = ImportService(workstation.engine).import_file(ADMIN, "rights", bad)
    assert not refused.ok
