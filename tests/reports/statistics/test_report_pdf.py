"""The statistics report PDF: Chinese text extractable (the embedded font), the chart and the tables on A4 pages,
ink inside the page's margins (nothing cut off)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pypdfium2 import PdfDocument
from sqlalchemy import Engine

from ipdesk.domain.shared.clock import FixedClock
from ipdesk.domain.statistics.pledges import Dimension, Unit
from ipdesk.reports.statistics.report_pdf import render_statistics
from ipdesk.services.statistics.pledges import PledgeStatistics
from tests.helpers.clock import TEST_NOW
from tests.services.statistics.test_activity import seed_cases, seed_more, seed_signals


def test_the_report_has_charts_tables_and_chinese(sqlite_engine: Engine, tmp_path: Path) -> None:
    seed_more(sqlite_engine)
    st = PledgeStatistics(sqlite_engine, FixedClock(TEST_NOW))
    path = tmp_path / "r.pdf"
    render_statistics(path, st.pledges((Dimension.YEAR, Dimension.FAMILY), unit=Unit.WAN), st.monthly(),
                      st.decisions(), st.pledged_rights(), office_name="镇江市知识产权局",
                      issued_at=datetime(2026, 12, 1, 10, 0))
    pdf = PdfDocument(str(path))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for expected in ("知识产权质押融资统计", "镇江市知识产权局", "担保债权数额（万元）", "混合", "3,953.46",
                     "2024-07", "按期率（%）", "283.3", "发明专利", "第 1 页 共 2 页"):
        assert expected in text, expected
    page = pdf[0]
    width, height = page.get_size()
    image = page.render(scale=0.5).to_pil().convert("L")
    # The chart's bars are ink: the page is not blank between the title and the table.
    assert image.crop((0, int(image.height * 0.25), image.width, int(image.height * 0.45))).getextrema()[0] < 128
    # Nothing drawn in the outer 10 mm (the content keeps to the 20 mm margins).
    edge = int(10 / 210 * image.width)
    assert image.crop((0, 0, edge, image.height)).getextrema()[0] == 255
    assert image.crop((image.width - edge, 0, image.width, image.height)).getextrema()[0] == 255


def test_the_report_has_the_risk_signals_and_the_disposal_outcomes(sqlite_engine: Engine, tmp_path: Path) -> None:
    seed_more(sqlite_engine)
    seed_signals(sqlite_engine)
    seed_cases(sqlite_engine)
    st = PledgeStatistics(sqlite_engine, FixedClock(TEST_NOW))
    path = tmp_path / "r.pdf"
    render_statistics(path, st.pledges((Dimension.YEAR, Dimension.FAMILY), unit=Unit.WAN), st.monthly(),
                      st.decisions(), st.pledged_rights(), risk=st.risk_signals(), disposal=st.disposal(),
                      office_name="镇江市知识产权局", issued_at=datetime(2026, 12, 1, 10, 0))
    pdf = PdfDocument(str(path))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    text = "".join(pages)
    for expected in ("五、未解除的风险信号（按规则和严重程度）", "无效宣告请求", "严重", "警告", "涉及权利",
                     "六、处置结果：回收率与结案用时（按结案年份）", "回收率（%）", "平均结案天数",
                     "5,000,000.00", "6,234,567.89", "84.0", "210.0", "清偿分配时的本金、利息"):
        assert expected in text, expected
    # Both charts are ink, inside the margins, on the pages that hold their sections.
    for n in range(len(pages)):
        image = pdf[n].render(scale=0.5).to_pil().convert("L")
        edge = int(10 / 210 * image.width)
        assert image.crop((0, 0, edge, image.height)).getextrema()[0] == 255
        assert image.crop((image.width - edge, 0, image.width, image.height)).getextrema()[0] == 255
