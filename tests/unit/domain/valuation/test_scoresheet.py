"""The value-analysis score sheet: the three degrees and their sub-indicators, weights that must add up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ipdesk.domain.valuation.scoresheet import (
    DEFAULT_WEIGHTS,
    INDICATORS,
    Degree,
    check_scored_on,
    parse_scores,
    parse_weights,
    partial_degrees,
    score_field,
    score_sheet,
    weights_on,
)


def test_the_indicator_system_of_domain_12() -> None:
    assert [len(INDICATORS[d]) for d in Degree] == [7, 6, 5]
    assert INDICATORS[Degree.LEGAL]["design_around"][0] == "不可规避性"
    assert INDICATORS[Degree.ECONOMIC]["policy_fit"][0] == "政策适应性"


def test_the_built_in_weights_add_up() -> None:
    again, problems = parse_weights(DEFAULT_WEIGHTS.effective_from, DEFAULT_WEIGHTS.degrees, DEFAULT_WEIGHTS.indicators)
    assert problems == [] and again is not None


def test_a_weight_set_that_does_not_add_up_is_refused() -> None:
    degrees = {**DEFAULT_WEIGHTS.degrees, "legal": "0.5"}
    weights, problems = parse_weights(date(2027, 1, 1), degrees, DEFAULT_WEIGHTS.indicators)
    assert weights is None and [p.code for p in problems] == ["value.weights_sum"]
    assert "1.10" in problems[0].message("zh") and "三项价值度" in problems[0].message("zh")
    assert "the three degrees must add up to 1, not 1.10" in problems[0].message("en")
    indicators = {**DEFAULT_WEIGHTS.indicators, "maturity": "0.10"}
    _, problems = parse_weights(date(2027, 1, 1), DEFAULT_WEIGHTS.degrees, indicators)
    assert [p.params["group"] for p in problems] == ["技术价值度"]
    assert "Technical value degree" in problems[0].message("en")


def test_weights_out_of_range_unknown_or_missing() -> None:
    indicators = dict(DEFAULT_WEIGHTS.indicators)
    del indicators["stability"]
    indicators["beauty"] = Decimal("0.2")
    _, problems = parse_weights(date(2027, 1, 1), {**DEFAULT_WEIGHTS.degrees, "economic": "-0.3"}, indicators)
    assert sorted(p.code for p in problems) == ["value.missing_indicator", "value.unknown_indicator",
                                                "value.weight_range"]


def test_the_weights_in_force_on_a_day() -> None:
    later, _ = parse_weights(date(2027, 1, 1), DEFAULT_WEIGHTS.degrees, DEFAULT_WEIGHTS.indicators)
    assert later is not None
    assert weights_on([later], date(2026, 12, 31)) is DEFAULT_WEIGHTS
    assert weights_on([later], date(2027, 1, 1)) is later


def test_degrees_and_value_degree() -> None:
    scores, problems = parse_scores({code: "80" for code in DEFAULT_WEIGHTS.indicators})
    assert problems == [] and scores is not None
    result = score_sheet(scores, DEFAULT_WEIGHTS)
    assert result.degrees == {"legal": Decimal("80.00"), "technical": Decimal("80.00"), "economic": Decimal("80.00")}
    assert result.value_degree == Decimal("80.00")
    scores["stability"] = Decimal("30")  # weight 0.20 of the legal degree, which weighs 0.40
    result = score_sheet(scores, DEFAULT_WEIGHTS)
    assert result.degrees["legal"] == Decimal("70.00") and result.value_degree == Decimal("76.00")


def test_scores_must_be_complete_and_in_range() -> None:
    given = {code: "50" for code in DEFAULT_WEIGHTS.indicators}
    given["maturity"] = "101"
    given["market_use"] = "12.345"
    del given["competition"]
    scores, problems = parse_scores(given)
    assert scores is None
    assert sorted(p.code for p in problems) == ["value.missing_indicator", "value.score_range", "value.score_range"]


def test_a_score_problem_names_its_sub_indicator_so_a_form_shows_it_there() -> None:
    given = {code: "50" for code in DEFAULT_WEIGHTS.indicators} | {"maturity": "101"}
    del given["competition"]
    _scores, problems = parse_scores(given)
    assert {p.field for p in problems} == {score_field("maturity"), score_field("competition")}
    assert score_field("maturity") == "scores.maturity"


def test_a_partly_filled_sheet_gives_the_complete_degrees_only() -> None:
    legal = {code: Decimal("80") for code in INDICATORS[Degree.LEGAL]}
    degrees, value = partial_degrees(legal, DEFAULT_WEIGHTS)
    assert degrees == {"legal": Decimal("80.00"), "technical": None, "economic": None} and value is None
    every = {code: Decimal("80") for code in DEFAULT_WEIGHTS.indicators} | {"stability": Decimal("30")}
    degrees, value = partial_degrees(every, DEFAULT_WEIGHTS)
    assert degrees["legal"] == Decimal("70.00") and value == score_sheet(every, DEFAULT_WEIGHTS).value_degree


def test_the_scoring_date_defaults_to_today_and_is_not_after_it() -> None:
    today = date(2026, 12, 1)
    assert check_scored_on("", today) == (today, [])
    assert check_scored_on("2026-11-30", today) == (date(2026, 11, 30), [])
    day, problems = check_scored_on("2026-12-02", today)
    assert [p.code for p in problems] == ["value.future_date"] and problems[0].field == "scored_on"
    assert [p.code for p in check_scored_on("2026-13-01", today)[1]] == ["bad_date"]
