"""The remaining figures against hand-computed values, on both engines: pledges by kind of right (an invention with a
utility model once, under mixed), registrations / changes / cancellations by month, time to decision against the
service level, the fee status and risk flags of the rights pledged today, and the open risk signals by rule."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from ipdesk.domain.shared.clock import FixedClock
from ipdesk.domain.statistics.pledges import Dimension
from ipdesk.services import pledge_grouping
from ipdesk.services.statistics.pledges import PledgeStatistics
from ipdesk.storage.schema import PledgeEventRow, PledgePledgorRow, PledgeRightRow, PledgeRow, RightRow
from tests.helpers.clock import TEST_NOW, TEST_TODAY
from tests.services.statistics.test_pledge_statistics import seed

# pledge id → its rights (kind, fees_next_due as days from today or None, flags)
RIGHTS = {
    1: [("invention", 30, "invalidation_requested"), ("utility_model", -10, "")],  # kind: mixed
    2: [("trademark", None, "ownership_dispute")],
    3: [("invention", -214, ""), ("trademark", None, "")],  # mixed; the invention's fee 7 months overdue
    4: [("software", None, "")],  # cancelled: its right is no longer pledged
    5: [("invention", None, "")],  # refused
    7: [("invention", None, "")],
}
# (pledge id, kind, on_date): what the months count, and two they never count
EVENTS = [(1, "registered", date(2024, 3, 1)), (2, "registered", date(2024, 7, 15)),
          (3, "registered", date(2025, 1, 2)), (4, "registered", date(2024, 11, 30)),
          (7, "registered", date(2025, 12, 31)), (2, "changed", date(2024, 7, 20)), (1, "extended", date(2024, 7, 1)),
          (4, "cancelled", date(2025, 6, 1)), (5, "refused", date(2024, 1, 20)), (6, "applied", date(2024, 1, 2))]


def seed_more(engine: Engine) -> None:
    """The statistics' register (every application filed on 2024-01-02) with rights, events and deadlines."""
    seed(engine)
    with Session(engine) as s:
        n = 0
        for pid, rights in RIGHTS.items():
            status = s.get(PledgeRow, pid).status
            for pos, (kind, due, flag) in enumerate(rights):
                n += 1
                right = RightRow(kind=kind, number=f"N{n}", display_number=f"N{n}", title=f"权利{n}",
                                 legal_status="in_force",
                                 fees_next_due=None if due is None else TEST_TODAY + timedelta(days=due),
                                 fees_paid_through=None if due is None else 3)
                if flag:
                    setattr(right, flag, True)
                s.add(right)
                s.flush()
                s.add(PledgeRightRow(pledge_id=pid, right_id=right.id, position=pos,
                                     active_right_id=right.id if status == "registered" else None))
        for pid, kind, on in EVENTS:
            s.add(PledgeEventRow(pledge_id=pid, kind=kind, on_date=on, actor="test"))
        s.execute(update(PledgeRow).values(pledgor_names="江苏恒顺新材料科技有限公司"))  # what the lists show
        s.execute(update(PledgeRow).where(PledgeRow.id == 5).values(refused_on=date(2024, 1, 20)))
        s.execute(update(PledgeRow).where(PledgeRow.id == 1).values(sla_deadline=date(2024, 3, 1)))  # on the day
        s.execute(update(PledgeRow).where(PledgeRow.id == 2).values(sla_deadline=date(2024, 2, 1)))  # late
        pledge_grouping.refresh(s)  # the kinds of the rights just added, on their pledges
        s.commit()
        assert s.scalar(select(PledgeRow.application_date).where(PledgeRow.id == 7)) == date(2024, 1, 2)


@pytest.fixture
def stats(engine: Engine) -> PledgeStatistics:
    seed_more(engine)
    return PledgeStatistics(engine, FixedClock(TEST_NOW))


