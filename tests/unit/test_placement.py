"""Placement: each rule effect, the reading order, the labels, the clinician's choice, and properties."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from carenav import catalog
from carenav.errors import DataError, InputError
from carenav.models.rule_checks import contradictions
from carenav.models.rules import RuleSet
from carenav.placement import PROVISIONAL, decide, recommend_level
from carenav.present.placement import text as placement_text
from tests.unit.rule_sets import assessed, mental_health_rule_set, rule, tiny_rule_set

AT_LEAST_3_IN_A = {"rating_at_least": {"dimension": "a", "rating": 3}}


@cache
def shipped() -> RuleSet:
    return catalog.load().rule_set("illustrative-sud")


def test_a_minimum_rule_raises_the_recommendation_to_its_level() -> None:
    rules = tiny_rule_set(rule("a-serious", AT_LEAST_3_IN_A, {"minimum_level": "2.5"}))
    assert recommend_level(assessed(a=3, b=0), rules).recommended_level == "2.5"
    assert recommend_level(assessed(a=2, b=0), rules).recommended_level == "1"


def test_a_maximum_rule_caps_the_allowed_levels_but_not_the_recommendation() -> None:
    calm = {"all_ratings_at_most": {"rating": 1}}
    rules = tiny_rule_set(rule("calm", calm, {"maximum_level": "2.1"}))
    result = recommend_level(assessed(a=1, b=1), rules)
    assert (result.recommended_level, result.allowed_levels) == ("1", ["1", "2.1"])
    assert recommend_level(assessed(a=2, b=1), rules).allowed_levels[-1] == "4"


def test_an_excluded_level_is_skipped_for_the_next_one_up() -> None:
    rules = tiny_rule_set(
        rule("floor", AT_LEAST_3_IN_A, {"minimum_level": "2.1"}),
        rule("not-iop", {"flag": "f"}, {"exclude_levels": ["2.1", "2.5"]}),
    )
    result = recommend_level(assessed(flags=("f",), a=3, b=0), rules)
    assert result.recommended_level == "3.5"
    assert result.allowed_levels == ["3.5", "4"]
    assert (
        result.fired[1].role == "rules out a less intensive level, so the recommendation moves up"
    )


def test_a_review_rule_asks_for_review_and_changes_no_level() -> None:
    rules = tiny_rule_set(rule("check", {"flag": "f"}, {"require_review": True}))
    flagged = recommend_level(assessed(flags=("f",), a=0, b=0), rules)
    plain = recommend_level(assessed(a=0, b=0), rules)
    assert flagged.needs_review and not plain.needs_review
    assert flagged.allowed_levels == plain.allowed_levels
    assert "A rule asks for a clinician's review before placement." in placement_text(flagged)


def test_with_no_rule_firing_the_least_intensive_level_is_recommended_and_said_so() -> None:
    result = recommend_level(assessed(a=0, b=0), tiny_rule_set())
    assert result.recommended_level == "1"
    assert result.reasons() == [
        "No rule raised the level for these ratings, so the least intensive level in this "
        "rule set fits."
    ]


def test_the_highest_need_dimension_sets_the_floor_not_the_average() -> None:
    # One severe area among five with no concern averages under 1, yet needs daily structure.
    ratings = dict.fromkeys(shipped().dimension_ids(), 0) | {"relapse": 4}
    result = recommend_level(assessed(**ratings), shipped())
    assert result.recommended_level == "2.5"
    assert result.fired[0].rule_id == "severe-rating-needs-daily-structure"


@pytest.mark.parametrize(
    ("when", "a", "b", "fires"),
    [
        ({"rating_at_most": {"dimension": "a", "rating": 1}}, 1, 4, True),
        ({"rating_at_most": {"dimension": "a", "rating": 1}}, 2, 0, False),
        ({"any_rating_at_least": {"rating": 2, "count": 2}}, 2, 1, False),
        ({"any_rating_at_least": {"rating": 2, "count": 2}}, 2, 3, True),
        ({"any_rating_at_least": {"rating": 3, "dimensions": ["b"]}}, 4, 2, False),
        ({"all_ratings_at_most": {"rating": 2, "dimensions": ["a"]}}, 2, 4, True),
        ({"all_of": [AT_LEAST_3_IN_A, {"flag": "f"}]}, 3, 0, False),
        ({"any_of": [AT_LEAST_3_IN_A, {"flag": "f"}]}, 3, 0, True),
        ({"not": AT_LEAST_3_IN_A}, 3, 0, False),
        ({"not": AT_LEAST_3_IN_A}, 2, 0, True),
    ],
)
def test_each_kind_of_condition(when: dict[str, object], a: int, b: int, fires: bool) -> None:
    rules = tiny_rule_set(rule("r", when, {"minimum_level": "2.1"}))
    assert (recommend_level(assessed(a=a, b=b), rules).recommended_level == "2.1") is fires


def test_a_condition_written_as_code_is_refused_not_evaluated() -> None:
    with pytest.raises(ValidationError, match="is not a condition: a condition is a mapping"):
        tiny_rule_set(rule("r", "ratings['a'] >= 3", {"minimum_level": "2.1"}))  # type: ignore[arg-type]


def test_fired_rules_read_from_the_deciding_rule_down() -> None:
    rules = tiny_rule_set(
        rule("review", {"flag": "f"}, {"require_review": True}),
        rule(
            "low-floor",
            {"rating_at_least": {"dimension": "b", "rating": 1}},
            {"minimum_level": "2.1"},
        ),
        rule("cap", {"all_ratings_at_most": {"rating": 3}}, {"maximum_level": "3.5"}),
        rule("high-floor", AT_LEAST_3_IN_A, {"minimum_level": "2.5"}),
    )
    result = recommend_level(assessed(flags=("f",), a=3, b=1), rules)
    assert [r.rule_id for r in result.fired] == ["high-floor", "low-floor", "cap", "review"]
    assert [r.role for r in result.fired] == [
        "sets the recommended level",
        "also raises the floor to 2.1",
        "caps the allowed levels at 3.5",
        "asks for a clinician's review",
    ]


def test_the_result_is_provisional_and_names_the_rule_set_and_version() -> None:
    result = recommend_level(assessed(a=0, b=0), tiny_rule_set())
    text = placement_text(result)
    assert result.label == PROVISIONAL
    assert text.splitlines()[0] == PROVISIONAL
    assert "Rule set: Tiny test rules, version t1. Test rules only; not for clinical use." in text
    assert "Clinician's chosen level: not recorded yet." in text


def test_a_clinician_choice_that_differs_needs_a_written_reason() -> None:
    result = recommend_level(assessed(a=0, b=0), tiny_rule_set())
    with pytest.raises(InputError) as refused:
        decide(result, "2.1")
    assert str(refused.value) == (
        "reason: the chosen level 2.1 differs from the recommended level 1, so a written "
        "reason is required; expected a sentence saying why"
    )


def test_a_differing_choice_and_its_reason_appear_in_the_summary() -> None:
    result = decide(
        recommend_level(assessed(a=0, b=0), tiny_rule_set()),
        "2.1",
        reason="Lives two hours from any outpatient clinic.",
        clinician="Dr. Test",
    )
    assert result.recommended_level == "1" and result.decision is not None
    assert (
        "Clinician's chosen level (Dr. Test): level 2.1 — differs from the recommendation; "
        "reason: Lives two hours from any outpatient clinic." in placement_text(result)
    )


def test_a_choice_of_a_level_outside_the_rule_set_is_refused() -> None:
    rules = tiny_rule_set()
    with pytest.raises(InputError, match=r"3\.3 is not a level in Tiny test rules"):
        decide(recommend_level(assessed(a=0, b=0), rules), "3.3", "why", rule_set=rules)


@pytest.mark.parametrize(
    ("ratings", "flags", "message"),
    [
        (
            {"a": 5, "b": 0},
            (),
            "ratings.a: 5 is off the scale for Area A; expected a rating from 0 to 4",
        ),
        ({"a": 0}, (), "ratings.b: Area B is not rated; expected a rating for every dimension"),
        (
            {"a": 0, "b": 0, "c": 1},
            (),
            "ratings.c: Tiny test rules has no dimension 'c'; expected one of a, b",
        ),
        ({"a": 0, "b": 0}, ("g",), "flags: Tiny test rules has no flag 'g'; expected one of f"),
    ],
)
def test_an_assessment_that_does_not_fit_the_rule_set_is_refused(
    ratings: dict[str, int], flags: tuple[str, ...], message: str
) -> None:
    with pytest.raises(InputError) as refused:
        recommend_level(assessed(flags=flags, **ratings), tiny_rule_set())
    assert str(refused.value) == message


def test_rules_built_in_code_that_leave_no_level_raise_a_data_error() -> None:
    rules = tiny_rule_set(
        rule("floor", AT_LEAST_3_IN_A, {"minimum_level": "3.5"}),
        rule("cap", {"flag": "f"}, {"maximum_level": "2.1"}),
    )
    with pytest.raises(DataError, match="the rules floor, cap leave no level of care"):
        recommend_level(assessed(flags=("f",), a=3, b=0), rules)


def test_the_same_engine_runs_a_mental_health_rule_set_on_a_one_to_five_scale() -> None:
    rules = mental_health_rule_set()
    assert contradictions(rules) == []
    calm = recommend_level(assessed(safety=1, functioning=2, support=2, engagement=1), rules)
    alone = recommend_level(assessed(safety=2, functioning=4, support=4, engagement=3), rules)
    assert (calm.recommended_level, calm.allowed_levels) == ("1", ["1"])
    assert alone.recommended_level == "3.7"
    assert alone.fired[0].rule_id == "struggling-without-support"
    with pytest.raises(
        InputError, match="0 is off the scale for Safety; expected a rating from 1 to 5"
    ):
        recommend_level(assessed(safety=0, functioning=1, support=1, engagement=1), rules)


# --- Properties, over the shipped rule set and the mental-health one -------------------------


@st.composite
def assessment_and_raise(draw: st.DrawFn, rules: RuleSet) -> tuple[dict[str, int], str, list[str]]:
    ratings = {
        d: draw(st.integers(rules.scale_for(d).minimum, rules.scale_for(d).maximum))
        for d in rules.dimension_ids()
    }
    raised = draw(st.sampled_from(rules.dimension_ids()))
    flags = draw(st.lists(st.sampled_from(rules.flag_ids()), unique=True)) if rules.flags else []
    return ratings, raised, flags


def _property_cases(rules: RuleSet) -> None:
    @settings(max_examples=300, deadline=None)
    @given(assessment_and_raise(rules))
    def check(case: tuple[dict[str, int], str, list[str]]) -> None:
        ratings, raised, flags = case
        before = recommend_level(assessed(flags=tuple(flags), **ratings), rules)
        assert before.recommended_level in before.allowed_levels
        assert before.reasons()
        if ratings[raised] < rules.scale_for(raised).maximum:
            higher = ratings | {raised: ratings[raised] + 1}
            after = recommend_level(assessed(flags=tuple(flags), **higher), rules)
            assert rules.rank(after.recommended_level) >= rules.rank(before.recommended_level)

    check()


def test_a_higher_rating_never_recommends_a_lower_level_under_the_shipped_rules() -> None:
    _property_cases(shipped())


def test_a_higher_rating_never_recommends_a_lower_level_under_a_mental_health_rule_set() -> None:
    _property_cases(mental_health_rule_set())


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_every_shipped_rule_that_fires_is_explained_with_a_source(data: st.DataObject) -> None:
    rules = shipped()
    ratings = {d: data.draw(st.integers(0, 4)) for d in rules.dimension_ids()}
    flags = data.draw(st.lists(st.sampled_from(rules.flag_ids()), unique=True))
    result = recommend_level(assessed(flags=tuple(flags), **ratings), rules)
    assert all(r.explanation and r.source for r in result.fired)
    assert len({r.rule_id for r in result.fired}) == len(result.fired)
