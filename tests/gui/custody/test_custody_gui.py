"""The 托管 area and the fee tables: models under the model tester, bands coloured, one-step 已缴, the month's
list, the workbench tile; a custodian sees the area."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.views import View, sees
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.custody.custody_page import CustodyPage
from ipdesk.gui.custody.worklist_models import AgreementsModel, WorklistModel
from ipdesk.gui.fees.schedule_model import FeeScheduleModel
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot, ui_text
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc

ROOT = Path(__file__).resolve().parents[3]
CUSTODIAN = Actor("tuoguan", Role.CUSTODIAN)


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    firm = add_party(sqlite_workstation)
    custodian = sqlite_workstation.parties.create(ADMIN, {"kind": "enterprise", "name": "镇江知识产权托管中心",
                                                          "uscc": make_uscc(77)})
    sqlite_workstation.rights.create(ADMIN, invention_data([firm.id]))  # type: ignore[list-item]
    # Year 11 due 2026-12-01, paid through 9: year 10 (due 2025-12-01) is lapsed; through 10 → due today.
    sqlite_workstation.rights.create(ADMIN, invention_data(  # type: ignore[list-item]
        [firm.id], number="ZL 201610000010.4", filing_date="2016-09-01", grant_date="2019-01-01",
        fees_paid_through="10", fee_reduction="85"))
    sqlite_workstation.custody.create_agreement(CUSTODIAN, {
        "custodian_id": custodian.id, "starts_on": "2026-01-01", "reference": "TG-1", "fee_budget": "10000",
        "rights": ["ZL 201710601862.3", "ZL 201610000010.4"]})
    sqlite_workstation.actor = CUSTODIAN
    return sqlite_workstation


def settle(qtbot: Any) -> None:
    from ipdesk.gui.tasks import runner

    runner().wait(10_000)
    qtbot.wait(50)


def test_the_worklist_colours_the_band_and_pays_in_one_step(qtbot, qtmodeltester, ws, tmp_path) -> None:
    page = CustodyPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 520)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.agreements)
    band = page.model.columns.index(next(c for c in page.model.columns if c[0] == "band"))
    index = page.model.index(0, band)
    assert page.model.data(index) == "10%"  # year 11 due 2026-09-01, three months late on 2026-12-01
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole).color().name() == TONES["warn"][0]
    status = page.model.columns.index(next(c for c in page.model.columns if c[0] == "status"))
    assert page.model.data(page.model.index(0, status), BadgeToneRole) == "warn"
    assert page.agreements.rowCount() == 1 and "10,000.00" in page.agreements.data(page.agreements.index(0, 5))
    save_screenshot(page, "custody-worklist.png", tmp_path)
    page.table.selectRow(0)
    assert page.pay_button.isEnabled() and page.pay_button.isVisibleTo(page)
    page.mark_paid()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    assert ws.fees.payments("ZL 201610000010.4")[0]["payer"] == "镇江知识产权托管中心"


def test_the_month_list_exports(qtbot, ws, tmp_path) -> None:
    page = CustodyPage(ws, UI_LANG)
    qtbot.addWidget(page)
    settle(qtbot)
    path = tmp_path / "month.csv"
    page.write_month(path)
    qtbot.waitUntil(path.exists, timeout=5000)
    assert path.read_text("utf-8-sig").splitlines()[0].startswith("序号")


def test_fee_schedule_model(qtmodeltester, ws) -> None:
    report = ws.fees.report("ZL 201610000010.4")
    model = FeeScheduleModel("en")
    model.set_years(report.schedule.years)
    qtmodeltester.check(model)
    row = 10  # year 11: late, 10 %
    assert model.data(model.index(row, 7)) == "Late"
    assert model.data(model.index(row, 7), BadgeToneRole) == "warn"
    assert model.data(model.index(row, 5)).startswith("10%")
    assert model.data(model.index(0, 7), BadgeToneRole) == "ok"
    empty = WorklistModel("zh")
    qtmodeltester.check(empty)
    qtmodeltester.check(AgreementsModel("en"))


def test_the_workbench_counts_custody_fees_due_this_week(qtbot, ws) -> None:
    opened: list[str] = []
    ws.actor = ADMIN
    board = WorkbenchPage(ws, UI_LANG, open_area=opened.append)
    qtbot.addWidget(board)
    qtbot.waitUntil(lambda: board.custody_tile is not None and board.custody_tile.count == 1, timeout=5000)
    board.custody_tile.click()
    assert opened == ["custody"]


def test_custodians_see_the_custody_area() -> None:
    assert sees(CUSTODIAN, View.CUSTODY) and not sees(Actor("c", Role.CLERK), View.CUSTODY)


def test_the_right_pane_shows_the_fee_schedule(qtbot, qtmodeltester, ws, tmp_path) -> None:
    from ipdesk.gui.areas import right_sections
    from ipdesk.gui.fees.fee_section import FeeSection
    from ipdesk.gui.registry.rights_page import RightDetailPane

    pane = RightDetailPane(ws, UI_LANG, sections=right_sections(ws, UI_LANG))
    qtbot.addWidget(pane)
    pane.resize(900, 1200)
    right = ws.rights.get_by_number("ZL 201610000010.4")
    pane.record_id = right.id
    pane.present(pane.load(right.id))
    section = next(s for s in pane.sections if isinstance(s, FeeSection))
    assert section.model.rowCount() == 20 and section.isVisibleTo(pane)
    qtmodeltester.check(section.model)
    summary = section.summary.text()
    assert ui_text("已缴至第 10 年", "Paid through year 10") in summary
    assert ui_text("费减 85%", "Fee reduction 85%") in summary
    assert "第 11 年应缴 1,000.00 元" in section.summary.text()
    assert section.model.data(section.model.index(10, 7), BadgeToneRole) == "warn"
    save_screenshot(pane, "right-fees.png", tmp_path)
    mark = ws.rights.create(ADMIN, {"kind": "trademark", "number": "12345678", "title": "恒顺",
                                    "registration_date": "2019-05-07", "nice_classes": "1",
                                    "owners": [{"party_id": right.owners[0].party_id, "share": ""}]})
    pane.present(pane.load(mark.id))
    assert not section.isVisibleTo(pane)  # a mark has no annual fees