def test_by_kind_a_pledge_of_two_kinds_counts_once_under_mixed(stats: PledgeStatistics) -> None:
    result = stats.pledges((Dimension.KIND,))
    assert [tuple(r.values()) for r in result.rows] == [
        ("invention", 1, Decimal("2500000.50")),
        ("mixed", 2, Decimal("35000000.00")),  # invention + utility model, invention + trademark
        ("software", 1, Decimal("800000.00")),  # the cancelled pledge still counts in its year
        ("trademark", 1, Decimal("1234567.89")),
    ]
    assert (result.count, result.amount) == (5, sum(r["amount"] for r in result.rows))
    by_year = stats.pledges((Dimension.YEAR, Dimension.KIND), start=2025)
    assert [(r["year"], r["kind"], r["count"]) for r in by_year.rows] == [(2025, "invention", 1), (2025, "mixed", 1)]


def test_registrations_changes_and_cancellations_by_month(stats: PledgeStatistics) -> None:
    result = stats.monthly()
    assert [tuple(r.values()) for r in result.rows] == [
        ("2024-03", 1, 0, 0), ("2024-07", 1, 2, 0), ("2024-11", 1, 0, 0), ("2025-01", 1, 0, 0),
        ("2025-06", 0, 0, 1), ("2025-12", 1, 0, 0)]  # an extension is a change; refusals, filings never count
    assert result.totals == {"registered": 5, "changed": 2, "cancelled": 1}
    assert [r["month"] for r in stats.monthly(2025, 2025).rows] == ["2025-01", "2025-06", "2025-12"]


def test_time_to_decision_against_the_service_level(stats: PledgeStatistics) -> None:
    result = stats.decisions()
    # 2024: 59, 195, 333 days (registered) and 18 (refused); only pledge 1 by its deadline (the day itself).
    assert result.rows[0] == {"year": 2024, "decided": 4, "registered": 3, "refused": 1,
                              "average_days": Decimal("151.3"), "on_time": 1, "on_time_percent": Decimal("25.0")}
    assert result.rows[1] == {"year": 2025, "decided": 2, "registered": 2, "refused": 0,
                              "average_days": Decimal("547.5"), "on_time": 0, "on_time_percent": Decimal("0.0")}
    assert result.totals["average_days"] == Decimal("283.3")  # 1700 / 6, not the mean of the yearly means
    assert result.to_json()["totals"]["on_time_percent"] == "16.7"


def test_fee_status_and_risk_flags_of_the_rights_pledged_today(stats: PledgeStatistics) -> None:
    result = stats.pledged_rights()
    keys = ("kind", "rights", "fees_paid", "fees_late", "fees_lapsed", "fees_untracked", "flagged")
    assert [tuple(r[k] for k in keys) for r in result.rows] == [
        ("invention", 3, 1, 0, 1, 1, 1),  # due in 30 days; 7 months overdue: past the late period; untracked
        ("trademark", 2, 0, 0, 0, 2, 1),  # the ownership dispute
        ("utility_model", 1, 0, 1, 0, 0, 0),  # 10 days overdue: in the late period
    ]  # the cancelled pledge's software and the refused pledge's invention are not pledged
    assert result.totals["rights"] == 6 and result.totals["invalidation"] == 1 and result.totals["dispute"] == 1


# (pledge id, right number or None for a pledge-level signal, rule, severity, cleared)
SIGNALS = [(1, "N1", "invalidation", "critical", False), (1, "N2", "invalidation", "critical", False),
           (1, "N2", "fee_late", "warning", False), (3, "N5", "fee_late", "warning", False),
           (3, "N4", "lapsed", "critical", False), (3, "N4", "fee_late", "warning", True),  # cleared: not counted
           (2, "N3", "dispute", "warning", False),
           (4, "N6", "preservation", "critical", False),  # on the cancelled pledge: not counted
           (7, None, "preservation", "critical", False)]  # pledge-level: no right


