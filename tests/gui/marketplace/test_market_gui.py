"""The 流转市场 area: models under the model tester, the live auction view (price, leader by code, the
countdown on the office clock, the ladder, a tender's opening order), the lot form and its refusal, the
workbench tile of auctions closing today; a screenshot."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from ipdesk.gui.marketplace.auction_view import AuctionView
from ipdesk.gui.marketplace.forms import LotForm
from ipdesk.gui.marketplace.market_page import MarketPage
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot, ui_text
from tests.helpers.factories import ADMIN, add_party, application_data, invention_data, pledge_world

ROOT = Path(__file__).resolve().parents[3]
FREE = "ZL 201810123456.5"


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Any:
    world = pledge_world(sqlite_workstation)
    sqlite_workstation.rights.create(ADMIN, invention_data([world["firm"].id], FREE, title="一种热管散热器"))
    sqlite_workstation.pledges.file_and_register(ADMIN, application_data(world))
    bidders = [add_party(sqlite_workstation, name, 40 + i) for i, name in
               enumerate(("常州天合光电有限公司", "无锡华晶微电子有限公司", "南京科远智能有限公司"))]
    sqlite_workstation.world = world  # type: ignore[attr-defined]
    sqlite_workstation.bidders = bidders  # type: ignore[attr-defined]
    return sqlite_workstation


def running_auction(ws: Any, mode: str = "english", preset: str = "online_judicial") -> Any:
    """An auction that opened an hour ago and closes 23 hours from now, with two bids (or three tenders)."""
    m, now = ws.market, ws.clock.now()
    lot = m.add_lot(ADMIN, {"rights": [FREE], "type": "sale", "assessed_value": "1000000",
                            "seller": ws.world["firm"].uscc, "title": "热管散热器专利"}).value
    a = m.open_auction(ADMIN, lot.lot_no, {
        "preset": preset, "mode": mode, "start": "700000", "increment": "10000", "deposit": "70000",
        "opens": (now - timedelta(hours=1)).isoformat(), "closes": (now + timedelta(hours=23)).isoformat()}).auction
    for i, b in enumerate(ws.bidders):
        m.deposit(ADMIN, a.auction_no, {"bidder": b.uscc, "amount": "70000",
                                        "at": (now - timedelta(minutes=50 - i)).isoformat()})
    amounts = ("700000", "720000", "710000") if mode == "tender" else ("700000", "710000")
    for i, amount in enumerate(amounts):
        m.bid(ADMIN, a.auction_no, {"bidder": ws.bidders[i].uscc, "amount": amount,
                                    "at": (now - timedelta(minutes=30 - i)).isoformat()})
    return a


def settle(qtbot: Any) -> None:
    from ipdesk.gui.tasks import runner

    runner().wait(10_000)
    qtbot.wait(50)


def test_the_live_auction_view_counts_down_on_the_office_clock(qtbot, qtmodeltester, ws) -> None:
    a = running_auction(ws)
    view = AuctionView(ws, UI_LANG)
    qtbot.addWidget(view)
    view.show_auction(ws.market.get_auction(ADMIN, a.auction_no))
    assert "710,000.00" in view.price.text() and view.leader.text() == "领先：B002"
    assert view.clock_label.text() == "距结束 23:00:00"
    qtmodeltester.check(view.model)
    assert [view.model.data(view.model.index(r, 0)) for r in range(2)] == ["B002", "B001"]  # latest first
    ws.clock.base.set(ws.clock.now() + timedelta(hours=22, minutes=58, seconds=30))  # type: ignore[attr-defined]
    view.tick()
    assert view.clock_label.text() == "距结束 00:01:30"
    ws.clock.base.set(ws.clock.now() + timedelta(minutes=2))  # type: ignore[attr-defined]
    view.tick()
    assert view.clock_label.text() == "竞价已结束，待确认结果"


def test_a_sealed_tender_hides_its_bids_until_the_opening(qtbot, ws) -> None:
    a = running_auction(ws, mode="tender", preset="private")
    view = AuctionView(ws, UI_LANG)
    qtbot.addWidget(view)
    view.show_auction(ws.market.get_auction(ADMIN, a.auction_no))
    assert view.price.text() == "密封投标" and view.model.rowCount() == 0
    ws.market.close(ADMIN, a.auction_no, ws.clock.now() + timedelta(hours=23))
    view.show_auction(ws.market.get_auction(ADMIN, a.auction_no))
    assert [view.model.data(view.model.index(r, 0)) for r in range(3)] == ["B002", "B003", "B001"]
    assert view.clock_label.text() == "已成交" and "开标结果" in view.ladder_title.text()


def test_the_market_page_shows_lots_the_auction_and_deals(qtbot, qtmodeltester, ws, tmp_path) -> None:
    a = running_auction(ws)
    page = MarketPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 760)
    qtbot.waitUntil(lambda: page.lots.rowCount() == 1, timeout=5000)
    settle(qtbot)
    qtmodeltester.check(page.lots)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.view.auction is not None, timeout=5000)
    assert page.view.auction.auction_no == a.auction_no and page.buttons["bid"].isEnabled()
    status = page.lots.column_index("status")
    assert page.lots.data(page.lots.index(0, status)) == ui_text("竞价中", "In auction")
    qtbot.waitUntil(lambda: bool(page.rights.text()), timeout=5000)
    assert FREE in page.rights.text() and "有效" in page.rights.text() and "剩余保护期" in page.rights.text()
    for key in ("lot_no", "title"):  # the columns fit the rows, not the placeholders shown before them
        col = page.lots.column_index(key)
        text = page.lots.data(page.lots.index(0, col))
        assert page.table.columnWidth(col) > page.table.fontMetrics().horizontalAdvance(text), (key, text)
    shot = save_screenshot(page, "market-auction.png", tmp_path)
    assert shot.stat().st_size > 10_000
    ws.market.close(ADMIN, a.auction_no, ws.clock.now() + timedelta(hours=23))
    page.refresh()
    qtbot.waitUntil(lambda: page.deals.rowCount() == 1, timeout=5000)
    qtmodeltester.check(page.deals)
    assert page.deals.data(page.deals.index(0, 2)) == ws.bidders[1].name  # names once closed
    path = tmp_path / "deal.pdf"
    page.write_confirmation(page.deals.deal(0).deal_no, path)
    qtbot.waitUntil(path.exists, timeout=10_000)
    assert path.read_bytes().startswith(b"%PDF")


def test_the_lot_form_lists_a_lot_and_shows_a_refusal_on_its_field(qtbot, ws) -> None:
    form = LotForm(ws, lang=UI_LANG)
    qtbot.addWidget(form)
    form.rights.editor.setText(ws.world["right"].display_number)  # pledged to the bank
    form.assessed.setText("800000")
    form.seller.editor.setText(ws.world["firm"].uscc)
    form.submit()
    qtbot.waitUntil(lambda: form.fields["rights"].has_error, timeout=5000)
    assert form.fields["rights"].has_error and "处置案件" in " ".join(form.fields["rights"].problems())
    form.case.editor.setText("CZ2026000001")
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.submit()
    assert ws.market.list_lots(ADMIN)[0].case_ref == "CZ2026000001"


def test_the_workbench_tile_counts_auctions_closing_today(qtbot, ws) -> None:
    running_auction(ws)  # closes 23 h after 10:00 Beijing: tomorrow
    page = WorkbenchPage(ws, UI_LANG)
    qtbot.addWidget(page)
    settle(qtbot)
    assert page.market_tile is not None and page.market_tile.number.text() == "0"
    ws.clock.base.set(ws.clock.now() + timedelta(hours=20))  # type: ignore[attr-defined]
    page.refresh()
    settle(qtbot)
    assert page.market_tile.number.text() == "1"
    opened: list[str] = []
    page.open_area = opened.append
    page.market_tile.click()
    assert opened == ["market"]
