"""The rights and parties registers in the GUI against a real SQLite database (the lead's fixtures):
models under the model tester, search as you type, forms that refuse bad input and write nothing,
forms that save, the detail pane, and the import with its report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.gui.common.models.lazy_table import BadgeToneRole, LazyTableModel
from ipdesk.gui.registry.parties_page import PartiesPage
from ipdesk.gui.registry.party_form import PartyForm
from ipdesk.gui.registry.right_form import RightForm
from ipdesk.gui.registry.rights_page import RightsPage
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, PartyRow, RightRow
from tests.gui.helpers.loading import settle as settle_reads
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """Closing a dirty form at teardown must not block on the "discard changes?" question."""
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


def rows_in(ws: Workstation, table) -> int:  # type: ignore[no-untyped-def]
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture
def demo_ws(ws: Workstation) -> Workstation:
    from ipdesk.demo.generator import load_demo_data

    load_demo_data(ws.engine, ADMIN, rights=450, seed=7)
    return ws


def wait_idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    settle_reads(qtbot)  # every background read and the reads it started


# ---- models ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("service", ["rights", "parties", "audit"])
def test_models_over_the_real_sources_pass_the_model_tester(qtmodeltester, demo_ws, service):
    source = getattr(demo_ws, service)
    model = LazyTableModel(source, page_size=100)
    assert model.rowCount() == source.count(Query())
    qtmodeltester.check(model)
    last = model.rowCount() - 1
    assert model.row_id(last) is not None  # a deep page, fetched on demand
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_rights_search_as_you_type_filters_in_sql(qtbot, demo_ws):
    page = RightsPage(demo_ws)
    qtbot.addWidget(page)
    page.show()
    settle_reads(qtbot, page)
    total = page.model.rowCount()
    page.search.setText("图像")
    qtbot.waitUntil(lambda: page.model.query.search == "图像", timeout=2000)  # debounced
    settle_reads(qtbot, page)
    hits = page.model.rowCount()
    assert 0 < hits < total
    assert hits == demo_ws.rights.count(Query("图像"))
    for r in range(min(hits, 20)):
        row = page.model.row_data(r)
        assert "图像" in row["title"] + row["owner_names"]
    first = page.model.row_data(0)
    page.search.setText(first["number"][:8])
    page.search.flush()
    settle_reads(qtbot, page)
    assert all(
        page.model.row_data(r)["number"].startswith(first["number"][:8]) for r in range(page.model.rowCount())
    )
    page.search.setText("")
    page.search.flush()
    page.filter_combos["kind"].setCurrentIndex(page.filter_combos["kind"].findData("trademark"))
    settle_reads(qtbot, page)
    assert page.model.rowCount() == demo_ws.rights.count(Query(filters={"kind": "trademark"}))
    status = page.model.index(0, page.model.column_index("legal_status"))
    assert page.model.data(status)  # a status text, with a badge tone
    assert page.model.data(status, BadgeToneRole) in {"ok", "warn", "bad", "info", "muted"}


def test_right_detail_shows_owners_term_and_history(qtbot, ws):
    a = add_party(ws, "江苏恒顺新材料科技有限公司", 1)
    b = add_party(ws, "镇江市高新技术研究院有限公司", 2)
    right = ws.rights.create(ADMIN, invention_data([a.id, b.id]))
    ws.rights.update(ADMIN, right.id, invention_data([a.id, b.id], title="一种改进的图像处理装置"))
    page = RightsPage(ws)
    qtbot.addWidget(page)
    page.show()
    settle_reads(qtbot, page)
    page.select_row(0)
    qtbot.waitUntil(lambda: page.detail.record_id == right.id, timeout=5000)
    pane = page.detail
    assert "ZL 201710601862.3" in pane.heading.text()
    owners = [pane.owners.itemAtPosition(r, 0).widget().text() for r in range(2)]
    assert owners == ["江苏恒顺新材料科技有限公司", "镇江市高新技术研究院有限公司"]
    assert pane.owners.itemAtPosition(0, 1).widget().text() == "50.0%"
    term = " ".join(
        pane.term.itemAt(i).widget().text() for i in range(pane.term.count()) if pane.term.itemAt(i).widget()
    )
    assert "2037-07-24" in term and "2017-07-25" in term
    history = pane.history.findChildren(type(pane.heading))
    texts = " ".join(h.text() for h in history)
    assert "修改权利" in texts and "一种改进的图像处理装置" in texts and "→" in texts


# ---- forms ----------------------------------------------------------------------------------------


def test_right_form_rejects_bad_input_and_writes_nothing(qtbot, ws):
    owner = add_party(ws)
    before_audit = rows_in(ws, AuditRow)
    form = RightForm(ws)
    qtbot.addWidget(form)
    form.show()
    form.number.setText("ZL 201710601862.5")  # check digit should be 3
    form.number.line_edit.editingFinished.emit()
    assert form.kind.currentData() == ""  # not guessed from a wrong number
    qtbot.waitUntil(lambda: form.fields["number"].has_error, timeout=2000)
    assert "3" in form.fields["number"].error_label.text()
    assert not form.fields["title"].has_error  # untouched
    form.owners.add_owner(owner.id, owner.name)
    form.submit()
    assert form.banner.isVisible()
    assert form.fields["title"].has_error  # now every problem is shown
    wait_idle(qtbot)
    assert form.isVisible()
    assert rows_in(ws, RightRow) == 0
    assert rows_in(ws, AuditRow) == before_audit


def test_right_form_saves_a_coowned_right(qtbot, ws):
    a = add_party(ws, "江苏恒顺新材料科技有限公司", 1)
    b = add_party(ws, "镇江市高新技术研究院有限公司", 2)
    form = RightForm(ws)
    qtbot.addWidget(form)
    form.show()
    form.number.setText("2017106018623")  # CNIPA list form
    form.number.line_edit.editingFinished.emit()
    assert form.number.text() == "ZL 201710601862.3"
    assert form.kind.currentData() == "invention"  # from the number's type digit
    form.title_edit.setText("一种图像处理装置及方法")
    form.dates["filing_date"].setText("2017/7/25")
    form.dates["grant_date"].setText("2020-03-10")
    form.owners.add_owner(a.id, a.name)
    form.owners.add_owner(b.id, b.name)
    form.owners.table.item(0, 1).setText("60")
    form.owners.table.item(1, 1).setText("30")
    assert any(p.code == "right.share_sum" for p in form.validate_now())
    form.owners.split_equally()
    assert [o["share"] for o in form.owners.owners()] == ["50.00", "50.00"]
    assert form.validate_now() == []
    assert form.expiry_preview.text() == "2037-07-24"
    with qtbot.waitSignal(form.saved, timeout=5000) as sig:
        form.submit()
    right = sig.args[0]
    assert right.number == "2017106018623"
    assert [(o.name, str(o.share)) for o in ws.rights.get(right.id).owners] == [
        ("江苏恒顺新材料科技有限公司", "50.00"),
        ("镇江市高新技术研究院有限公司", "50.00"),
    ]
    assert [e.action for e in ws.rights.history(right.id)] == ["right.create"]


def test_trademark_form_shows_nice_classes_and_edit_keeps_version(qtbot, ws):
    firm = add_party(ws)
    mark = ws.rights.create(
        ADMIN,
        {
            "kind": "trademark",
            "number": "12345678",
            "title": "恒顺",
            "registration_date": "2019-05-07",
            "nice_classes": "1",
            "owners": [{"party_id": firm.id, "share": ""}],
        },
    )
    form = RightForm(ws, mark.id)
    qtbot.addWidget(form)
    form.show()
    assert not form.is_dirty
    assert form.fields["nice_classes"].isVisible() and not form.fields["grant_date"].isVisible()
    form.texts["nice_classes"].setText("1, 46")
    assert any(p.field == "nice_classes" for p in form.validate_now())
    form.texts["nice_classes"].setText("1、30")
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.submit()
    saved = ws.rights.get(mark.id)
    assert saved.nice_classes == (1, 30) and saved.version == mark.version + 1


def test_party_form_rejects_a_bad_uscc_then_saves(qtbot, ws):
    form = PartyForm(ws)
    qtbot.addWidget(form)
    form.show()
    good = make_uscc(9)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    form.edits["name"].setText("镇江恒顺新材料科技有限公司")
    form.edits["uscc"].setText(bad.lower())
    form.edits["uscc"].line_edit.editingFinished.emit()
    assert form.edits["uscc"].text() == bad
    qtbot.waitUntil(lambda: form.fields["uscc"].has_error, timeout=2000)
    assert good[-1] in form.fields["uscc"].error_label.text()  # names the expected check character
    form.submit()
    wait_idle(qtbot)
    assert rows_in(ws, PartyRow) == 0 and form.isVisible()
    form.edits["uscc"].setText(good)
    with qtbot.waitSignal(form.saved, timeout=5000) as sig:
        form.submit()
    assert sig.args[0].uscc == good
    assert rows_in(ws, PartyRow) == 1


def test_individuals_give_an_id_number_instead_of_a_uscc(qtbot, ws):
    form = PartyForm(ws)
    qtbot.addWidget(form)
    form.show()
    form.kind.setCurrentIndex(form.kind.findData("individual"))
    assert not form.fields["uscc"].isVisible() and form.fields["id_number"].isVisible()


def test_parties_page_new_record_opens_the_form_and_lists_the_saved_party(qtbot, ws):
    page = PartiesPage(ws)
    qtbot.addWidget(page)
    page.show()
    assert page.can_create() and page.action("new").isVisible()
    form = page.open_form(None)
    form.edits["name"].setText("镇江市科技担保有限公司")
    form.kind.setCurrentIndex(form.kind.findData("guarantee"))
    form.edits["uscc"].setText(make_uscc(5))
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.submit()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    settle_reads(qtbot, page)
    assert page.current_id() == page.model.row_id(0)  # the saved party is selected
    assert page.model.row_data(0)["name"] == "镇江市科技担保有限公司"
    assert page.model.data(page.model.index(0, page.model.column_index("kind"))) == "担保机构"


# ---- import ---------------------------------------------------------------------------------------


def test_import_with_a_bad_row_reports_every_problem_and_writes_nothing(qtbot, ws, tmp_path):
    from ipdesk.gui.mainwindow import MainWindow
    from ipdesk.gui.registry.import_dialog import ImportReportDialog, import_supported, run_import

    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    assert import_supported(ws) and window.import_action.isVisible()
    bad = tmp_path / "parties.csv"
    bad.write_text(
        "名称,类型,统一社会信用代码\n"
        f"江苏恒顺新材料科技有限公司,企业,{make_uscc(1)}\n"
        ",银行,91320000000000000X\n",
        encoding="utf-8",
    )
    task = run_import(window, "parties", bad)
    qtbot.waitUntil(
        lambda: isinstance(getattr(window, "last_import_report", None), ImportReportDialog), timeout=10_000
    )
    report = window.last_import_report
    assert not task.result.ok
    assert "没有写入任何数据" in report.summary.text()
    assert report.table.rowCount() == len(task.result.problems) >= 2
    assert {report.table.item(r, 0).text() for r in range(report.table.rowCount())} == {"3"}
    assert rows_in(ws, PartyRow) == 0

    good = tmp_path / "good.csv"
    good.write_text(
        f"名称,类型,统一社会信用代码\n江苏恒顺新材料科技有限公司,企业,{make_uscc(1)}\n", encoding="utf-8"
    )
    window.last_import_report = None
    run_import(window, "parties", good)
    qtbot.waitUntil(lambda: window.last_import_report is not None, timeout=10_000)
    assert "已从 good.csv 导入 1 条当事人" in window.last_import_report.summary.text()
    assert rows_in(ws, PartyRow) == 1
    window.last_import_report.close()


def test_import_progress_shows_rows_per_second_and_cancel_writes_nothing(qtbot, ws, tmp_path):
    from ipdesk.domain.registry.identifiers.patent import patent_check_digit
    from ipdesk.gui.mainwindow import MainWindow
    from ipdesk.gui.registry.import_dialog import run_import
    from ipdesk.services.registry.import_rows import CHUNK

    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    firm = ws.parties.create(ws.actor, {"kind": "enterprise", "name": "江苏恒顺新材料科技有限公司",
                                        "uscc": make_uscc(1)})
    lines = []
    for i in range(CHUNK + 10):
        body = f"20191{9_000_000 + i:07d}"
        lines.append(f"ZL {body}.{patent_check_digit(body)},一种装置{i},2019-03-01,2021-05-10,{firm.uscc}\n")
    path = tmp_path / "rights.csv"
    path.write_text("专利号,名称,申请日,授权公告日,权利人\n" + "".join(lines), encoding="utf-8")
    texts: list[str] = []
    task = run_import(window, "rights", path)
    task.progressed.connect(lambda done, total, text: texts.append(text))
    task.cancel()  # before the worker's first progress report: deterministic however loaded the machine is
    qtbot.waitUntil(lambda: task.done, timeout=60_000)
    assert any("正在检查" in t and "每秒" in t and "行" in t for t in texts)  # rows per second shown
    assert rows_in(ws, RightRow) == 0  # cancelled: nothing written (while writing: tests/services/registry)
    assert "导入已取消" in window.statusBar().currentMessage()


# ---- window ---------------------------------------------------------------------------------------


def test_main_window_over_the_real_database(qtbot, demo_ws, gui_settings):
    from ipdesk.gui.mainwindow import MainWindow
    from ipdesk.gui.settings import is_registered_key

    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.show()
    assert (
        "SQLite" in window.db_label.text()
        and str(Path(demo_ws.engine.url.database).name) in window.db_label.text()
    )
    assert "tester" in window.user_label.text() and "管理员" in window.user_label.text()
    for key in ("rights", "parties", "audit", "settings"):
        window.show_area(key)
        assert window.current_page() is window.stack.currentWidget()
    window.show_area("rights")
    rights = window.current_page()
    settle_reads(qtbot, rights)
    assert isinstance(rights, RightsPage) and rights.model.rowCount() == 450
    rights.splitter.setSizes([600, 300])
    rights.splitter.splitterMoved.emit(600, 1)
    rights.set_column_visible(rights.model.column_index("expiry_date"), False)
    window.close()
    gui_settings.sync()
    assert [k for k in gui_settings.stored_keys() if not is_registered_key(k)] == []
    assert {"splitters/rights", "tables/rights/header"} <= set(gui_settings.stored_keys())
    again = MainWindow(demo_ws)
    qtbot.addWidget(again)
    again.show_area("rights")
    assert (
        again.current_page()
        .table.horizontalHeader()
        .isSectionHidden(rights.model.column_index("expiry_date"))
    )
    again.close()


def test_self_check_opens_and_closes_the_window(demo_ws):
    from ipdesk.gui.app import self_check

    assert self_check(demo_ws) == 0


def test_party_picker_finds_by_name_or_uscc_and_adds_the_owner(qtbot, ws, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from ipdesk.gui.registry.party_picker import PartyPicker

    firm = add_party(ws, "江苏恒顺新材料科技有限公司", 1)
    add_party(ws, "镇江市高新技术研究院有限公司", 2)
    picker = PartyPicker(ws, text="恒顺")
    qtbot.addWidget(picker)

    def find(text: str) -> None:
        picker.find(text)
        qtbot.waitUntil(lambda: not picker.searching, timeout=5000)  # read in the reader pool

    qtbot.waitUntil(lambda: not picker.searching, timeout=5000)
    assert picker.results.count() == 1 and "江苏恒顺" in picker.results.item(0).text()
    find(firm.uscc)
    assert picker.results.count() == 1
    find("不存在的公司")
    assert picker.results.count() == 0 and "不存在的公司" in picker.hint.text()
    find("有限公司")
    picker.results.setCurrentRow(0)
    picker.accept()
    assert picker.chosen is not None

    form = RightForm(ws)
    qtbot.addWidget(form)

    def fake_exec(self):
        self.chosen = firm
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PartyPicker, "exec", fake_exec)
    form.owners.add_button.click()
    form.owners.add_button.click()  # the same party twice is listed once
    assert [o["party_id"] for o in form.owners.owners()] == [firm.id]