def seed_signals(engine: Engine) -> None:
    """:data:`SIGNALS` as rows, on :func:`seed_more`'s register."""
    from ipdesk.storage.risk.tables import RiskSignalRow

    with Session(engine) as s:
        ids = {number: rid for number, rid in s.execute(select(RightRow.number, RightRow.id))}
        s.add_all(RiskSignalRow(pledge_id=pid, right_id=None if number is None else ids[number], rule=rule,
                                severity=severity, since=TEST_TODAY - timedelta(days=5),
                                cleared_on=TEST_TODAY if cleared else None)
                  for pid, number, rule, severity, cleared in SIGNALS)
        s.commit()


# case no, pledge id, opened, closed, (proceeds, surplus to the pledgor, shortfall): the disposal outcomes' figure
CASES = [("CZ-1", 1, date(2025, 3, 1), date(2025, 9, 27), ("4000000.00", "0.00", "1000000.00")),  # 210 days, 80 %
         ("CZ-2", 2, date(2026, 1, 5), date(2026, 3, 6), ("1234567.89", "0.00", "0.00")),  # 60 days, 100 %
         ("CZ-3", 3, date(2026, 2, 1), date(2026, 5, 2), None)]  # 90 days, closed without a settlement


def seed_cases(engine: Engine) -> None:
    """:data:`CASES` (and a loan each needs) as rows, on :func:`seed_more`'s register."""
    from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalSettlementRow
    from ipdesk.storage.loans.tables import LoanRow

    zero = Decimal("0.00")
    with Session(engine) as s:
        for no, pid, opened, closed, settlement in CASES:
            pledge = s.get(PledgeRow, pid)
            borrower = s.scalar(select(PledgePledgorRow.party_id).where(PledgePledgorRow.pledge_id == pid))
            loan = LoanRow(loan_no=f"DK-{no}", lender_id=pledge.pledgee_id, borrower_id=borrower, pledge_id=pid,
                           principal=pledge.secured_amount, annual_rate=Decimal("5"), start_date=date(2024, 3, 1),
                           maturity_date=date(2025, 3, 1), schedule_kind="bullet", penalty_surcharge=Decimal("50"),
                           default_after_days=90, allocation="")
            s.add(loan)
            s.flush()
            case = DisposalCaseRow(case_no=no, pledge_id=pid, loan_id=loan.id, stage="closed",
                                   stage_entered_on=closed, responsible="test", opened_on=opened, closed_on=closed)
            s.add(case)
            s.flush()
            if settlement is not None:
                proceeds, surplus, shortfall = (Decimal(v) for v in settlement)
                s.add(DisposalSettlementRow(case_id=case.id, settled_on=closed, proceeds=proceeds, costs=zero,
                                            paid_penalty=zero, paid_interest=zero, paid_principal=proceeds - surplus,
                                            surplus_to_pledgor=surplus, shortfall=shortfall, lines="{}",
                                            actor="test"))
        s.commit()


def test_open_risk_signals_of_pledged_rights_by_rule_and_severity(stats: PledgeStatistics) -> None:
    seed_signals(stats.engine)
    result = stats.risk_signals()
    assert result.keys == ("rule", "severity", "signals", "pledges", "rights")
    assert [tuple(r.values()) for r in result.rows] == [
        ("invalidation", "critical", 2, 1, 2),  # two rights of one pledge
        ("lapsed", "critical", 1, 1, 1),
        ("preservation", "critical", 1, 1, 0),  # the pledge-level one only
        ("dispute", "warning", 1, 1, 1),
        ("fee_late", "warning", 2, 2, 2),  # the cleared one left out
    ]
    assert result.totals == {"signals": 7, "critical": 4}


def test_disposal_outcomes_of_cases_on_the_register(stats: PledgeStatistics) -> None:
    seed_cases(stats.engine)
    result = stats.disposal()
    assert [(r["year"], r["closed"], r["average_days"], r["settled"], r["recovery_percent"]) for r in result.rows] == [
        (2025, 1, Decimal("210.0"), 1, Decimal("80.0")), (2026, 2, Decimal("75.0"), 1, Decimal("100.0"))]
    assert result.totals["secured"] == Decimal("6234567.89")  # the claims the two settlements met: 5 m and 1.23 m
