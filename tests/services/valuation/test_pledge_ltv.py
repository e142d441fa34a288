"""The pledge's loan-to-value line from the stored valuations and the office's caps (both engines)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipdesk.domain.shared.problems import NotFound
from ipdesk.domain.valuation.settings import ValuationSettings
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world

CAPS = ValuationSettings().ltv_caps


def _setup(ws: Workstation) -> tuple[int, dict]:
    world = pledge_world(ws)
    world["evaluator"] = ws.parties.create(ADMIN, {"kind": "evaluator", "name": "镇江中诚资产评估有限公司",
                                                   "uscc": make_uscc(700)})
    pledge = ws.pledges.file_and_register(ADMIN, application_data(world), on=date(2026, 11, 16))
    return pledge.id, world


def _value(ws: Workstation, world: dict, value: str, on: str = "2026-11-20") -> None:
    ws.valuation.add(ADMIN, {"rights": [world["right"].display_number], "evaluator": world["evaluator"].id,
                             "method": "income", "value": value, "value_date": on})


def test_the_line_follows_the_current_valuation_and_the_cap(workstation: Workstation) -> None:
    pledge_id, world = _setup(workstation)
    line = workstation.valuation.pledge_ltv(pledge_id)
    assert line.ratio is None and [w.code for w in line.warnings] == ["ltv.no_valuation"]
    _value(workstation, world, "12000000")  # 5,000,000 secured
    line = workstation.valuation.pledge_ltv(pledge_id)
    assert line.ratio == Decimal("41.67") and line.cap == Decimal("50.00") and line.warnings == ()
    _value(workstation, world, "9000000", on="2026-11-30")  # revalued lower: 55.56 %
    line = workstation.valuation.pledge_ltv(pledge_id)
    assert line.ratio == Decimal("55.56") and [w.code for w in line.warnings] == ["ltv.over_cap"]
    workstation.valuation.save_settings(ADMIN, ValuationSettings(ltv_caps={**CAPS, "invention": Decimal("60")}))
    assert workstation.valuation.pledge_ltv(pledge_id).warnings == ()


def test_an_expired_valuation_and_a_short_term_warn(workstation: Workstation) -> None:
    pledge_id, world = _setup(workstation)
    _value(workstation, world, "20000000", on="2025-06-01")
    assert [w.code for w in workstation.valuation.pledge_ltv(pledge_id).warnings] == ["ltv.valuation_expired"]
    # The invention filed 2017-07-25 runs to 2037-07-24; the loan falls due 2028-11-15.
    workstation.valuation.save_settings(ADMIN, ValuationSettings(term_buffer_months=110))
    codes = [w.code for w in workstation.valuation.pledge_ltv(pledge_id).warnings]
    assert codes == ["ltv.valuation_expired", "ltv.term_short"]


def test_an_unknown_pledge(workstation: Workstation) -> None:
    with pytest.raises(NotFound):
        workstation.valuation.pledge_ltv(999999)
