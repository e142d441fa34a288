"""Lots: listing, Civil Code 444 for pledged rights, lapsed rights, the reserve, licence offers, scoping."""

from __future__ import annotations

import pytest

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import NotFound, PermissionDenied, RuleRefusal, ValidationError
from tests.helpers.factories import ADMIN, invention_data, make_uscc
from tests.services.marketplace.conftest import World, counts, officer


def refused(world: World, error: type, code: str, data: dict) -> None:  # type: ignore[type-arg]
    before = counts(world.ws)
    with pytest.raises(error) as err:
        world.market.add_lot(ADMIN, data)
    assert code in [p.code for p in err.value.problems]
    assert counts(world.ws) == before


def test_a_lot_lists_its_rights_with_status_and_remaining_term(world: World) -> None:
    lot = world.lot(reserve="900000", seller=world.firm.uscc)
    assert lot.lot_no.startswith("LOT2026") and lot.status == "listed" and lot.seller == world.firm.name
    (right,) = lot.rights
    assert right.number == world.free.display_number and right.legal_status.value == "in_force"
    assert right.remaining_days is not None and right.remaining_days > 3000
    assert lot.to_json()["assessed_value"] == "1000000.00" and lot.to_json()["reserve"] == "900000.00"


def test_a_pledged_right_needs_its_case_its_pledgee_or_consent(world: World) -> None:
    base = {"rights": [world.pledged.display_number], "assessed_value": "800000"}
    refused(world, RuleRefusal, "market.pledged_needs_case", {**base, "seller": world.firm.uscc})
    refused(world, RuleRefusal, "market.pledged_elsewhere", {**base, "seller": world.other_bank.uscc})
    assert world.market.add_lot(ADMIN, {**base, "case": "CZ2026000001"}).value.case_ref == "CZ2026000001"
    assert world.market.add_lot(ADMIN, {**base, "seller": world.bank.uscc}).value.seller == world.bank.name
    assert world.market.add_lot(ADMIN, {**base, "seller": world.firm.uscc, "pledgee_consent": True}).value


def test_a_lapsed_right_is_not_listed(world: World) -> None:
    world.ws.rights.update(ADMIN, world.free.id, {**_right_data(world), "legal_status": "invalidated"})
    refused(world, RuleRefusal, "market.right_lapsed", {"rights": [world.free.display_number],
                                                        "assessed_value": "1"})


def _right_data(world: World) -> dict:  # type: ignore[type-arg]
    return invention_data([world.firm.id], world.free.display_number, title="一种热管散热器")


@pytest.mark.parametrize(("data", "code"), [
    ({"reserve": "1200000"}, "market.reserve_above_assessed"),
    ({"assessed_value": "0"}, "market.positive"),
    ({"assessed_value": "abc"}, "bad_decimal"),
    ({"rights": []}, "market.no_rights"),
    ({"rights": ["ZL 201810999999.9"]}, "patent.check_digit"),
    ({"type": "gift"}, "market.bad_choice"),
    ({"seller": "无此公司"}, "market.party_unknown"),
    ({"type": "licence", "licence_kind": "exclusive", "royalty": "running"}, "market.licence_royalty"),
])
def test_bad_lot_input_writes_nothing(world: World, data: dict, code: str) -> None:  # type: ignore[type-arg]
    base = {"rights": [world.free.display_number], "assessed_value": "1000000"}
    refused(world, ValidationError, code, {**base, **data})


def test_a_reserve_above_the_assessed_value_with_a_reason(world: World) -> None:
    lot = world.lot(reserve="1200000", reserve_reason="两家意向受让方报价均在 120 万元以上")
    assert lot.reserve is not None


def test_a_licence_offer(world: World) -> None:
    lot = world.lot(type="licence", licence_kind="exclusive", royalty="both", lump_sum="200000",
                    running_percent="3.5", territory="中国大陆", field_of_use="新能源汽车热管理", term_months="36")
    assert lot.kind == "licence" and lot.licence["kind"] == "exclusive" and lot.licence["lump_sum"] == "200000.00"


def test_another_agency_cannot_see_the_lot_and_the_auditor_cannot_list(world: World) -> None:
    agency = world.ws.parties.create(ADMIN, {"kind": "guarantee", "name": "镇江市科技融资担保有限公司",
                                             "uscc": make_uscc(700)})
    mine = world.market.add_lot(officer(agency), {"rights": [world.free.display_number],
                                                  "assessed_value": "1000000"}).value
    theirs = world.lot()
    assert [x.lot_no for x in world.market.list_lots(officer(agency))] == [mine.lot_no]
    with pytest.raises(NotFound):
        world.market.get_lot(officer(agency), theirs.lot_no)
    with pytest.raises(PermissionDenied):
        world.market.add_lot(Actor("zhao", Role.AUDITOR), {})
