"""One application under concurrency: two processes convert the same credit line at the same moment (both
engines) — one files it, the other is told the line is converted; one pledge, one conversion entry."""

from __future__ import annotations

import multiprocessing as mp

from sqlalchemy import func, select

from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, PledgeRow
from tests.helpers.factories import ADMIN
from tests.services.matchmaking.conftest import World


def _convert(url: str, data_dir: str, line_id: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from ipdesk.config import AppConfig
    from ipdesk.domain.shared.problems import DomainError
    from ipdesk.storage.engine import make_engine
    from tests.helpers.clock import fixed_clock

    engine = make_engine(url)  # a desk of its own on the same register (and the same audit secret)
    service = Workstation(config=AppConfig(data_dir=Path(data_dir), database_url=url), engine=engine,
                          actor=ADMIN, clock=fixed_clock()).matchmaking
    barrier.wait(timeout=30)
    try:
        done = service.convert_line(ADMIN, line_id).value
        results.put(("ok", done.application_no))
    except DomainError as err:
        results.put(("refused", err.problems[0].code))
    except Exception as err:
        results.put(("crash", repr(err)))
    finally:
        engine.dispose()


def test_two_processes_convert_the_same_line_one_application(world: World, workstation: Workstation) -> None:
    line = world.line(0, 0, "5000000")
    url = workstation.engine.url.render_as_string(hide_password=False)
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_convert, args=(url, str(workstation.config.data_dir), line.id, barrier,
                                                              results)) for _ in range(2)]
    for p in procs:
        p.start()
    outcome = sorted(results.get(timeout=90) for _ in procs)
    for p in procs:
        p.join(timeout=30)
    assert [o[0] for o in outcome] == ["ok", "refused"] and outcome[1][1] == "match.line_status", outcome
    converted = world.mm.line(line.id)
    assert converted.application_no == outcome[0][1]
    with workstation.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(PledgeRow)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(AuditRow)
                            .where(AuditRow.action == "match.line_convert")).scalar_one() == 1
    assert workstation.audit.verify().ok
