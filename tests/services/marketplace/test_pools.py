"""Patent pools through the service: members join with their patents and leave, the pool is valued from its
patents' valuations, licence income is shared by the key exact to the fen, a key off 100 % writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.problems import RuleRefusal
from ipdesk.storage.marketplace.pool_tables import PoolIncomeRow, PoolPayoutRow
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc
from tests.services.marketplace.conftest import FREE, World


def second_number() -> str:
    from ipdesk.domain.registry.identifiers import parse_right_number

    for d in "0123456789X":
        try:
            return parse_right_number(f"ZL 201910222333.{d}").display
        except Exception:
            continue
    raise AssertionError


def test_members_income_and_the_key(world: World) -> None:
    ws = world.ws
    other = add_party(ws, "常州天宇热管理有限公司", 60)
    number = second_number()
    ws.rights.create(ADMIN, invention_data([other.id], number, title="一种均温板"))
    trustee = ws.parties.create(ADMIN, {"kind": "institution", "name": "中航信托股份有限公司", "uscc": make_uscc(61)})
    pool = ws.pools.create(ADMIN, {"name": "镇江热管理专利池", "method": "average", "trustee": trustee.uscc,
                                   "trust_amount": "30000000", "trust_term_months": "36"})
    assert pool.pool_no.startswith("PL") and pool.trustee == trustee.name
    with pytest.raises(RuleRefusal) as err:
        ws.pools.join(ADMIN, pool.pool_no, other.uscc, D(40), [FREE])  # not its patent
    assert err.value.problems[0].code == "market.pool_not_owner"
    ws.pools.join(ADMIN, pool.pool_no, world.firm.uscc, D(60), [FREE], on=date(2026, 11, 1))
    ws.pools.join(ADMIN, pool.pool_no, other.uscc, D("39.99"), [number], on=date(2026, 11, 1))
    before = _counts(world)
    with pytest.raises(RuleRefusal) as err:
        ws.pools.record_income(ADMIN, pool.pool_no, D("100000"), on=date(2026, 11, 20))
    assert err.value.problems[0].code == "market.pool_key_total" and _counts(world) == before
    ws.pools.leave(ADMIN, pool.pool_no, other.uscc, on=date(2026, 11, 10))
    ws.pools.join(ADMIN, pool.pool_no, add_party(ws, "无锡热控科技有限公司", 62).uscc, D(40), [], on=date(2026, 11, 10))
    shared = ws.pools.record_income(ADMIN, pool.pool_no, D("100000.01"), on=date(2026, 11, 20), source="许可费")
    assert [(n, a) for n, _s, a in shared.payouts] == [(world.firm.name, D("60000.01")), ("无锡热控科技有限公司",
                                                                                          D("40000.00"))]
    assert sum(a for _n, _s, a in shared.payouts) == D("100000.01")
    with pytest.raises(RuleRefusal) as err:  # a member joins once
        ws.pools.join(ADMIN, pool.pool_no, world.firm.uscc, D(1), [])
    assert err.value.problems[0].code == "market.pool_member_twice"
    again = ws.pools.create(ADMIN, {"name": "另一个池"})  # the patent left with its member: free for another pool
    assert ws.pools.join(ADMIN, again.pool_no, other.uscc, D(100), [number]).members[0].rights == (number,)
    assert ws.audit.verify().ok


def test_the_pool_is_valued_from_its_patents(world: World) -> None:
    ws = world.ws
    evaluator = ws.parties.create(ADMIN, {"kind": "evaluator", "name": "江苏中企华中天资产评估有限公司",
                                          "uscc": make_uscc(63)})
    pool = ws.pools.create(ADMIN, {"name": "池", "method": "average"})
    ws.pools.join(ADMIN, pool.pool_no, world.firm.uscc, D(100), [FREE, world.pledged.display_number])
    ws.valuation.add(ADMIN, {"rights": [FREE], "method": "income", "value": "3000000", "value_date": "2026-11-01",
                             "evaluator": evaluator.uscc, "report_no": "苏中天评报字〔2026〕第 88 号"})
    value = ws.pools.value(ADMIN, pool.pool_no)
    assert (value.value, value.patents, value.valued) == (D("6000000.00"), 2, 1)


def _counts(world: World) -> tuple[int, int]:
    with world.ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (PoolIncomeRow, PoolPayoutRow))


def test_a_member_who_left_rejoins_and_each_income_uses_the_key_in_force(world: World) -> None:
    ws = world.ws
    other = add_party(ws, "常州天宇热管理有限公司", 60)
    number = second_number()
    ws.rights.create(ADMIN, invention_data([other.id], number, title="一种均温板"))
    pool = ws.pools.create(ADMIN, {"name": "镇江热管理专利池"}).pool_no
    ws.pools.join(ADMIN, pool, world.firm.uscc, D(70), [FREE], on=date(2026, 10, 1))
    ws.pools.join(ADMIN, pool, other.uscc, D(30), [number], on=date(2026, 10, 1))
    with pytest.raises(RuleRefusal) as err:  # leaving before it joined
        ws.pools.leave(ADMIN, pool, other.uscc, on=date(2026, 9, 30))
    assert err.value.problems[0].code == "market.pool_leave_early"
    ws.pools.leave(ADMIN, pool, other.uscc, on=date(2026, 10, 15))
    ws.pools.leave(ADMIN, pool, world.firm.uscc, on=date(2026, 10, 15))
    ws.pools.join(ADMIN, pool, world.firm.uscc, D(100), [FREE], on=date(2026, 10, 15))
    before = _counts(world)
    with pytest.raises(RuleRefusal) as err:  # periods never overlap: not back before the day it left
        ws.pools.join(ADMIN, pool, other.uscc, D(40), [number], on=date(2026, 10, 14))
    assert err.value.problems[0].code == "market.pool_rejoin_early" and _counts(world) == before
    ws.pools.set_trust(ADMIN, pool, {"beneficiaries": "x"})  # a command between: the rejoin is its own period
    ws.pools.leave(ADMIN, pool, world.firm.uscc, on=date(2026, 11, 1))
    ws.pools.join(ADMIN, pool, world.firm.uscc, D(60), [FREE], on=date(2026, 11, 1))
    record = ws.pools.join(ADMIN, pool, other.uscc, D(40), [number], on=date(2026, 11, 1))
    firm_periods = [(m.share, m.joined_on, m.left_on) for m in record.members if m.party_id == world.firm.id]
    assert firm_periods == [(D(70), date(2026, 10, 1), date(2026, 10, 15)),
                            (D(100), date(2026, 10, 15), date(2026, 11, 1)), (D(60), date(2026, 11, 1), None)]
    assert record.rights == (FREE, number)
    # An income received while the first key was in force, recorded late, is shared by that key.
    early = ws.pools.record_income(ADMIN, pool, D("1000.01"), on=date(2026, 10, 10))
    alone = ws.pools.record_income(ADMIN, pool, D("500"), on=date(2026, 10, 20))
    late = ws.pools.record_income(ADMIN, pool, D("1000.01"), on=date(2026, 11, 20))
    assert [(n, s, a) for n, s, a in early.payouts] == [(world.firm.name, D(70), D("700.01")),
                                                        (other.name, D(30), D("300.00"))]
    assert [(n, a) for n, _s, a in alone.payouts] == [(world.firm.name, D("500.00"))]
    assert [(n, s, a) for n, s, a in late.payouts] == [(world.firm.name, D(60), D("600.01")),
                                                       (other.name, D(40), D("400.00"))]
    assert [i.income_id for i in ws.pools.incomes(ADMIN, pool)] == [late.income_id, alone.income_id, early.income_id]
    with pytest.raises(RuleRefusal) as err:  # a current member does not join again
        ws.pools.join(ADMIN, pool, other.uscc, D(1), [], on=date(2026, 12, 1))
    assert err.value.problems[0].code == "market.pool_member_twice"
    assert ws.audit.verify().ok
