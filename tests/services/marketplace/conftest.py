"""A world for marketplace tests: a firm's free invention, a second invention pledged to a bank, three bidder
firms, another bank, and a clock the tests move."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.marketplace.service import MarketService
from ipdesk.services.workstation import Workstation
from ipdesk.storage.marketplace.tables import AuctionRow, BidderRow, BidRow, DealRow, LotRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import ADMIN, add_party, application_data, invention_data, make_uscc, pledge_world

FREE = "ZL 201810123456.5"
OPENS = datetime(2027, 1, 10, 2, tzinfo=UTC)  # 10:00 in Beijing, 40 days after the test clock's day
CLOSES = OPENS + timedelta(hours=24)


def at(hours: float = 0, minutes: float = 0) -> str:
    return (OPENS + timedelta(hours=hours, minutes=minutes)).isoformat()


@dataclass
class World:
    ws: Workstation
    firm: Any
    bank: Any
    other_bank: Any
    bidders: list[Any]
    pledged: Any  # the right under a registered pledge to ``bank``
    free: Any
    pledge: Any

    @property
    def market(self) -> MarketService:
        return self.ws.market

    def lot(self, **extra: Any) -> Any:
        data = {"rights": [self.free.display_number], "type": "sale", "assessed_value": "1000000", **extra}
        return self.market.add_lot(ADMIN, data).value

    def auction(self, lot: Any = None, **extra: Any) -> Any:
        lot = lot or self.lot()
        data = {"preset": "online_judicial", "start": "700000", "increment": "10000", "deposit": "70000",
                "opens": OPENS.isoformat(), "closes": CLOSES.isoformat(), **extra}
        return self.market.open_auction(ADMIN, lot.lot_no, data).auction

    def deposit(self, auction: Any, *which: int, amount: str = "70000") -> list[str]:
        return [self.market.deposit(ADMIN, auction.auction_no, {"bidder": self.bidders[i].uscc, "amount": amount,
                                                                 "at": at(-1)}).bidder for i in which]

    def bid(self, auction: Any, i: int, amount: str, when: str) -> Any:
        return self.market.bid(ADMIN, auction.auction_no, {"bidder": self.bidders[i].uscc, "amount": amount,
                                                           "at": when})


@pytest.fixture
def world(workstation: Workstation) -> World:
    base = pledge_world(workstation)
    free = workstation.rights.create(ADMIN, invention_data([base["firm"].id], FREE, title="一种热管散热器"))
    pledge = workstation.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))
    other = workstation.parties.create(ADMIN, {"kind": "bank", "name": "江苏银行股份有限公司镇江分行",
                                               "uscc": make_uscc(901)})
    bidders = [add_party(workstation, name, 20 + i) for i, name in
               enumerate(("常州天合光电有限公司", "无锡华晶微电子有限公司", "南京科远智能有限公司"))]
    return World(workstation, base["firm"], base["bank"], other, bidders, base["right"], free, pledge)


def officer(agency: Any) -> Actor:
    return Actor("chuzhi", Role.AGENCY, agency.id)


def counts(ws: Workstation) -> tuple[int, ...]:
    """Lots, auctions, bidders, bids, deals and audit entries: a refused command changes none of them."""
    with ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (LotRow, AuctionRow, BidderRow, BidRow, DealRow, AuditRow))
