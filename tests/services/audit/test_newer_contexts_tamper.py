"""The newer contexts' tables are in the state binding, on both engines: a direct SQL UPDATE of a fee
payment, a custody agreement or its rights, a valuation, a value analysis, a weight set, a monitoring entry
or a loan (its row, instalments, events) is named by ``audit verify`` with table, record and field; a
register bound before those kinds were is bound once when next opened (``audit.extend``), and an edit
after that is caught."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.valuation.scoresheet import DEFAULT_WEIGHTS
from ipdesk.services.audit import binding
from ipdesk.services.audit import state as st
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, invention_data, make_uscc, pledge_world

CUSTODIAN = Actor("tuoguan", Role.CUSTODIAN)
NUMBER = "ZL 201710601862.3"


def sql(ws: Workstation, statement: str) -> None:
    with ws.engine.begin() as conn:
        conn.execute(text(statement))


def mismatches(ws: Workstation) -> list[dict]:
    report = ws.audit.verify([]).to_json()
    assert report["ok"] is not bool(report["mismatches"])
    return report["mismatches"]


def fill(ws: Workstation) -> dict:
    """One act of each newer context on a registered pledge's patent."""
    w = pledge_world(ws)
    pledge = ws.pledges.file_and_register(ADMIN, application_data(w), on=date(2026, 11, 20))
    ws.rights.update(ADMIN, w["right"].id, invention_data([w["firm"].id], fees_paid_through="9", fee_reduction="85"))
    ws.fees.pay(CUSTODIAN, NUMBER, 10, Decimal("1400.00"), payer="恒顺", receipt_no="R-1")
    custodian = ws.parties.create(ADMIN, {"kind": "enterprise", "name": "镇江知识产权托管中心", "uscc": make_uscc(77)})
    ws.custody.create_agreement(CUSTODIAN, {"custodian_id": custodian.id, "starts_on": "2026-01-01",
                                            "payer": "custodian", "fee_budget": "50000.00",
                                            "reference": "TG-2026-001", "rights": [NUMBER]})
    ws.monitoring.add(CUSTODIAN, {"right": NUMBER, "kind": "invalidation", "opened_on": "2026-11-02",
                                  "counterparty": "某某科技有限公司", "reference": "4W112233"})
    evaluator = ws.parties.create(ADMIN, {"kind": "evaluator", "name": "镇江中诚资产评估有限公司",
                                          "uscc": make_uscc(700)})
    valuation = ws.valuation.add(ADMIN, {"rights": [NUMBER], "evaluator": evaluator.uscc, "method": "income",
                                         "value": "5000000", "forced_sale_value": "3000000.00",
                                         "value_date": "2026-11-20", "report_no": "镇中诚评报字〔2026〕第 118 号"})
    ws.value_analysis.add_weight_set(ADMIN, {
        "effective_from": "2026-11-25", "degrees": {"legal": "0.5", "technical": "0.25", "economic": "0.25"},
        "indicators": {k: str(v) for k, v in DEFAULT_WEIGHTS.indicators.items()}})
    sheet = ws.value_analysis.score(ADMIN, {"valuation": valuation.id, "scores": dict.fromkeys(
        DEFAULT_WEIGHTS.indicators, "80"), "scored_on": "2026-11-26"})
    loan = ws.loans.add(ADMIN, {"lender": w["bank"].uscc, "borrower": w["firm"].uscc,
                                "pledge": pledge.registration_no, "principal": "1200000.00", "rate": "6",
                                "start": "2026-09-01", "maturity": "2027-09-01",
                                "schedule": "equal_principal"}).value
    ws.loans.draw(ADMIN, loan.id, Decimal("600000.00"), on=date(2026, 9, 1))
    return {"right": w["right"].id, "valuation": valuation.id, "sheet": sheet.id, "loan": loan.id}


@pytest.fixture
def filled(workstation: Workstation) -> tuple[Workstation, dict]:
    ids = fill(workstation)
    assert mismatches(workstation) == []
    return workstation, ids


EDITS = [
    # statement, table, entity, record (label), field
    ("UPDATE fee_payments SET amount = 9400.00", "rights", "right", NUMBER, "fee_payments"),
    ("UPDATE custody_agreements SET fee_budget = 1.00", "custody_agreements", "custody_agreement", "TG-2026-001",
     "custody_agreements.fee_budget"),
    ("DELETE FROM custody_rights", "custody_agreements", "custody_agreement", "TG-2026-001", "custody_rights"),
    ("UPDATE monitoring_entries SET status = 'closed'", "rights", "right", NUMBER, "monitoring_entries"),
    ("UPDATE valuations SET value = 50000000.00", "valuations", "valuation", "镇中诚评报字〔2026〕第 118 号",
     "valuations.value"),
    ("UPDATE valuation_rights SET position = 5", "valuations", "valuation", "镇中诚评报字〔2026〕第 118 号",
     "valuation_rights"),
    ("UPDATE value_analyses SET value_degree = 99.00", "value_analyses", "value_analysis", None,
     "value_analyses.value_degree"),
    ("UPDATE value_weight_sets SET effective_from = '2020-01-01'", "value_weight_sets", "value_weights", "0",
     "value_weight_sets"),
    ("UPDATE loans SET principal = 9200000.00", "loans", "loan", "L2026000001", "loans.principal"),
    ("UPDATE loans SET closed_on = '2026-11-01'", "loans", "loan", "L2026000001", "loans.closed_on"),
    ("UPDATE loan_instalments SET principal = 1.00", "loans", "loan", "L2026000001", "loan_instalments"),
    ("DELETE FROM loan_events", "loans", "loan", "L2026000001", "loan_events"),
]


