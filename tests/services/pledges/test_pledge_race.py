"""No second pledge under concurrency: two processes register the same patent at the same moment."""

from __future__ import annotations

import multiprocessing as mp
from datetime import date

from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.workstation import Workstation
from ipdesk.storage.engine import make_engine
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


def _register(url: str, pledge_id: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.domain.shared.problems import DomainError
    from ipdesk.services.office import settings as office_settings

    # a spawned process does not inherit the test's fixture: the register decides at once here too
    office_settings.NEW_OFFICE = office_settings.OfficeSettings(maker_checker=False)
    engine = make_engine(url)
    svc = PledgeService(engine)
    barrier.wait(timeout=30)
    try:
        rec = svc.register(ADMIN, pledge_id, on=D)
        results.put((pledge_id, "ok", rec.registration_no))
    except DomainError as err:
        results.put((pledge_id, type(err).__name__, " ".join(err.messages("zh"))))
    except Exception as err:
        results.put((pledge_id, "crash", repr(err)))
    finally:
        engine.dispose()


def test_two_processes_register_same_patent_exactly_one_wins(workstation: Workstation) -> None:
    svc = PledgeService(workstation.engine)
    world = pledge_world(workstation)
    first = svc.file(ADMIN, application_data(world), received=D)
    second = svc.file(ADMIN, application_data(world), received=D)
    url = workstation.engine.url.render_as_string(hide_password=False)

    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_register, args=(url, pid, barrier, results)) for pid in (first.id, second.id)]
    for p in procs:
        p.start()
    outcome = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)

    winners = [o for o in outcome if o[1] == "ok"]
    losers = [o for o in outcome if o[1] != "ok"]
    assert len(winners) == 1, outcome
    assert len(losers) == 1 and losers[0][1] == "RuleRefusal", outcome
    # The refusal names the right and says it is already pledged.
    assert "201710601862.3" in losers[0][2] and ("已被" in losers[0][2] or "P9" in losers[0][2]), losers[0][2]
    statuses = {svc.get(pid).status for pid in (first.id, second.id)}
    assert statuses == {PledgeStatus.REGISTERED, PledgeStatus.APPLIED}
