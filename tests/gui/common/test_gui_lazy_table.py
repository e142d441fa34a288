"""LazyTableModel against a list-backed PageSource: model invariants, paging, SQL-side query, failures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS
from ipdesk.gui.common.models.badges import RIGHT_STATUS_TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole, LazyTableModel, RowIdRole
from tests.gui.helpers.sources import demo_source


def make_model(n=1000, **kw):
    src = demo_source(n)
    model = LazyTableModel(
        src,
        page_size=50,
        max_pages=4,
        labels={"kind": KIND_LABELS, "legal_status": STATUS_LABELS},
        badges={"legal_status": RIGHT_STATUS_TONES},
        **kw,
    )
    return src, model


def test_row_count_spans_the_whole_register_without_fetching(qtmodeltester):
    src, model = make_model(1000)
    assert model.rowCount() == 1000
    assert src.page_calls == []
    qtmodeltester.check(model)


def test_model_passes_modeltester_after_scroll_sort_and_search(qtmodeltester):
    src, model = make_model(1000)
    for row in (0, 499, 999, 120):
        model.data(model.index(row, 1))
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_search("银行")
    assert model.rowCount() == 200
    qtmodeltester.check(model)


def test_pages_are_fetched_on_demand_and_cache_is_bounded():
    src, model = make_model(1000)
    assert model.data(model.index(0, 0)) == "201700000001"
    assert model.data(model.index(999, 0)) == "201700001000"
    assert [(o, lim) for _, o, lim in src.page_calls] == [(0, 50), (950, 50)]
    for row in range(0, 1000, 50):
        model.data(model.index(row, 0))
    assert len(model._pages) <= 4  # LRU bound
    calls = len(src.page_calls)
    model.data(model.index(999, 1))  # most recently used: still cached
    assert len(src.page_calls) == calls


def test_sort_search_filter_go_to_the_source_query():
    src, model = make_model(100)
    model.sort(model.column_index("amount"), Qt.SortOrder.DescendingOrder)
    assert model.query.sort_key == "amount" and model.query.descending
    assert model.row_id(0) == 100
    model.sort(model.column_index("owners"), Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert model.query.sort_key == "amount"
    model.set_filter("kind", "trademark")
    assert model.rowCount() == 25
    model.set_search("图像")
    assert model.query.search == "图像" and model.query.filters == {"kind": "trademark"}
    model.set_filter("kind", None)
    assert model.query.filters == {}
    assert all("图像" in model.row_data(r)["title"] for r in range(model.rowCount()))


def test_display_roles_money_dates_labels_and_badges():
    src, model = make_model(10)
    row = 3
    amount = model.index(row, model.column_index("amount"))
    assert model.data(amount) == "493.80"
    assert model.data(amount, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    src.rows[row]["amount"] = Decimal("1234567.5")
    model.refresh()
    assert model.data(amount) == "1,234,567.50"
    model.set_money_in_wan(True)
    assert model.data(amount) == "123.46"
    assert model.data(model.index(row, model.column_index("filing_date"))) == "2017-05-05"
    status = model.index(row, model.column_index("legal_status"))  # id 4 -> "invalidated"
    assert model.data(status) == "已宣告无效"  # text, not colour alone
    assert model.data(status, BadgeToneRole) == "bad"
    assert model.data(status, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(row, model.column_index("kind"))) == "发明专利"
    assert model.data(model.index(row, 0), RowIdRole) == 4
    model.set_lang("en")
    assert model.data(status) == "Invalidated"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Number"


def test_failing_page_shows_placeholders_and_reports_once(qtbot, qtmodeltester):
    src, model = make_model(200)
    src.fail_pages = {1}
    with qtbot.waitSignal(model.load_failed, timeout=1000) as sig:
        assert model.data(model.index(60, 0)) == "读取失败"
        assert model.data(model.index(61, 1)) is None
        assert model.row_id(60) is None
    assert "disk I/O error" in sig.args[0]
    assert model.data(model.index(10, 0)) == "201700000011"  # other pages still work
    qtmodeltester.check(model)
    src.fail_pages = set()
    model.refresh()
    assert model.data(model.index(60, 0)) == "201700000061"
    assert model.last_error == ""


def test_failing_count_gives_an_empty_table_and_a_message(qtbot):
    src = demo_source(10)
    src.fail_count = True
    model = LazyTableModel(src)
    with qtbot.waitSignal(model.load_failed, timeout=1000) as sig:
        pass
    assert model.rowCount() == 0
    assert "database is locked" in sig.args[0]
    assert sig.args[0] == model.last_error


@pytest.mark.parametrize("row", [-1, 5000])
def test_out_of_range_rows_are_harmless(row):
    _, model = make_model(10)
    assert model.row_data(row) is None
    assert model.data(model.index(row, 0)) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
