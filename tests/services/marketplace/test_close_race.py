"""One deal under concurrency: two processes close the same auction at the same moment (both engines)."""

from __future__ import annotations

import multiprocessing as mp

from sqlalchemy import func, select

from ipdesk.services.marketplace.service import MarketService
from ipdesk.services.workstation import Workstation
from ipdesk.storage.engine import make_engine
from ipdesk.storage.marketplace.tables import DealRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import ADMIN
from tests.services.marketplace.conftest import World, at


def _close(url: str, auction_no: str, when: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.domain.shared.problems import DomainError

    engine = make_engine(url)
    market = MarketService(engine)
    barrier.wait(timeout=30)
    try:
        closed = market.close(ADMIN, auction_no, when)
        results.put(("ok", closed.result, closed.deal.deal_no if closed.deal else None, closed.again))
    except DomainError as err:
        results.put(("refused", type(err).__name__, " ".join(err.messages("en")), None))
    except Exception as err:
        results.put(("crash", repr(err), None, None))
    finally:
        engine.dispose()


def test_two_processes_close_the_same_auction_one_deal(world: World, workstation: Workstation) -> None:
    a = world.auction()
    world.deposit(a, 0, 1)
    world.bid(a, 0, "700000", at(1))
    world.bid(a, 1, "710000", at(2))
    url = workstation.engine.url.render_as_string(hide_password=False)

    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_close, args=(url, a.auction_no, at(24 + i), barrier, results)) for i in range(2)]
    for p in procs:
        p.start()
    outcome = [results.get(timeout=90) for _ in procs]
    for p in procs:
        p.join(timeout=30)

    assert all(o[0] == "ok" for o in outcome), outcome
    assert len({o[2] for o in outcome}) == 1 and outcome[0][2], outcome  # both name the one deal
    assert sorted(o[3] for o in outcome) == [False, True], outcome  # one made it, the other found it
    with workstation.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DealRow)).scalar_one() == 1
        closes = conn.execute(select(func.count()).select_from(AuditRow)
                              .where(AuditRow.action == "auction.close")).scalar_one()
    assert closes == 1
