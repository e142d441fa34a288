"""The pool's patents pledged as one package: one application through the pledge register's service,
pre-filled with every current patent, its owners as pledgors and the trustee as pledgee, then examined as
any other; a pool without patents, pledgee, amount or deadline writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from ipdesk.domain.pledges.examination.findings import Outcome
from ipdesk.domain.pledges.lifecycle import PledgeStatus
from ipdesk.domain.shared.problems import RuleRefusal, ValidationError
from ipdesk.services.marketplace.pool_pledge import add_months
from ipdesk.storage.schema import AuditRow, PledgeRow
from tests.helpers.factories import ADMIN, FULL_CLAUSES, FULL_DOCS, add_party, invention_data, make_uscc
from tests.services.marketplace.conftest import FREE, World
from tests.services.marketplace.test_pools import second_number
from tests.services.statistics.test_pledge_grouping import assert_stored_as_joined

ON = date(2026, 12, 1)


def test_the_pools_patents_are_filed_as_one_application_and_examined(world: World) -> None:
    ws = world.ws
    other, third = add_party(ws, "常州天宇热管理有限公司", 60), add_party(ws, "无锡热控科技有限公司", 62)
    number = second_number()
    ws.rights.create(ADMIN, invention_data([other.id, third.id], number, title="一种均温板"))  # co-owned
    trustee = ws.parties.create(ADMIN, {"kind": "institution", "name": "中航信托股份有限公司", "uscc": make_uscc(61)})
    pool = ws.pools.create(ADMIN, {"name": "镇江热管理专利池", "trustee": trustee.uscc, "trust_amount": "30000000",
                                   "trust_term_months": "36"}).pool_no
    ws.pools.join(ADMIN, pool, world.firm.uscc, D(50), [FREE], on=date(2026, 11, 1))
    ws.pools.join(ADMIN, pool, other.uscc, D(30), [number], on=date(2026, 11, 2))
    ws.pools.join(ADMIN, pool, third.uscc, D(20), [], on=date(2026, 11, 2))
    filed = ws.pools.pledge_package(ADMIN, pool, {"documents": FULL_DOCS, "clauses": FULL_CLAUSES}, on=ON)
    assert filed.status is PledgeStatus.APPLIED
    assert [r.display_number for r in filed.rights] == [FREE, number]
    assert filed.pledgor_names == (world.firm.name, other.name, third.name)  # both co-owners of the second
    assert filed.pledgee_name == trustee.name and filed.secured_amount == D("30000000.00")
    assert filed.application.performance_deadline == date(2029, 12, 1)  # the trust term's end
    assert_stored_as_joined(ws.engine)  # the statistics' kind and region, as the joins give them
    exam = ws.pledges.examine(ADMIN, filed.id, as_of=ON)
    assert exam.outcome is Outcome.REGISTER, exam.failed
    assert ws.pledges.register(ADMIN, filed.id, on=ON).status is PledgeStatus.REGISTERED
    assert ws.audit.verify().ok


def test_what_is_not_given_is_asked_for_and_nothing_is_written(world: World) -> None:
    ws = world.ws
    empty = ws.pools.create(ADMIN, {"name": "空池"}).pool_no
    before = _counts(world)
    with pytest.raises(RuleRefusal) as err:
        ws.pools.pledge_package(ADMIN, empty, on=ON)
    assert err.value.problems[0].code == "market.pool_no_patents"
    ws.pools.join(ADMIN, empty, world.firm.uscc, D(100), [FREE])
    before = _counts(world)
    with pytest.raises(ValidationError) as bad:  # no trustee, trust amount or term: each one asked for
        ws.pools.pledge_package(ADMIN, empty, on=ON)
    assert [p.code for p in bad.value.problems] == ["market.pool_no_pledgee", "market.pool_no_amount",
                                                     "market.pool_no_deadline"]
    assert _counts(world) == before
    # Without the documents the application is filed all the same; the examination asks for them.
    filed = ws.pools.pledge_package(ADMIN, empty, {"pledgee": world.other_bank.uscc, "amount": "800000",
                                                   "performance_deadline": "2028-06-30"}, on=ON)
    assert ws.pledges.examine(ADMIN, filed.id, as_of=ON).outcome is Outcome.CORRECTION


def test_add_months_keeps_to_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def _counts(world: World) -> tuple[int, int]:
    with world.ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (PledgeRow, AuditRow))
