"""Matchmaking through the service, on both engines: an event's lines and totals, a line converted into a
pre-filled pledge application in one step, bad input and second conversions refused with nothing written,
and the event's rows bound by the audit state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from ipdesk.domain.matchmaking.lines import LineStatus
from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import NotFound, PermissionDenied, RuleRefusal, ValidationError
from tests.helpers.factories import ADMIN, invention_data
from tests.services.matchmaking.conftest import World, counts
from tests.services.statistics.test_pledge_grouping import assert_stored_as_joined


def codes(err: pytest.ExceptionInfo) -> list[str]:
    return [p.code for p in err.value.problems]


def test_lines_and_the_events_totals(world: World) -> None:
    a = world.line(0, 0, "5000000", status="approved")
    world.line(1, 0, "3000000.50")
    c = world.line(2, 1, "2000000", rights=world.patents[2][:1])
    assert (a.label, a.status, a.bank, a.firm) == (f"{world.event.event_no}-01", LineStatus.APPROVED,
                                                   world.banks[0].name, world.firms[0].name)
    assert a.rights == tuple(world.patents[0]) and a.amount == D("5000000.00")
    event = world.mm.get(world.event.event_no)
    t = event.totals
    assert (t.firms, t.patents, t.banks, t.lines, t.amount) == (3, 4, 2, 3, D("10000000.50"))
    assert event.to_json()["totals"] == {"firms": 3, "patents": 4, "banks": 2, "lines": 3,
                                         "amount": "10000000.50", "converted_amount": "0.00"}
    world.mm.withdraw_line(ADMIN, c.id)
    t = world.mm.get(f"#{world.event.id}").totals  # a withdrawn line counts no more
    assert (t.firms, t.patents, t.banks, t.amount) == (2, 3, 1, D("8000000.50"))
    again = world.line(2, 0, "1500000", rights=world.patents[2])  # the withdrawn line freed its patent
    assert again.label.endswith("-04")
    assert [e.event_no for e in world.mm.events()] == [world.event.event_no]
    assert world.ws.audit.verify().ok


def test_a_line_becomes_a_prefilled_application_in_one_step(world: World) -> None:
    ws = world.ws
    line = world.line(0, 1, "4800000", term="18")
    done = world.mm.convert_line(ADMIN, line.label, on=date(2026, 11, 25))
    conv = done.value
    assert "pledges" in done.changes.kinds and conv.line.status is LineStatus.CONVERTED
    assert conv.line.pledge_id == conv.pledge_id and conv.line.application_no == conv.application_no
    pledge = ws.pledges.get(conv.pledge_id)
    app = pledge.application
    assert pledge.status is PledgeStatus.APPLIED and pledge.application_no == conv.application_no
    assert app.pledgor_ids == (world.firms[0].id,) and app.pledgee_id == world.banks[1].id
    assert app.secured_amount == D("4800000.00") and app.application_date == date(2026, 11, 25)
    assert app.performance_deadline == date(2028, 5, 25)  # 18 months
    assert [r.display_number for r in pledge.rights] == world.patents[0]
    assert_stored_as_joined(ws.engine)  # the statistics' kind and region, as the joins give them
    t = world.mm.get(world.event.event_no).totals
    assert (t.amount, t.converted_amount) == (D("4800000.00"), D("4800000.00"))
    before = counts(ws)
    with pytest.raises(RuleRefusal) as err:  # converting twice
        world.mm.convert_line(ADMIN, line.id)
    assert codes(err) == ["match.line_status"] and counts(ws) == before
    assert "converted" in err.value.problems[0].message("en")
    with pytest.raises(RuleRefusal):  # nor is a converted line withdrawn
        world.mm.withdraw_line(ADMIN, line.id)
    assert counts(ws) == before
    assert ws.audit.verify().ok


def test_bad_input_names_every_problem_and_writes_nothing(world: World) -> None:
    ws = world.ws
    before = counts(ws)
    event = world.event.event_no
    with pytest.raises(ValidationError) as err:
        world.mm.add_line(ADMIN, event, {"firm": "不存在的公司", "bank": world.banks[0].uscc, "amount": "-5",
                                         "term": "12", "rights": world.patents[0]})
    assert codes(err) == ["match.party_unknown"]
    with pytest.raises(ValidationError) as err:
        world.mm.add_line(ADMIN, event, {"firm": world.firms[0].uscc, "bank": world.banks[0].uscc,
                                         "amount": "-5", "term": "0", "rights": []})
    assert codes(err) == ["match.amount_positive", "match.term_range", "match.no_rights"]
    with pytest.raises(ValidationError) as err:
        world.mm.add_line(ADMIN, event, {"firm": world.firms[0].uscc, "bank": world.firms[1].uscc,
                                         "amount": "100.005", "term": "12", "rights": world.patents[0]})
    assert codes(err) == ["bad_decimal"]
    with pytest.raises(ValidationError) as err:
        world.mm.add_line(ADMIN, event, {"firm": world.firms[0].uscc, "bank": world.firms[1].uscc,
                                         "amount": "100", "term": "12", "rights": world.patents[0]})
    assert codes(err) == ["match.not_a_bank"]
    with pytest.raises(RuleRefusal) as err:  # another firm's patent
        world.line(0, 0, "100", rights=[world.patents[0][0], world.patents[1][0]])
    assert codes(err) == ["match.not_owner"]
    assert world.patents[1][0] in err.value.problems[0].message()
    with pytest.raises(NotFound):
        world.mm.add_line(ADMIN, "YQ1999000001", {})
    assert counts(ws) == before
    world.line(0, 0, "100", rights=world.patents[0][:1])
    with pytest.raises(RuleRefusal) as err:  # one patent backs one line of the event
        world.line(0, 1, "100", rights=world.patents[0])
    assert codes(err) == ["match.right_offered"]
    with pytest.raises(ValidationError) as err:
        world.mm.add_event(ADMIN, {"name": "", "date": "2026-13-01"})
    assert codes(err) == ["required", "bad_date"]


def test_a_conversion_refused_leaves_the_line_as_it_was(world: World) -> None:
    ws = world.ws
    line = world.line(1, 0, "3000000")
    number = world.patents[1][0]
    ws.rights.update(ADMIN, _right_id(ws, number), invention_data([world.firms[2].id], number, title="转让后"))
    before = counts(ws)
    with pytest.raises(RuleRefusal) as err:  # the firm no longer owns the patent it offered
        world.mm.convert_line(ADMIN, line.id)
    assert codes(err) == ["match.not_owner"] and counts(ws) == before
    assert world.mm.line(line.id).status is LineStatus.INTENDED


def test_who_may_record_and_convert(world: World) -> None:
    line = world.line(0, 0, "100")
    before = counts(world.ws)
    for role in (Role.AUDITOR, Role.AGENCY, Role.CUSTODIAN):
        with pytest.raises(PermissionDenied):
            world.mm.convert_line(Actor("x", role), line.id)
    with pytest.raises(PermissionDenied):  # an administrator who does not decide files no application
        world.mm.convert_line(Actor("root", Role.ADMIN), line.id)
    assert counts(world.ws) == before
    clerk = Actor("dengji", Role.CLERK)
    assert world.mm.approve_line(clerk, line.id).value.status is LineStatus.APPROVED
    assert world.mm.convert_line(clerk, line.id).value.line.status is LineStatus.CONVERTED


def test_a_direct_edit_of_a_line_is_named_by_the_audit(world: World) -> None:
    world.line(0, 0, "5000000")
    assert world.ws.audit.verify().ok
    with world.ws.engine.begin() as conn:
        conn.execute(text("UPDATE match_lines SET amount = 50000000.00"))
    [m] = world.ws.audit.verify([]).to_json()["mismatches"]
    assert (m["table"], m["entity"], m["record"]) == ("match_events", "match_event", world.event.event_no)
    assert "match_lines" in m["fields"]


def _right_id(ws, number: str) -> int:
    from sqlalchemy import select

    from ipdesk.domain.registry.identifiers import parse_right_number
    from ipdesk.storage.schema import RightRow

    with ws.engine.connect() as conn:
        stmt = select(RightRow.id).where(RightRow.number == parse_right_number(number).number)
        return conn.execute(stmt).scalar_one()


def test_the_event_list_aggregates_the_totals_in_sql(world: World) -> None:
    from ipdesk.services.paging import Query

    world.line(0, 0, "5000000")
    world.line(1, 1, "2500000.25")
    world.mm.withdraw_line(ADMIN, world.line(2, 1, "9000000").id)
    other = world.mm.add_event(ADMIN, {"name": "丹阳市银企对接会", "date": "2026-10-10", "region": "丹阳"}).value
    source = world.mm.event_source()
    assert source.count(Query()) == 2 and source.count(Query(search="丹阳")) == 1
    first, second = source.page(Query(), 0, 10)
    assert first["event_no"] == world.event.event_no and second["event_no"] == other.event_no  # latest first
    assert (first["firms"], first["patents"], first["banks"], first["amount"]) == (2, 3, 2, D("7500000.25"))
    assert (second["firms"], second["patents"], second["banks"], second["amount"]) == (0, 0, 0, D("0.00"))
    by_amount = source.page(Query(sort_key="amount"), 0, 10)
    assert [r["event_no"] for r in by_amount] == [other.event_no, world.event.event_no]
