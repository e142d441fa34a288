"""An estimated or capped count: the register says so ("约 94 万条", "10 万条以上"), and the lazy model
ends the list where the rows end when the estimate was too high (issue 14, item 4)."""

from __future__ import annotations

from ipdesk.gui.common.models.lazy_table import LazyTableModel
from ipdesk.gui.formatting import format_approx
from ipdesk.services.paging import Estimate, Query
from tests.gui.common.test_gui_register_page import EditablePage
from tests.gui.helpers.loading import settle
from tests.gui.helpers.sources import DEMO_COLUMNS, ListPageSource, demo_rows


class EstimatingSource(ListPageSource):
    """Counts as an estimate of ``estimate`` rows (the rows themselves are exact)."""

    def __init__(self, n: int, estimate: int, kind: str = "about"):
        super().__init__(demo_rows(n), DEMO_COLUMNS)
        self.estimate, self.kind = estimate, kind

    def count(self, query: Query) -> int:
        super().count(query)
        return Estimate(self.estimate, self.kind)


def test_approximate_numbers_read_as_a_clerk_would_say_them() -> None:
    assert format_approx(931_403, "zh") == "93 万"
    assert format_approx(931_403, "en") == "930,000"
    assert format_approx(5_340, "zh") == "5,300"
    assert format_approx(100_000, "zh") == "10 万"


def test_the_rights_list_shows_the_estimate_marker(qtbot) -> None:
    page = EditablePage(EstimatingSource(3000, 940_000))
    qtbot.addWidget(page)
    settle(qtbot, page)
    assert page.count_label.text() == "约 94 万条"
    assert page.model.count_estimate == "about" and page.count_label.toolTip()
    capped = EditablePage(EstimatingSource(3000, 100_000, "at_least"))
    qtbot.addWidget(capped)
    settle(qtbot, capped)
    assert capped.count_label.text() == "10 万条以上"


def test_an_estimate_too_high_ends_at_the_last_row(qtbot, qtmodeltester) -> None:
    source = EstimatingSource(730, 1_000)
    model = LazyTableModel(source, page_size=50)
    assert model.rowCount() == 1_000 and model.count_estimate == "about"
    counts: list[int] = []
    model.count_changed.connect(counts.append)
    assert model.data(model.index(720, 0)) == "201700000721"  # page 14: 10 rows, the last ones
    qtbot.waitUntil(lambda: model.rowCount() == 730, timeout=2000)
    assert counts == [730]
    qtmodeltester.check(model)
    exact = LazyTableModel(ListPageSource(demo_rows(730), DEMO_COLUMNS), page_size=50)
    exact.data(exact.index(720, 0))
    assert exact.rowCount() == 730 and exact.count_estimate == ""
