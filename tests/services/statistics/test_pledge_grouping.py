"""The kind of a pledge's rights and its first pledgor's region, stored on the pledge for the statistics, stay what
the joins compute along every path that files a pledge or changes what they derive from — filing (mixed rights,
several pledgors), a change recordal, a party's region edited, a pledged right's kind edited — on both engines,
and refreshing them leaves the audit chain verifiable (they are not the pledge's bound state)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.statistics.pledges import Dimension
from ipdesk.services import pledge_grouping
from ipdesk.services.statistics.pledges import PledgeStatistics
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import PledgeRow
from tests.helpers.factories import ADMIN, add_party, application_data, invention_data, make_uscc, pledge_world


def assert_stored_as_joined(engine: Engine) -> None:
    """Every pledge's stored kind and region equal what its rights and first pledgor give (joined in SQL)."""
    with Session(engine) as s:
        assert s.execute(pledge_grouping.stored_vs_joined()).all() == []


def stored(engine: Engine, pledge_id: int) -> tuple[str, str, str]:
    with Session(engine) as s:
        row = s.execute(select(PledgeRow.family, PledgeRow.rights_kind, PledgeRow.pledgor_region)
                        .where(PledgeRow.id == pledge_id)).one()
    return tuple(row)  # type: ignore[return-value]


def mixed_pledge(ws: Workstation) -> dict[str, Any]:
    """An invention and a mark of one firm (region 320111), with a second pledgor (region 110108)."""
    world = pledge_world(ws)
    ws.parties.update(ADMIN, world["firm"].id, {**_party(ws, world["firm"].id), "region": "320111"})
    other = add_party(ws, "北京智图科技有限公司", 2, region="110108")
    mark = ws.rights.create(ADMIN, {"kind": "trademark", "number": "12345678", "title": "恒顺",
                                    "registration_date": "2019-05-07", "nice_classes": "1",
                                    "owners": [{"party_id": world["firm"].id, "share": ""}]})
    data = application_data(world, rights=[world["right"].display_number, mark.number],
                            pledgors=[world["firm"].uscc, other.uscc],
                            documents=[*application_data(world)["documents"], "main_contract"])
    return {**world, "other": other, "mark": mark, "data": data}


def _party(ws: Workstation, party_id: int) -> dict[str, Any]:
    p = ws.parties.get(party_id)
    return {"kind": p.kind.value, "name": p.name, "uscc": p.uscc, "address": p.address, "region": p.region}


def test_filing_stores_the_kind_and_the_first_pledgors_region(workstation: Workstation) -> None:
    ws = workstation
    world = mixed_pledge(ws)
    single = ws.pledges.file(ADMIN, application_data(world))  # the invention alone, pledged by the firm
    assert stored(ws.engine, single.id) == ("patent", "invention", "320111")
    mixed = ws.pledges.file(ADMIN, world["data"])
    assert stored(ws.engine, mixed.id) == ("mixed", "mixed", "320111")  # first-named pledgor: the firm
    assert_stored_as_joined(ws.engine)


def test_a_change_a_region_edit_and_a_kind_edit_keep_them_as_the_joins_compute(workstation: Workstation) -> None:
    ws = workstation
    world = mixed_pledge(ws)
    rec = ws.pledges.file(ADMIN, application_data(world))
    ws.pledges.register(ADMIN, rec.id)
    bank2 = ws.parties.create(ADMIN, {"kind": "bank", "name": "江苏银行股份有限公司南京分行", "uscc": make_uscc(901)})
    ws.pledges.change(ADMIN, rec.id, pledgee=bank2.uscc)  # a change recordal: rights and pledgors stay
    assert stored(ws.engine, rec.id) == ("patent", "invention", "320111")
    assert_stored_as_joined(ws.engine)

    ws.parties.update(ADMIN, world["firm"].id, {**_party(ws, world["firm"].id), "region": "321102"})
    assert stored(ws.engine, rec.id)[2] == "321102"
    ws.parties.update(ADMIN, world["other"].id, {**_party(ws, world["other"].id), "region": "110105"})
    assert stored(ws.engine, rec.id)[2] == "321102"  # not its first-named pledgor
    assert_stored_as_joined(ws.engine)

    right = world["right"]
    ws.rights.update(ADMIN, right.id, invention_data([world["firm"].id], "ZL 202120345678.9", kind="utility_model",
                                                     filing_date="2021-02-10", grant_date="2021-09-03"))
    assert stored(ws.engine, rec.id) == ("patent", "utility_model", "321102")
    assert_stored_as_joined(ws.engine)
    stats = PledgeStatistics(ws.engine)
    assert [(r["kind"], r["region"], r["count"]) for r in stats.pledges((Dimension.KIND, Dimension.REGION)).rows] \
        == [("utility_model", "321102", 1)]
    assert ws.audit.verify().ok  # the refreshed copies are not the pledge's audited state

