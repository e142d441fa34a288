"""The disposal stages as data: the plan a route gives, the order never skipped, working-day deadlines on
the office calendar, and the documents each stage needs."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.disposal.stages import (
    ORDER,
    ROUTES,
    STAGES,
    Route,
    Stage,
    due_date,
    missing_documents,
    next_stage,
    plan,
    previous_stage,
)
from ipdesk.domain.office.workdays import WorkCalendar


def test_the_order_is_the_issues() -> None:
    assert [s.value for s in ORDER] == ["default_notice", "valuation", "route", "listing", "deal", "settlement",
                                        "transfer", "cancellation", "closed"]


@pytest.mark.parametrize(("route", "listed"), [(Route.SET_OFF, False), (Route.AUCTION, True),
                                                (Route.NEGOTIATED, False), (Route.TENDER, True),
                                                (Route.EXCHANGE, True), (Route.LICENCE, False), (Route.CAPP, False)])
def test_a_route_off_the_marketplace_has_no_listing(route: Route, listed: bool) -> None:
    assert (Stage.LISTING in plan(route)) is listed and ROUTES[route].on_marketplace is listed
    assert next_stage(Stage.ROUTE, route) is (Stage.LISTING if listed else Stage.DEAL)
    assert previous_stage(Stage.DEAL, route) is (Stage.LISTING if listed else Stage.ROUTE)


def test_each_stage_leads_to_the_next_and_no_further() -> None:
    stages = plan(Route.AUCTION)
    for here, there in zip(stages, stages[1:], strict=False):
        assert next_stage(here, Route.AUCTION) is there
    with pytest.raises(IndexError):
        next_stage(Stage.CLOSED, Route.AUCTION)
    assert previous_stage(Stage.DEFAULT_NOTICE, None) is None


def test_deadlines_count_working_days_on_the_calendar() -> None:
    # 2026-12-31 Thursday; 1 January a holiday; 4 January (Sunday) a make-up working day in this made-up table.
    calendar = WorkCalendar(holidays=frozenset({date(2027, 1, 1)}), adjusted_workdays=frozenset({date(2027, 1, 3)}))
    assert due_date(Stage.DEFAULT_NOTICE, date(2026, 12, 30), calendar) == date(2027, 1, 6)
    assert due_date(Stage.CLOSED, date(2026, 12, 30), calendar) is None
    assert all(STAGES[s].workdays > 0 for s in ORDER if s is not Stage.CLOSED)


def test_missing_documents_are_named_in_both_languages() -> None:
    problem = missing_documents(Stage.TRANSFER, {"transfer_application"})
    assert problem is not None and problem.code == "disposal.missing_documents"
    assert "质权人同意转让书" in problem.message("zh") and "the pledgee's consent" in problem.message("en")
    assert missing_documents(Stage.TRANSFER, {"transfer_application", "pledgee_consent"}) is None
    assert missing_documents(Stage.CLOSED, set()) is None


def test_only_stages_whose_effects_stay_in_the_case_can_be_undone() -> None:
    final = {s for s in ORDER if not STAGES[s].reversible}
    assert final == {Stage.SETTLEMENT, Stage.TRANSFER, Stage.CANCELLATION}
    assert all(STAGES[s].why_final[0] for s in final)
