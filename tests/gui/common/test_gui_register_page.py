"""The reusable register page over a list-backed source: selection-driven actions, copy as TSV,
remembered columns and splitter, header sorting in the source, filters and chips, load failures.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ipdesk.gui.common.pages.register_page import FilterSpec, RegisterPage
from ipdesk.gui.settings import SPLITTER_STATE, TABLE_HEADER
from tests.gui.helpers.loading import settle
from tests.gui.helpers.sources import demo_source


class EditablePage(RegisterPage):
    def __init__(self, source, **kw):
        self.opened = []
        super().__init__(
            "demo",
            source,
            title="演示",
            filters=[FilterSpec("kind", "类型", [("design", "外观设计")])],
            labels={"legal_status": {"in_force": ("有效", "In force")}},
            **kw,
        )

    def new_record(self):
        self.opened.append("new")

    def edit_record(self, row_id):
        self.opened.append(row_id)


def make_page(qtbot, n=300, **kw):
    source = demo_source(n)
    page = EditablePage(source, **kw)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitActive(page):  # shortcuts (Enter, Ctrl+C) need an active window
        page.show()
        page.activateWindow()
    settle(qtbot, page)
    return source, page


def test_actions_follow_the_selection(qtbot):
    _, page = make_page(qtbot)
    assert page.can_create() and page.action("new").isVisible()
    assert not page.action("edit").isEnabled() and not page.action("copy").isEnabled()
    page.select_row(4)
    assert page.action("edit").isEnabled() and page.action("copy").isEnabled()
    page.table.selectAll()
    assert not page.action("edit").isEnabled() and page.action("copy").isEnabled()
    page.select_row(7)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.opened == [8]
    page.action("new").trigger()
    assert page.opened == [8, "new"]
    names = [a.text() for a in page.context_menu().actions()]
    assert names[:2] == ["新建", "编辑"] and "复制（含表头）" in names


def test_count_label_and_detail_of_the_selected_row(qtbot):
    _, page = make_page(qtbot, 1234)
    assert page.count_label.text() == "共 1,234 条"
    page.select_row(2)
    qtbot.waitUntil(lambda: page.detail.record_id == 3, timeout=2000)
    page.table.selectAll()
    qtbot.waitUntil(lambda: "1234" in page.detail.message.text(), timeout=2000)


def test_ctrl_c_copies_selected_rows_as_tsv_in_visible_column_order(qtbot):
    _, page = make_page(qtbot)
    header = page.table.horizontalHeader()
    header.moveSection(page.model.column_index("title"), 0)
    page.set_column_visible(page.model.column_index("owners"), False)
    page.select_row(0)
    page.table.selectionModel().select(
        page.model.index(2, 0),
        page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows,
    )
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    first = lines[0].split("\t")
    assert first[0] == page.model.row_data(0)["title"] and first[1] == "201700000001"
    assert "镇江科技" not in lines[0]  # hidden column left out
    page.copy_selection(with_headers=True)
    assert QGuiApplication.clipboard().text().splitlines()[0].startswith("名称\t号码")


def test_columns_and_splitter_are_remembered_per_table(qtbot, gui_settings):
    _, page = make_page(qtbot)
    page.set_column_visible(page.model.column_index("amount"), False)
    page.table.horizontalHeader().moveSection(0, 3)
    page.splitter.setSizes([500, 500])
    page.save_state()
    assert not gui_settings.get(TABLE_HEADER, "demo").isEmpty()
    assert not gui_settings.get(SPLITTER_STATE, "demo").isEmpty()
    _, again = make_page(qtbot)
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(again.model.column_index("amount"))
    assert header.visualIndex(0) == 3
    sizes = again.splitter.sizes()
    assert abs(sizes[0] - sizes[1]) < 20


def test_header_click_sorts_in_the_source_and_unsortable_columns_refuse(qtbot):
    source, page = make_page(qtbot)
    header = page.table.horizontalHeader()
    amount = page.model.column_index("amount")
    header.setSortIndicator(amount, Qt.SortOrder.DescendingOrder)
    assert page.model.query.sort_key == "amount" and page.model.query.descending
    settle(qtbot, page)
    assert page.model.row_id(0) == 300
    assert source.page_calls[-1][0].sort_key == "amount"  # sorted by the source (SQL), not in Python
    messages = []
    page.status_message.connect(messages.append)
    header.setSortIndicator(page.model.column_index("owners"), Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == amount and page.model.query.sort_key == "amount"
    assert messages == ["这一列不能排序"]


def test_filters_search_and_chips(qtbot):
    _, page = make_page(qtbot, 400)
    combo = page.filter_combos["kind"]
    assert combo.itemText(0) == "类型：全部"
    combo.setCurrentIndex(1)
    settle(qtbot, page)
    assert page.model.query.filters == {"kind": "design"} and page.model.rowCount() == 100
    page.set_chip_filter("legal_status", "in_force", "状态：有效")
    assert page.model.query.filters == {"kind": "design", "legal_status": "in_force"}
    chip = page._chips["legal_status"]
    chip.click()
    assert "legal_status" not in page.model.query.filters
    page.search.setText("银行")
    page.search.flush()
    assert page.model.query.search == "银行"


def test_a_failing_source_shows_a_message_and_retry_recovers(qtbot):
    source, page = make_page(qtbot)
    source.fail_count = True
    page.refresh()
    qtbot.waitUntil(page.error_strip.isVisible, timeout=2000)
    assert "database is locked" in page.error_label.text()
    assert page.model.rowCount() == 0
    source.fail_count = False
    page.refresh()
    settle(qtbot, page)
    assert not page.error_strip.isVisible() and page.model.rowCount() == 300


def test_refresh_keeps_the_selected_record(qtbot):
    source, page = make_page(qtbot)
    page.select_row(10)
    source.rows.insert(0, dict(source.rows[0], id=999, number="200000000000"))
    page.refresh()
    settle(qtbot, page)
    assert page.current_id() == 11


def test_refresh_keeps_a_record_beyond_the_first_pages(qtbot):
    source, page = make_page(qtbot, 1000)
    page.select_row(700)  # page 3 of 200: read when the view asked for it
    settle(qtbot, page)
    assert page.current_id() == 701
    source.rows.insert(0, dict(source.rows[0], id=9999, number="200000000000"))
    page.refresh()
    settle(qtbot, page)  # the count, the first pages, then the page the record was on
    assert page.current_id() == 701 and page.selected_rows() == [701]


def test_copy_waits_for_rows_not_read_yet(qtbot):
    _, page = make_page(qtbot, 1000)
    page.table.selectAll()  # rows 400-999 are on pages nobody has read
    page.copy_selection()
    settle(qtbot, page)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 1000 and "…" not in lines[-1]
    assert lines[-1].split("\t")[0] == "201700001000"


def test_save_then_select_finds_the_record_once_read(qtbot):
    source, page = make_page(qtbot, 500)
    source.rows.append(dict(source.rows[0], id=5000, number="209900000001", title="新增的权利"))
    page.refresh()
    page.select_when_loaded(5000, search="209900000001")  # row 500: beyond the two pages read first
    settle(qtbot, page)
    assert page.model.query.search == "209900000001" and page.current_id() == 5000


def test_export_writes_the_whole_query_with_visible_columns(qtbot, tmp_path):
    from decimal import Decimal

    from openpyxl import load_workbook

    _, page = make_page(qtbot, 2500)
    page.filter_combos["kind"].setCurrentIndex(1)  # 625 designs
    page.set_column_visible(page.model.column_index("owners"), False)
    task = page.export_view(tmp_path / "designs")
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    path, n = page.last_export
    assert path.name == "designs.xlsx" and n == 625
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == ("号码", "名称", "类型", "法律状态", "金额（元）", "申请日")
    assert len(rows) == 626
    first = rows[1]
    assert first[3] == "有效" or isinstance(first[3], str)
    assert isinstance(first[4], (float, int, Decimal)) and first[5].year == 2017


def test_first_start_fits_the_columns_to_the_first_rows_not_to_empty_cells(qtbot):
    # The rows arrive from the reader pool after the count: fitting the columns when the count arrives
    # would size them to the headers only (72 px), and that layout would be remembered.
    _, page = make_page(qtbot)
    header = page.table.horizontalHeader()
    title = page.model.column_index("title")
    qtbot.waitUntil(lambda: not page._needs_autosize, timeout=5000)
    fitted = header.sectionSize(title)
    page.table.resizeColumnToContents(title)
    assert fitted > 100 and fitted >= min(header.sectionSize(title), 260)


def test_export_and_copy_of_a_register_make_formula_like_cells_inert(qtbot, tmp_path):
    from openpyxl import load_workbook

    source, page = make_page(qtbot, 3)
    evil = '=HYPERLINK("http://evil.example","点击")'
    source.rows[0]["title"] = evil
    page.refresh()
    settle(qtbot, page)
    task = page.export_view(tmp_path / "all.xlsx")
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    cells = [c for row in load_workbook(page.last_export[0]).active.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"] and "'" + evil in [c.value for c in cells]
    row = next(r for r in range(page.model.rowCount()) if page.model.row_data(r)["title"] == evil)
    page.select_row(row)
    page.copy_selection()
    assert "'" + evil in QGuiApplication.clipboard().text()
