"""Valuations on both engines: a right or a package, revaluation keeps history, bad input writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, ValidationError
from ipdesk.domain.valuation.settings import ValuationSettings
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow
from ipdesk.storage.valuation.tables import ValuationRow
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc

CLERK = Actor("wangli", Role.CLERK)


def world(ws: Workstation) -> dict:
    firm = add_party(ws, "江苏恒顺新材料科技有限公司", 1)
    evaluator = ws.parties.create(ADMIN, {"kind": "evaluator", "name": "镇江中诚资产评估有限公司",
                                          "uscc": make_uscc(700)})
    first = ws.rights.create(ADMIN, invention_data([firm.id]))  # type: ignore[list-item]
    second = ws.rights.create(ADMIN, invention_data([firm.id], number="ZL 202220312345.0", title="一种夹具",
                                                    kind="utility_model", filing_date="2022-02-10",
                                                    grant_date="2022-06-07"))  # type: ignore[list-item]
    return {"firm": firm, "evaluator": evaluator, "first": first, "second": second}


def data(w: dict, **extra: object) -> dict:
    out = {"rights": [w["first"].display_number], "evaluator": w["evaluator"].uscc, "method": "income",
           "value": "5000000", "forced_sale_value": "3000000.00", "value_date": "2026-11-20",
           "report_no": "镇中诚评报字〔2026〕第 118 号"}
    out.update(extra)
    return out


def counts(ws: Workstation) -> tuple[int, int]:
    with ws.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(ValuationRow)).scalar_one(),
                conn.execute(select(func.count()).select_from(AuditRow)).scalar_one())


def test_a_valuation_is_recorded_audited_and_reported(workstation: Workstation) -> None:
    w = world(workstation)
    record = workstation.valuation.add(CLERK, data(w))
    assert record.value == Decimal("5000000.00") and record.forced_sale_value == Decimal("3000000.00")
    assert record.valid_until == date(2027, 11, 19) and record.evaluator_name == "镇江中诚资产评估有限公司"
    assert record.rights[0].number == "ZL 201710601862.3" and record.recorded_by == "wangli"
    assert record.changes.rights == {w["first"].id} and record.changes.audit
    entry = workstation.audit.history("valuation", record.id)[0]
    assert entry.action == "valuation.add" and entry.after["value"] == "5000000.00"  # type: ignore[index]
    assert workstation.valuation.get(record.id) == record


def test_revaluation_keeps_the_history_and_the_latest_valid_is_current(workstation: Workstation) -> None:
    w = world(workstation)
    first = workstation.valuation.add(CLERK, data(w, value_date="2025-06-01"))
    second = workstation.valuation.add(CLERK, data(w, value="4200000", forced_sale_value="", value_date="2026-10-01",
                                                  method="market"))
    history = workstation.valuation.for_right(w["first"].id)
    assert [v.id for v in history] == [second.id, first.id]
    assert workstation.valuation.current_for_right(w["first"].id) == second
    assert history[0].forced_sale_value is None


def test_a_package_valuation_covers_each_of_its_rights(workstation: Workstation) -> None:
    w = world(workstation)
    package = workstation.valuation.add(CLERK, data(w, rights=["ZL 201710601862.3", "202220312345.0"]))
    assert package.is_package and package.right_ids == (w["first"].id, w["second"].id)
    assert workstation.valuation.current_for_right(w["second"].id) == package


def test_an_expired_valuation_is_not_current(workstation: Workstation) -> None:
    w = world(workstation)
    workstation.valuation.add(CLERK, data(w, value_date="2025-01-10"))
    assert workstation.valuation.current_for_right(w["first"].id) is None
    assert len(workstation.valuation.for_right(w["first"].id)) == 1


def test_the_validity_is_an_office_setting(workstation: Workstation) -> None:
    w = world(workstation)
    workstation.valuation.save_settings(ADMIN, ValuationSettings(validity_months=6))
    assert workstation.valuation.add(CLERK, data(w)).valid_until == date(2027, 5, 19)
    with pytest.raises(ValidationError):
        workstation.valuation.save_settings(ADMIN, ValuationSettings(validity_months=0))
    assert workstation.valuation.settings().validity_months == 6


@pytest.mark.parametrize(("change", "code"), [
    ({"value_date": "2026-12-02"}, "valuation.future_date"),
    ({"value": "-100"}, "negative"),
    ({"rights": []}, "valuation.no_rights"),
    ({"rights": ["ZL 202220312346.5"]}, "not_found"),
    ({"rights": ["ZL 201710601862.3", "2017106018623"]}, "valuation.duplicate_right"),
    ({"evaluator": ""}, "required"),
    ({"evaluator": "#999999"}, "not_found"),
    ({"evaluator": "某某评估所"}, "not_found"),
])
def test_bad_input_writes_nothing(workstation: Workstation, change: dict, code: str) -> None:
    w = world(workstation)
    before = counts(workstation)
    with pytest.raises(ValidationError) as err:
        workstation.valuation.add(CLERK, data(w, **change))
    assert code in [p.code for p in err.value.problems]
    assert counts(workstation) == before


def test_a_role_without_the_action_is_refused_first(workstation: Workstation) -> None:
    before = counts(workstation)
    for role in (Role.AUDITOR, Role.INSURER):
        with pytest.raises(PermissionDenied):
            workstation.valuation.add(Actor("x", role), {})
    assert counts(workstation) == before
    with pytest.raises(PermissionDenied):
        workstation.valuation.save_settings(CLERK, ValuationSettings())
