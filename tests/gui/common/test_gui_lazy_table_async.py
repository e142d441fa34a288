"""LazyTableModel reading in the reader pool: a slow database never blocks the GUI thread, answers for an
older query are dropped, and the page after the one asked for is read ahead."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from ipdesk.gui.common.models.lazy_table import LazyTableModel
from ipdesk.gui.tasks import TaskRunner
from ipdesk.services.paging import Query
from tests.gui.helpers.sources import DEMO_COLUMNS, ListPageSource, demo_rows

DELAY = 0.3  # a shared PostgreSQL over a slow link


class SlowSource(ListPageSource):
    """Every count and page takes ``DELAY`` seconds (in whichever thread calls it)."""

    def count(self, query: Query) -> int:
        time.sleep(DELAY)
        return super().count(query)

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        time.sleep(DELAY)
        return super().page(query, offset, limit)


@pytest.fixture
def task_runner():
    r = TaskRunner(max_readers=4)
    yield r
    r.wait(10_000)


def _ticker(interval_ms: int = 20) -> tuple[QTimer, list[float]]:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    return timer, ticks


def test_slow_count_and_pages_never_block_the_gui_thread(qtbot, qtmodeltester, task_runner):
    src = SlowSource(demo_rows(1000), DEMO_COLUMNS)
    timer, ticks = _ticker()
    started = time.monotonic()
    model = LazyTableModel(src, page_size=50, task_runner=task_runner)
    assert time.monotonic() - started < DELAY / 2  # the constructor did not wait for the count
    assert model.loading and model.rowCount() == 0
    qtmodeltester.check(model)  # stays attached: checks the reset and the rows arriving below
    ticks_at_load: list[int] = []
    model.loaded.connect(lambda: ticks_at_load.append(len(ticks)))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    assert ticks_at_load[0] >= 3  # the event loop ran (timer fired) while the count was being read
    assert not model.loading and model.rowCount() == 1000

    before = len(ticks)
    started = time.monotonic()
    assert model.data(model.index(120, 0)) == "…"  # page 2 is not read yet: a placeholder, at once
    assert time.monotonic() - started < DELAY / 2
    qtbot.waitUntil(lambda: model.data(model.index(120, 0)) == "201700000121", timeout=5000)
    assert len(ticks) - before >= 3
    timer.stop()


def test_an_answer_for_an_older_query_is_dropped(qtbot, task_runner):
    src = SlowSource(demo_rows(1000), DEMO_COLUMNS)
    model = LazyTableModel(src, page_size=50, task_runner=task_runner)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    counts: list[int] = []
    model.count_changed.connect(counts.append)
    shown: list[str] = []
    model.dataChanged.connect(lambda first, *_: shown.append(str(model.data(model.index(0, 1)))))
    assert model.data(model.index(0, 0)) == "…"  # page 0 of the unfiltered register is still being read
    model.set_search("镇江科技1")  # 143 rows, counted while the user keeps typing
    model.set_search("图像识别")
    assert model.query.search == "图像识别"
    qtbot.waitUntil(lambda: not model.loading and model.data(model.index(0, 1)) is not None, timeout=5000)
    task_runner.wait(10_000)  # the stale answers (count and page 0 of the older queries) came back too
    qtbot.wait(50)
    assert counts == [200]  # only the last query's count was shown; the 143 of the older one was dropped
    assert model.rowCount() == 200
    assert shown and all("图像识别" in text for text in shown if text not in ("None", "…"))
    assert all("图像识别" in model.row_data(r)["title"] for r in range(100))  # pages 0 and 1 are read


def test_the_next_page_is_read_ahead(qtbot, task_runner):
    src = ListPageSource(demo_rows(1000), DEMO_COLUMNS)
    model = LazyTableModel(src, page_size=50, task_runner=task_runner)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    task_runner.wait(10_000)
    qtbot.waitUntil(lambda: {o for _, o, _ in src.page_calls} == {0, 50}, timeout=5000)
    assert model.data(model.index(60, 0)) == "201700000061"  # read ahead: no wait, no new read
    model.data(model.index(500, 0))  # the user jumped: page 10 on demand, page 11 ahead
    qtbot.waitUntil(lambda: 550 in {o for _, o, _ in src.page_calls}, timeout=5000)
    task_runner.wait(10_000)
    qtbot.wait(20)
    assert model.data(model.index(560, 0)) == "201700000561"  # already there when the user scrolls on
    offsets = sorted(o for _, o, _ in src.page_calls)
    assert offsets == [0, 50, 500, 550]  # ahead by one page, not a chain through the register


def test_a_failed_read_in_the_pool_shows_placeholders_and_a_message(qtbot, task_runner):
    src = ListPageSource(demo_rows(200), DEMO_COLUMNS)
    src.fail_pages = {1}
    model = LazyTableModel(src, page_size=50, task_runner=task_runner)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    with qtbot.waitSignal(model.load_failed, timeout=5000) as sig:
        model.data(model.index(60, 0))
    assert "disk I/O error" in sig.args[0]
    qtbot.waitUntil(lambda: model.data(model.index(60, 0)) == "读取失败", timeout=5000)
    assert model.row_id(60) is None

    src.fail_count = True
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.refresh()
    assert model.rowCount() == 0 and "database is locked" in model.last_error
