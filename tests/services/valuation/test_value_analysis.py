"""Value-analysis sheets and weight sets on both engines: stored with the right or the valuation, scored with
the weights in force that day; a weight set that does not add up is refused and nothing is written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.problems import PermissionDenied, ValidationError
from ipdesk.domain.valuation.scoresheet import DEFAULT_WEIGHTS
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow
from ipdesk.storage.valuation.tables import ValueAnalysisRow, ValueWeightSetRow
from tests.helpers.factories import ADMIN
from tests.services.valuation.test_valuations import CLERK, data, world

SCORES = {code: "80" for code in DEFAULT_WEIGHTS.indicators}


def counts(ws: Workstation) -> tuple[int, int, int]:
    with ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (ValueAnalysisRow, ValueWeightSetRow, AuditRow))


def weights(**change: str) -> dict:
    return {"effective_from": "2026-11-25", "degrees": {"legal": "0.5", "technical": "0.25", "economic": "0.25"},
            "indicators": {**{k: str(v) for k, v in DEFAULT_WEIGHTS.indicators.items()}, **change}}


def test_a_sheet_of_a_right_with_the_built_in_weights(workstation: Workstation) -> None:
    w = world(workstation)
    sheet = workstation.value_analysis.score(CLERK, {"right": "2017106018623", "scores": SCORES,
                                                     "scored_on": "2026-11-20"})
    assert sheet.value_degree == Decimal("80.00") and sheet.right_number == "ZL 201710601862.3"
    assert sheet.result.weights.id is None and sheet.changes.rights == {w["first"].id}
    assert workstation.value_analysis.for_right(w["first"].id) == [sheet]
    assert workstation.audit.history("value_analysis", sheet.id)[0].action == "valuation.score"


def test_a_sheet_with_a_package_valuation_uses_the_weights_in_force(workstation: Workstation) -> None:
    w = world(workstation)
    package = workstation.valuation.add(CLERK, data(w, rights=["ZL 201710601862.3", "ZL 202220312345.0"]))
    stored = workstation.value_analysis.add_weight_set(ADMIN, weights())
    scores = {**SCORES, "stability": "30"}
    before = workstation.value_analysis.score(CLERK, {"valuation": package.id, "scores": scores,
                                                      "scored_on": "2026-11-24"})
    after = workstation.value_analysis.score(CLERK, {"valuation": str(package.id), "scores": scores})
    assert before.result.weights.id is None and before.value_degree == Decimal("76.00")
    assert after.result.weights.id == stored.id and after.value_degree == Decimal("75.00")  # 70×.5 + 80×.5
    assert [s.id for s in workstation.value_analysis.for_right(w["second"].id)] == [after.id, before.id]
    assert after.changes.rights == {w["first"].id, w["second"].id}
    assert workstation.value_analysis.get(before.id).value_degree == Decimal("76.00")


@pytest.mark.parametrize("bad", [weights(maturity="0.10"), {**weights(), "degrees": {"legal": "1"}},
                                 {**weights(), "effective_from": ""}])
def test_a_weight_set_that_does_not_add_up_writes_nothing(workstation: Workstation, bad: dict) -> None:
    before = counts(workstation)
    with pytest.raises(ValidationError):
        workstation.value_analysis.add_weight_set(ADMIN, bad)
    assert counts(workstation) == before


def test_one_weight_set_per_effective_date_and_only_an_administrator(workstation: Workstation) -> None:
    workstation.value_analysis.add_weight_set(ADMIN, weights())
    before = counts(workstation)
    with pytest.raises(ValidationError) as err:
        workstation.value_analysis.add_weight_set(ADMIN, weights())
    assert err.value.problems[0].code == "value.weights_taken"
    with pytest.raises(PermissionDenied):
        workstation.value_analysis.add_weight_set(CLERK, weights())
    assert counts(workstation) == before


@pytest.mark.parametrize(("change", "code"), [
    ({"scored_on": "2026-12-02"}, "value.future_date"),
    ({"scores": {**SCORES, "maturity": "-1"}}, "value.score_range"),
    ({"right": "", "valuation": ""}, "required"),
    ({"right": "ZL 202220312346.5"}, "not_found"),
    ({"right": "", "valuation": "999"}, "not_found"),
])
def test_a_bad_sheet_writes_nothing(workstation: Workstation, change: dict, code: str) -> None:
    world(workstation)
    before = counts(workstation)
    with pytest.raises(ValidationError) as err:
        workstation.value_analysis.score(CLERK, {"right": "ZL 201710601862.3", "scores": SCORES, **change})
    assert code in [p.code for p in err.value.problems]
    assert counts(workstation) == before
