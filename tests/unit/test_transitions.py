"""Transitions: step-down readiness, stay, step-up and review, from criteria held as data."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carenav import catalog
from carenav.errors import InputError, UnknownIdError
from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet
from carenav.present.readiness import text as readiness_text
from carenav.transitions import assess_transition, decide_transition
from tests.unit.rule_sets import MENTAL_HEALTH, mental_health_rule_set, rule, tiny_rule_set

START = date(2026, 1, 5)


def rules(**transitions: Any) -> RuleSet:
    """Tiny rules: a rating of 3+ needs at least IOP (2.1); b at 2+ asks for review; f is a relapse."""
    return tiny_rule_set(
        rule("serious", {"any_rating_at_least": {"rating": 3}}, {"minimum_level": "2.1"}),
        rule(
            "check", {"rating_at_least": {"dimension": "b", "rating": 2}}, {"require_review": True}
        ),
        transitions=transitions
        or {
            "step_down": {
                "consecutive_improving_assessments": 2,
                "attendance_at_least": 0.75,
                "goals_met_at_least": 0.5,
            },
            "step_up_triggers": [
                {
                    "id": "relapse",
                    "when": {"flag": "f"},
                    "explanation": "Returned to use.",
                    "source": "test",
                },
                {
                    "id": "missed",
                    "missed_sessions_at_least": 3,
                    "explanation": "Missed 3 sessions.",
                    "source": "test",
                },
                {
                    "id": "rose",
                    "rating_rose_to_at_least": 3,
                    "explanation": "A rating rose to 3.",
                    "source": "test",
                },
            ],
        },
    )


def visit(
    week: int,
    a: int,
    b: int,
    attended: int | None = 10,
    goals_met: int | None = 2,
    flags: tuple[str, ...] = (),
) -> Assessment:
    return Assessment.model_validate(
        {
            "date": START + timedelta(weeks=week),
            "rater": "tester",
            "ratings": {"a": a, "b": b},
            "flags": list(flags),
            "attendance": None if attended is None else {"scheduled": 10, "attended": attended},
            "plan_progress": None
            if goals_met is None
            else {"goals_total": 3, "goals_met": goals_met},
        }
    )


def test_a_client_meeting_every_criterion_is_ready_to_step_down_to_the_recommended_level() -> None:
    result = assess_transition("2.1", [visit(0, 3, 1), visit(4, 2, 1), visit(8, 1, 1)], rules())
    assert (result.verdict, result.target_level) == ("step_down_ready", "1")
    assert all(c.met for c in result.criteria)
    assert (
        result.reasons[0]
        == "The latest assessment places the client at level 1, below the current level 2.1."
    )


def test_improvement_that_has_not_lasted_long_enough_means_stay() -> None:
    result = assess_transition("2.1", [visit(0, 3, 1), visit(4, 3, 1), visit(8, 1, 1)], rules())
    assert result.verdict == "stay"
    sustained = result.criteria[0]
    assert (sustained.met, sustained.detail) == (False, "1 in a row, 2 needed")


def test_a_rating_that_rose_breaks_the_run_of_improving_assessments() -> None:
    result = assess_transition("2.1", [visit(0, 3, 0), visit(4, 2, 0), visit(8, 2, 1)], rules())
    assert result.verdict == "stay"
    assert result.criteria[0].detail == "0 in a row, 2 needed"


def test_too_little_history_needs_review_and_says_what_is_missing() -> None:
    result = assess_transition("2.1", [visit(0, 1, 1, attended=None)], rules())
    assert (result.verdict, result.target_level) == ("review_needed", "1")
    assert result.missing == [
        "1 more improving assessment(s) (only 1 so far)",
        "attendance since the last assessment",
    ]
    assert (
        "Missing: 1 more improving assessment(s) (only 1 so far); attendance since the last assessment."
        in (readiness_text(result))
    )


def test_no_assessment_at_all_needs_review() -> None:
    result = assess_transition("2.1", [], rules())
    assert (result.verdict, result.missing) == (
        "review_needed",
        ["an assessment of the client at this level"],
    )


def test_unmet_goals_mean_stay_even_when_improvement_has_lasted() -> None:
    result = assess_transition("2.1", [visit(0, 1, 1), visit(4, 1, 1, goals_met=1)], rules())
    assert result.verdict == "stay"
    assert "Treatment-plan goals met at least 50%: 33%" in result.reasons


def test_rules_that_place_the_client_higher_mean_step_up_to_that_level() -> None:
    result = assess_transition("1", [visit(0, 1, 1), visit(4, 3, 1)], rules())
    assert (result.verdict, result.target_level) == ("step_up_needed", "2.1")


@pytest.mark.parametrize(
    ("latest", "trigger"),
    [
        (visit(4, 1, 1, flags=("f",)), "relapse"),
        (visit(4, 1, 1, attended=7), "missed"),
    ],
)
def test_a_step_up_trigger_calls_for_the_next_level_up(latest: Assessment, trigger: str) -> None:
    result = assess_transition("2.1", [visit(0, 3, 1), latest], rules())
    assert (result.verdict, result.target_level) == ("step_up_needed", "2.5")
    assert [t.trigger_id for t in result.triggers] == [trigger]
    assert (
        result.reasons[0]
        == "A step-up trigger fired, so the next more intensive level, 2.5, is needed."
    )


def test_a_rating_rising_to_the_trigger_level_calls_for_a_step_up() -> None:
    result = assess_transition("2.1", [visit(0, 2, 1), visit(4, 3, 1)], rules())
    assert [t.trigger_id for t in result.triggers] == ["rose"]
    assert result.target_level == "2.5"


def test_a_trigger_at_the_top_level_needs_review() -> None:
    result = assess_transition("4", [visit(0, 1, 1), visit(4, 1, 1, flags=("f",))], rules())
    assert (result.verdict, result.target_level) == ("review_needed", None)


def test_a_review_rule_holds_a_step_down_for_a_clinician() -> None:
    history = [visit(0, 0, 2), visit(4, 0, 2)]
    result = assess_transition("2.1", history, rules())
    assert result.verdict == "review_needed"
    assert (
        "Every step-down criterion is met, but a rule asks for a clinician's review first:"
        in result.reasons
    )


def test_the_criteria_are_data_a_shorter_run_makes_the_same_history_ready() -> None:
    history = [visit(0, 3, 1), visit(4, 3, 1), visit(8, 1, 1)]
    strict = assess_transition("2.1", history, rules())
    lenient = assess_transition(
        "2.1", history, rules(step_down={"consecutive_improving_assessments": 1})
    )
    assert (strict.verdict, lenient.verdict) == ("stay", "step_down_ready")


def test_a_mental_health_rule_set_applies_its_own_criteria() -> None:
    mh = mental_health_rule_set()

    def seen(week: int, safety: int, attended: int) -> Assessment:
        return Assessment.model_validate(
            {
                "date": START + timedelta(weeks=week),
                "rater": "t",
                "ratings": {"safety": safety, "functioning": 3, "support": 3, "engagement": 2},
                "attendance": {"scheduled": 10, "attended": attended},
            }
        )

    two = [seen(0, 3, 10), seen(2, 3, 10)]
    three = [*two, seen(4, 3, 10)]
    assert assess_transition("2.5", two, mh).verdict == "review_needed"  # needs 3 in a row
    assert assess_transition("2.5", three, mh).verdict == "step_down_ready"
    assert assess_transition("2.5", [*two, seen(4, 3, 8)], mh).verdict == "stay"  # 80% < 90%
    assert assess_transition("2.1", [*two, seen(4, 4, 10)], mh).verdict == "step_up_needed"
    assert MENTAL_HEALTH["transitions"]["step_down"]["consecutive_improving_assessments"] == 3


def test_a_clinician_choice_other_than_the_target_needs_a_reason_and_shows_in_the_summary() -> None:
    result = assess_transition("2.1", [visit(0, 3, 1), visit(4, 2, 1), visit(8, 1, 1)], rules())
    with pytest.raises(InputError, match="differs from the recommended level 1"):
        decide_transition(result, "2.1")
    kept = decide_transition(result, "2.1", "Exams next month; step down after.")
    assert (
        "differs from the recommendation; reason: Exams next month; step down after."
        in readiness_text(kept)
    )


def test_the_current_level_must_be_one_the_rule_set_knows() -> None:
    with pytest.raises(
        UnknownIdError, match=r"There is no level in this rule set with the id '3\.3'"
    ):
        assess_transition("3.3", [visit(0, 1, 1)], rules())


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["1", "2.1", "2.5", "3.5", "4"]),
    st.lists(
        st.tuples(
            st.integers(0, 4),
            st.integers(0, 4),
            st.one_of(st.none(), st.integers(0, 10)),
            st.one_of(st.none(), st.integers(0, 3)),
            st.booleans(),
        ),
        max_size=5,
    ),
)
def test_every_verdict_has_reasons_and_a_known_target(
    current: str, rows: list[tuple[int, int, int | None, int | None, bool]]
) -> None:
    history = [
        visit(4 * week, a, b, attended, goals, ("f",) if relapse else ())
        for week, (a, b, attended, goals, relapse) in enumerate(rows)
    ]
    result = assess_transition(current, history, rules())
    assert result.reasons and all(result.reasons)
    assert result.target_level is None or result.target_level in rules().levels
    if result.verdict == "review_needed" and result.placement is not None and not result.triggers:
        assert result.missing or result.placement.needs_review


@cache
def shipped_rules() -> RuleSet:
    return catalog.load(sections=("rules",)).rule_set("illustrative-sud")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_under_the_shipped_rules_every_verdict_has_reasons_and_a_level_the_rules_know(
    data: st.DataObject,
) -> None:
    shipped = shipped_rules()
    current = data.draw(st.sampled_from(shipped.levels))
    count = data.draw(st.integers(0, 4))
    history = [
        Assessment.model_validate(
            {
                "date": START + timedelta(weeks=4 * week),
                "rater": "tester",
                "ratings": {d: data.draw(st.integers(0, 4)) for d in shipped.dimension_ids()},
                "flags": data.draw(st.lists(st.sampled_from(shipped.flag_ids()), unique=True)),
                "attendance": {"scheduled": 12, "attended": data.draw(st.integers(0, 12))},
                "plan_progress": {"goals_total": 4, "goals_met": data.draw(st.integers(0, 4))},
            }
        )
        for week in range(count)
    ]
    result = assess_transition(current, history, shipped)
    assert result.reasons and all(result.reasons)
    assert result.target_level is None or result.target_level in shipped.levels
    if result.verdict == "step_up_needed":
        assert result.target_level is not None
        assert shipped.rank(result.target_level) > shipped.rank(current)
    if result.verdict == "step_down_ready":
        assert result.target_level is not None
        assert shipped.rank(result.target_level) < shipped.rank(current)
