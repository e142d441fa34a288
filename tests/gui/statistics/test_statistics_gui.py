"""The 统计 area and the workbench's statistics: the figures' models under the model tester, the charts' series
holding the hand-computed values (bars by year and family, lines by month, the banks' shares), the exports, the
digest on the workbench, who sees the area; screenshots under docs/screenshots (IPDESK_SCREENSHOTS=1)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries, QHorizontalStackedBarSeries, QLineSeries, QPieSeries
from PySide6.QtCore import Qt
from sqlalchemy import Engine, insert

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.views import View, sees
from ipdesk.gui.areas import AREAS, workbench_panels
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.statistics.models import TotalRole
from ipdesk.gui.statistics.statistics_page import StatisticsPage
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import PartyRow, PledgeEventRow, PledgePledgorRow, PledgeRightRow, PledgeRow, RightRow
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot
from tests.services.statistics.test_activity import seed_cases, seed_more, seed_signals

ROOT = Path(__file__).resolve().parents[3]


def settle(qtbot: Any) -> None:
    from ipdesk.gui.tasks import runner

    runner().wait(10_000)
    qtbot.wait(50)


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    seed_more(sqlite_workstation.engine)
    return sqlite_workstation


def series_of(view: Any, kind: type) -> Any:
    return next(s for s in view.chart().series() if isinstance(s, kind))


def test_the_page_shows_every_figure_in_charts_and_tables(qtbot, qtmodeltester, ws) -> None:
    page = StatisticsPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.unit.setCurrentIndex(page.unit.findData("wan"))
    settle(qtbot)
    qtbot.waitUntil(lambda: page.models["year_family"].rowCount() == 6, timeout=5000)  # 5 rows and 合计
    for model in page.models.values():
        qtmodeltester.check(model)
    table = page.models["year_family"]
    last = table.rowCount() - 1
    assert table.data(table.index(last, 0)) == "合计" and table.data(table.index(last, 0), TotalRole)
    assert table.data(table.index(last, 3)) == "3,953.46"  # 万元
    assert table.data(table.index(0, 1)) == "著作权" and table.headerData(3, Qt.Orientation.Horizontal) == \
        "担保债权数额（万元）"
    # The bars: one set per family, one value per year (2024, 2025), in 万元.
    bars = series_of(page.views["year_family"], QBarSeries)
    values = {b.label(): [b.at(i) for i in range(b.count())] for b in bars.barSets()}
    assert values == {"专利": [500.0, 250.0], "商标": [123.46, 0.0], "著作权": [80.0, 0.0], "混合": [0.0, 3000.0]}
    assert page.views["year_family"].chart().title() == "按年份和类别的担保债权数额（万元）"
    # The lines: registrations per month in order; changes count the extension.
    lines = {s.name(): [p.y() for p in s.points()] for s in page.views["monthly"].chart().series()
             if isinstance(s, QLineSeries)}
    assert len(lines["登记"]) == 22  # every month from 2024-03 to 2025-12, the quiet ones at zero
    assert [m for m, v in enumerate(lines["登记"]) if v] == [0, 4, 8, 10, 21]  # 03, 07, 11 of 2024; 01, 12 of 2025
    assert lines["变更"][4] == 2 and sum(lines["变更"]) == 2 and lines["注销"][15] == 1  # 2025-06
    # The banks' shares add up to the whole.
    pie = series_of(page.views["bank"], QPieSeries)
    assert sorted(round(s.value(), 2) for s in pie.slices()) == [453.46, 3500.0]  # 万元
    assert pie.slices()[0].label().startswith("中国银行股份有限公司镇江分行 88.5%")
    kinds = page.models["kind"]
    assert [kinds.data(kinds.index(r, 0)) for r in range(kinds.rowCount())] == [
        "发明专利", "多种权利", "软件著作权", "注册商标", "合计"]
    assert "已登记质押 5 笔" in page.summary.text()


def cells(model: Any, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_risk_signals_and_the_disposal_outcomes(qtbot, qtmodeltester, ws, lang) -> None:
    seed_signals(ws.engine)
    seed_cases(ws.engine)
    page = StatisticsPage(ws, lang)
    qtbot.addWidget(page)
    settle(qtbot)
    qtbot.waitUntil(lambda: page.models["disposal"].rowCount() == 3, timeout=5000)  # 2025, 2026 and 合计
    risk, disposal = page.models["risk"], page.models["disposal"]
    qtmodeltester.check(risk)
    qtmodeltester.check(disposal)
    zh = lang == "zh"
    # Most severe first, the rules and severities in words; the totals row counts every open signal once.
    assert cells(risk, 0) == (["无效宣告请求", "权利终止", "法院保全", "权属纠纷", "年费滞纳", "合计"] if zh else
                              ["Invalidation request", "Lapsed", "Court preservation", "Ownership dispute",
                               "Fee late", "Total"])
    assert cells(risk, 1)[:4] == (["严重"] * 3 + ["警告"] if zh else ["Critical"] * 3 + ["Warning"])
    assert cells(risk, 2) == ["2", "1", "1", "1", "2", "7"]
    assert risk.headerData(4, Qt.Orientation.Horizontal) == ("涉及权利" if zh else "Rights")
    # The stacked bars: a set per severity, one value per rule, the most severe rule at the top (last).
    bars = series_of(page.views["risk"], QHorizontalStackedBarSeries)
    values = {b.label(): [b.at(i) for i in range(b.count())] for b in bars.barSets()}
    assert values == ({"严重": [0.0, 0.0, 1.0, 1.0, 2.0], "警告": [2.0, 1.0, 0.0, 0.0, 0.0]} if zh else
                      {"Critical": [0.0, 0.0, 1.0, 1.0, 2.0], "Warning": [2.0, 1.0, 0.0, 0.0, 0.0]})
    assert page.views["risk"].chart().title() == ("未解除的风险信号（按规则和严重程度）" if zh else
                                                  "Open risk signals by rule and severity")
    # Disposal: the claim in yuan with separators, the recovery rate, the days to close.
    assert cells(disposal, 0) == ["2025", "2026", "合计" if zh else "Total"]
    assert cells(disposal, 5) == ["5,000,000.00", "1,234,567.89", "6,234,567.89"]
    assert cells(disposal, 6) == ["80.0", "100.0", "84.0"]  # 5,234,567.89 of 6,234,567.89: 83.96 %
    assert disposal.headerData(6, Qt.Orientation.Horizontal) == ("回收率（%）" if zh else "Recovery (%)")
    chart = page.views["disposal"].chart()
    rate = series_of(page.views["disposal"], QBarSeries).barSets()[0]
    assert [rate.at(i) for i in range(rate.count())] == [80.0, 100.0]
    days = series_of(page.views["disposal"], QLineSeries)
    assert [p.y() for p in days.points()] == [210.0, 75.0]
    assert len(chart.axes()) == 3  # years, percent (left), days (right)


def test_years_units_and_exports(qtbot, ws, tmp_path) -> None:
    from openpyxl import load_workbook
    from pypdfium2 import PdfDocument

    page = StatisticsPage(ws, UI_LANG)
    qtbot.addWidget(page)
    settle(qtbot)
    page.start.setValue(2025)
    settle(qtbot)
    qtbot.waitUntil(lambda: page.figures.get("year_family") is not None
                    and page.figures["year_family"].count == 2, timeout=5000)
    page.end.setValue(2024)
    assert page.summary.text() == "起始年份不能晚于截止年份。"
    page.end.setValue(page.end.minimum())  # 不限
    settle(qtbot)
    page.write_excel(tmp_path / "s.xlsx")
    settle(qtbot)
    book = load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames[:4] == ["质押登记-年份类别", "质押登记-质权人", "质押登记-地区", "质押登记-权利种类"]
    assert book.sheetnames[-2:] == ["风险信号", "处置结果"]
    assert [c.value for c in book["处置结果"][1]] == ["年份", "结案", "平均结案天数", "已清偿分配", "处置所得（元）",
                                                    "债权（元）", "回收率（%）"]
    page.write_pdf(tmp_path / "s.pdf")
    settle(qtbot)
    pdf = PdfDocument(str(tmp_path / "s.pdf"))
    assert "统计范围：2025–… 年" in pdf[0].get_textpage().get_text_range()
    page.tabs.setCurrentIndex(1)
    assert page.current_chart() is page.views["monthly"]
    from ipdesk.gui.statistics.charts import save_png

    assert save_png(page.current_chart(), tmp_path / "c.png") and (tmp_path / "c.png").stat().st_size > 1000


def test_the_workbench_has_the_chart_and_the_digest(qtbot, qtmodeltester, ws, tmp_path) -> None:
    ws.clock.base.set(ws.clock.now().replace(year=2026, month=12, day=20))  # performance deadlines 2027-01-01
    page = WorkbenchPage(ws, UI_LANG, panels=workbench_panels(ws, UI_LANG))
    qtbot.addWidget(page)
    settle(qtbot)
    chart, digest = page.panels
    qtbot.waitUntil(lambda: digest.model.rowCount() == 4, timeout=5000)
    qtmodeltester.check(digest.model)
    assert digest.model.data(digest.model.index(0, 2)) == "债务履行期限届满"
    assert digest.model.data(digest.model.index(0, 1)) == "12"
    assert digest.model.data(digest.model.index(0, 1), BadgeToneRole) == "info"
    assert digest.model.data(digest.model.index(0, 6)) == "5,000,000.00"
    assert chart.stats is not None and chart.stats.count == 5  # 2021–2026: all five, in 万元
    assert chart.stats.amount == Decimal("3953.46") and len(series_of(chart.view, QBarSeries).barSets()) == 4
    page.resize(SHOT_WIDTH, 900)
    save_screenshot(page, "workbench-digest.png", tmp_path)
    digest.write(tmp_path / "d.csv")
    settle(qtbot)
    assert "债务履行期限届满" in (tmp_path / "d.csv").read_text("utf-8-sig")


def test_the_digest_list_shows_a_page_at_a_time(qtbot, qtmodeltester) -> None:
    """An office's digest can be tens of thousands of items: the list holds them all but shows 200 more each
    time the view reaches its end; the summary counts them all."""
    from PySide6.QtWidgets import QTableView

    from ipdesk.domain.statistics.digest import DueItem, DueKind
    from ipdesk.gui.statistics.models import DigestModel
    from ipdesk.services.statistics.digest import Digest

    today = date(2026, 12, 1)
    items = tuple(DueItem(DueKind.APPLICATION, today + timedelta(days=n // 40 - 2), f"A{n:05d}", "某公司")
                  for n in range(450))
    model = DigestModel("zh")
    model.set_digest(Digest(today, 14, items))
    assert model.rowCount() == 200 and model.canFetchMore()
    assert model.data(model.index(0, 3)) == "A00000" and model.data(model.index(0, 1)) == "-2"
    model.fetchMore()
    assert model.rowCount() == 400 and model.item(399) == items[399]
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    model.fetchMore()  # nothing more
    assert model.rowCount() == 450 and model.item(449) == items[449]
    model.set_digest(Digest(today, 14, items))  # a new digest starts again at the first page
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    assert model.rowCount() == 200
    view.scrollToBottom()  # the view asks for more when it reaches the end
    qtbot.waitUntil(lambda: model.rowCount() > 200, timeout=2000)
    model.set_digest(Digest(today, 14, items[:3]))
    assert model.rowCount() == 3 and not model.canFetchMore()
    tested = DigestModel("zh")  # (the model tester stays connected and fetches more itself: a model of its own)
    tested.set_digest(Digest(today, 14, items))
    qtmodeltester.check(tested)


def test_who_sees_the_area() -> None:
    spec = next(a for a in AREAS if a.key == "statistics")
    assert spec.build is not None and spec.permission is View.STATISTICS
    assert sees(Actor("c", Role.CLERK), View.STATISTICS) and sees(Actor("a", Role.AUDITOR), View.STATISTICS)
    assert not sees(Actor("g", Role.AGENCY, 1), View.STATISTICS)


# ---- a register over ten years for the screenshots -------------------------------------------------------

BANKS = ["中国银行股份有限公司镇江分行", "江苏银行股份有限公司南京分行", "中国工商银行股份有限公司镇江分行",
         "交通银行股份有限公司江苏省分行", "招商银行股份有限公司南京分行", "南京银行股份有限公司镇江分行",
         "中国建设银行股份有限公司丹阳支行", "江苏镇江农村商业银行股份有限公司", "兴业银行股份有限公司镇江分行"]


def ten_years(engine: Engine, n: int = 1500) -> None:
    """``n`` registered (some cancelled) pledges from 2016 to 2026, growing year by year, nine banks."""
    rnd = random.Random(13)
    with engine.begin() as conn:
        conn.execute(insert(PartyRow.__table__), [{"id": i + 1, "kind": "bank", "name": b, "name_key": f"b{i}"}
                                                  for i, b in enumerate(BANKS)])
        conn.execute(insert(PartyRow.__table__), [{"id": 100 + i, "kind": "enterprise", "name": f"企业{i}",
                                                   "name_key": f"f{i}", "region": rnd.choice(["321100", "320100",
                                                                                              "321181", "110000"])}
                                                  for i in range(200)])
        for i in range(1, n + 1):
            year = 2016 + min(10, int(rnd.random() ** 0.6 * 11))
            on = date(year, 1, 1) + timedelta(days=rnd.randrange(330 if year == 2026 else 365))
            family = rnd.choice(["patent"] * 6 + ["trademark"] * 3 + ["copyright", "mixed"])
            kind = {"patent": rnd.choice(["invention", "utility_model"]), "trademark": "trademark",
                    "copyright": "software", "mixed": "invention"}[family]
            cancelled = rnd.random() < 0.2 and on + timedelta(days=200) < date(2026, 11, 30)
            conn.execute(insert(PledgeRow.__table__), {
                "id": i, "application_no": f"ZY{i:06d}", "registration_no": f"Z{i:06d}",
                "status": "cancelled" if cancelled else "registered", "family": family,
                "application_date": on - timedelta(days=5), "clock_start": on - timedelta(days=5),
                "sla_deadline": on, "pledgee_id": 1 + int(rnd.random() ** 1.8 * len(BANKS)), "debt_type": "loan",
                "secured_amount": Decimal(rnd.choice([100, 300, 500, 800, 1000, 2000, 5000])) * 10000,
                "performance_deadline": on + timedelta(days=730), "registered_on": on})
            conn.execute(insert(PledgePledgorRow.__table__),
                         {"pledge_id": i, "party_id": 100 + i % 200, "position": 0})
            conn.execute(insert(RightRow.__table__), {"id": i, "kind": kind, "number": f"N{i}",
                                                      "display_number": f"N{i}", "title": "一种装置",
                                                      "legal_status": "in_force"})
            conn.execute(insert(PledgeRightRow.__table__), {"pledge_id": i, "right_id": i, "position": 0,
                                                            "active_right_id": None if cancelled else i})
            conn.execute(insert(PledgeEventRow.__table__), {"pledge_id": i, "kind": "registered", "on_date": on,
                                                            "actor": "demo"})
            if cancelled:
                conn.execute(insert(PledgeEventRow.__table__), {
                    "pledge_id": i, "kind": "cancelled", "on_date": on + timedelta(days=200), "actor": "demo"})
        outcomes(conn, rnd, n)


RULES = [("fee_late", "warning", 40), ("fee_due_soon", "info", 70), ("invalidation", "critical", 6),
         ("dispute", "warning", 9), ("preservation", "critical", 4), ("lapsed", "critical", 3),
         ("valuation_expired", "warning", 25), ("ltv_over_cap", "critical", 8), ("repayment_overdue", "critical", 12),
         ("insurance_lapsed", "warning", 15)]


def outcomes(conn: Any, rnd: random.Random, n: int) -> None:
    """Open risk signals of several rules, and disposal cases closed from 2019 on (most settled), with loans."""
    from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalSettlementRow
    from ipdesk.storage.loans.tables import LoanRow
    from ipdesk.storage.risk.tables import RiskSignalRow

    live = [i for i in range(1, n + 1) if i % 7]
    signals = [{"rule": rule, "severity": severity, "pledge_id": pid, "right_id": pid, "since": date(2026, 11, 1),
                "active_key": f"{rule}:{pid}", "detail": ""}
               for rule, severity, count in RULES for pid in rnd.sample(live, count)]
    conn.execute(insert(RiskSignalRow.__table__), signals)
    stamp = datetime(2026, 11, 2, tzinfo=UTC)
    zero = Decimal("0.00")
    for c, pid in enumerate(rnd.sample(range(1, n + 1), 60), start=1):
        opened = date(2018, 6, 1) + timedelta(days=rnd.randrange(2900))
        closed = opened + timedelta(days=rnd.randrange(60, 420))
        if closed >= date(2026, 11, 30):
            continue
        claim = Decimal(rnd.choice([300, 500, 800, 1000, 2000])) * 10000
        loan = conn.execute(insert(LoanRow.__table__).values(
            loan_no=f"DK{c:04d}", lender_id=1, borrower_id=100 + pid % 200, pledge_id=pid, principal=claim,
            annual_rate=Decimal("4.5"), start_date=opened - timedelta(days=400), maturity_date=opened,
            schedule_kind="bullet", penalty_surcharge=Decimal("50"), default_after_days=90, allocation="",
            created_at=stamp, updated_at=stamp, version=1)).inserted_primary_key[0]
        case = conn.execute(insert(DisposalCaseRow.__table__).values(
            case_no=f"CZ{c:04d}", pledge_id=pid, loan_id=loan, stage="closed", stage_entered_on=closed,
            responsible="demo", opened_on=opened, closed_on=closed, scheme="", listing="", created_at=stamp,
            updated_at=stamp, version=1)).inserted_primary_key[0]
        if rnd.random() < 0.85:
            proceeds = (claim * Decimal(rnd.randrange(35, 100)) / 100).quantize(Decimal("0.01"))
            conn.execute(insert(DisposalSettlementRow.__table__).values(
                case_id=case, settled_on=closed, proceeds=proceeds, costs=zero, paid_penalty=zero,
                paid_interest=zero, paid_principal=proceeds, surplus_to_pledgor=zero, shortfall=claim - proceeds,
                pledgor_is_debtor=True, lines="{}", actor="demo"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots(qtbot, sqlite_workstation: Workstation, tmp_path, lang) -> None:
    from ipdesk.gui import i18n

    i18n.install_translators("en" if lang == "en" else "zh_CN")  # into docs/screenshots or …/en
    ten_years(sqlite_workstation.engine)
    page = StatisticsPage(sqlite_workstation, lang)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 800)
    settle(qtbot)
    qtbot.waitUntil(lambda: page.models["year_family"].rowCount() > 30, timeout=10_000)
    save_screenshot(page, "statistics.png", tmp_path)
    page.tabs.setCurrentIndex(1)
    save_screenshot(page, "statistics-monthly.png", tmp_path)
    page.tabs.setCurrentIndex(2)
    save_screenshot(page, "statistics-banks.png", tmp_path)
    page.tabs.setCurrentIndex(list(page.models).index("risk"))
    save_screenshot(page, "statistics-risk.png", tmp_path)
    assert page.models["risk"].rowCount() == len(RULES) + 1
    page.tabs.setCurrentIndex(list(page.models).index("disposal"))
    save_screenshot(page, "statistics-disposal.png", tmp_path)
    assert page.models["disposal"].rowCount() >= 7  # 2019–2026 and 合计
    # Nothing cut off: every button shows its whole text, the chart has its room.
    for button in page.findChildren(type(page.findChild(object, "statsExcel"))):
        if button.isVisible() and button.text():
            assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()), button.text()
    assert page.views["year_family"].height() >= 240
