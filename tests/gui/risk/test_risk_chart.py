"""The 风险预警 page's chart of open signals over time: its bar sets hold the counts the service read,
worked out by hand from signals raised and cleared on known days of the injected clock; the span switches."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from ipdesk.domain.risk.rules import Severity
from ipdesk.gui.risk.risk_page import RiskPage
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot
from tests.helpers.factories import ADMIN, application_data, invention_data, pledge_world


def at(clock, day: str) -> None:
    clock.set(datetime.fromisoformat(day).replace(hour=2, tzinfo=UTC))


def test_the_chart_holds_the_open_signals_by_severity(qtbot, sqlite_workstation, clock, tmp_path: Path) -> None:
    ws = sqlite_workstation
    base = pledge_world(ws)
    ws.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))

    def right(**changes: object) -> None:
        ws.rights.update(ADMIN, base["right"].id, {**invention_data([base["firm"].id]), **changes})

    at(clock, "2026-11-22")
    right(ownership_dispute=True)  # warning from 11-22
    ws.risk.scan()
    at(clock, "2026-11-25")
    right(ownership_dispute=True, court_preservation=True)  # critical from 11-25
    ws.risk.scan()
    at(clock, "2026-11-29")
    right(court_preservation=True)  # the dispute cleared on 11-29
    ws.risk.scan()
    at(clock, "2026-12-08")
    baseline = {s.rule for s in ws.risk.signals(open_only=False)}
    assert baseline == {"dispute", "preservation"}

    page = RiskPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 720)
    chart = page.chart
    qtbot.waitUntil(lambda: chart.days.count() == 12, timeout=10_000)  # 近 12 周: 09-22 … 12-08
    assert chart.days.at(11) == "12-08" and chart.days.at(9) == "11-24"
    assert chart.values(Severity.WARNING) == [0] * 9 + [1, 0, 0]  # 11-24 only
    assert chart.values(Severity.CRITICAL) == [0] * 10 + [1, 1]   # 12-01, 12-08
    assert chart.values(Severity.INFO) == [0] * 12
    assert [s.label() for s in chart.series.barSets()] == ["提示", "警告", "严重"]
    save_screenshot(page, "risk-chart.png", tmp_path)

    page.span.setCurrentIndex(page.span.findData("30d"))
    qtbot.waitUntil(lambda: chart.days.count() == 30, timeout=5000)  # 11-09 … 12-08
    assert chart.days.at(0) == "11-09"
    assert chart.values(Severity.WARNING) == [0] * 13 + [1] * 7 + [0] * 10  # 11-22 … 11-28
    assert chart.values(Severity.CRITICAL) == [0] * 16 + [1] * 14           # 11-25 … 12-08