@pytest.mark.parametrize("statement, table, entity, record, field", EDITS, ids=[e[0][:40] for e in EDITS])
def test_a_direct_edit_of_a_newer_table_is_named(filled: tuple[Workstation, dict], statement: str, table: str,
                                                 entity: str, record: str | None, field: str) -> None:
    ws, ids = filled
    sql(ws, statement)
    [m] = mismatches(ws)
    assert (m["table"], m["entity"], m["problem"]) == (table, entity, "changed"), m
    assert m["record"] == (record if record is not None else str(ids["sheet"]))
    assert field in m["fields"], m


def test_a_row_inserted_behind_the_log_in_a_newer_table(filled: tuple[Workstation, dict]) -> None:
    ws, ids = filled
    sql(ws, "INSERT INTO loan_events (loan_id, kind, on_date, amount, detail, actor, at) "
            f"SELECT loan_id, 'repayment', on_date, 1.00, '', 'x', at FROM loan_events WHERE loan_id = {ids['loan']}")
    [m] = mismatches(ws)
    assert (m["table"], m["record"], m["fields"]) == ("loans", "L2026000001", ["loan_events"])


def test_the_acts_themselves_keep_the_register_verified(filled: tuple[Workstation, dict]) -> None:
    ws, ids = filled
    ws.loans.repay(ADMIN, ids["loan"], Decimal("100.00"), on=date(2026, 11, 20))
    [entry] = ws.monitoring.list(ids["right"], open_only=True)
    ws.monitoring.close(CUSTODIAN, entry.id, {"outcome": "withdrawn"})
    ws.fees.pay(CUSTODIAN, NUMBER, 11, Decimal("600.00"), on=date(2026, 11, 30))
    assert mismatches(ws) == []
    assert binding.extend(ws.engine) == []  # a register whose first entries named every kind is never extended


def test_a_register_bound_before_these_kinds_is_extended_once(workstation: Workstation,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    old = {e: s for e, s in st.SPECS.items() if e in st.UNVERSIONED_KINDS}
    old["right"] = st.Spec("right", "rights", children=old["right"].children[:2], label=old["right"].label)
    with monkeypatch.context() as m:  # the register as ipdesk bound it before the newer kinds
        m.setattr(st, "SPECS", old)
        m.setattr(st, "BOUND_WITH", {})
        m.setattr(st, "CHANGE_KINDS", {k: v for k, v in st.CHANGE_KINDS.items() if v in old})
        m.setattr(binding, "versions", lambda: {})  # and its log named no versions
        ids = fill(workstation)
        assert mismatches(workstation) == []
    newer = sorted({*st.SPECS} - set(st.UNVERSIONED_KINDS) | {"right"})  # right: v2, its fees and monitoring
    assert {"custody_agreement", "loan", "right", "valuation", "value_analysis", "value_weights"} <= set(newer)
    assert binding.extend(workstation.engine) == newer
    assert binding.extend(workstation.engine) == []  # once
    assert mismatches(workstation) == []
    sql(workstation, f"UPDATE loans SET principal = 9200000.00 WHERE id = {ids['loan']}")
    [m] = mismatches(workstation)
    assert (m["table"], m["record"], m["fields"]) == ("loans", "L2026000001", ["loans.principal"])


def test_a_maker_checker_decision_edited_behind_the_log(workstation: Workstation, maker_checker_on: None) -> None:
    clerk, approver = Actor("dengji", Role.CLERK), Actor("shenhe", Role.APPROVER)
    pid = workstation.pledges.file(clerk, application_data(pledge_world(workstation)), received=date(2026, 11, 16)).id
    pending = workstation.pledges.register(clerk, pid, on=date(2026, 11, 16)).pending
    assert pending is not None and mismatches(workstation) == []
    sql(workstation, "UPDATE pending_decisions SET params = '{\"on\":\"2026-01-01\"}'")  # the date to be confirmed
    [m] = mismatches(workstation)
    assert (m["table"], m["entity"], m["id"], m["problem"]) == ("pending_decisions", "decision", pending.id, "changed")
    assert m["fields"] == ["pending_decisions.params"]
    sql(workstation, "UPDATE pending_decisions SET params = '{\"on\":\"2026-11-16\"}'")
    assert mismatches(workstation) == []
    workstation.pledges.confirm(approver, pending.id)
    assert mismatches(workstation) == []
    sql(workstation, "UPDATE pending_decisions SET prepared_by = 'shenhe'")  # as if the approver had prepared it
    [m] = mismatches(workstation)
    assert (m["table"], m["fields"]) == ("pending_decisions", ["pending_decisions.prepared_by"])
