"""``%`` and ``_`` typed into a search are characters, not SQL wildcards: register search (similar and exact
names), the party lookup, the pledge worklists and the audit search, on both engines."""

from __future__ import annotations

from datetime import date

from ipdesk.services.notices.register_search import SearchCriteria
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 17)


def test_percent_and_underscore_match_only_themselves(workstation: Workstation) -> None:
    ws = workstation
    world = pledge_world(ws)
    rec = ws.pledges.file(ADMIN, application_data(world), received=D)
    ws.pledges.register(ADMIN, rec.id, on=D)
    search = ws.register_search
    assert len(search.search(SearchCriteria(name="恒顺"))) == 1  # the search itself works
    for wildcard in ("%", "_", "%%", "恒%", "江苏恒顺新材料科技有限公_"):
        assert search.search(SearchCriteria(name=wildcard)) == [], wildcard
        assert search.search(SearchCriteria(name=wildcard, similar=False)) == [], wildcard
        assert ws.parties.find(wildcard) == [], wildcard
        assert ws.pledge_list.count(Query(search=wildcard)) == 0, wildcard
        assert ws.audit.count(Query(search=wildcard)) == 0, wildcard
    assert ws.audit.count(Query(search="恒顺")) > 0

    # A name that really holds them is found by them.
    odd = ws.parties.create(ADMIN, {"kind": "enterprise", "name": "百分_百%科技有限公司", "uscc": "91110000600037341L"})
    assert [p.id for p in ws.parties.find("_百%")] == [odd.id]
    assert ws.audit.count(Query(search="_百%")) == 1
