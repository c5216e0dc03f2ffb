"""Every worked client story still gives, at each step, the outcome its file expects."""

from __future__ import annotations

from functools import cache

import pytest

from carenav import catalog
from carenav.models.vignette import Vignette
from carenav.present.readiness import text as readiness_text
from carenav.transitions import assess_transition, decide_transition


@cache
def loaded() -> catalog.Catalog:
    return catalog.load()


def _steps() -> list[tuple[str, int]]:
    return [(v.id, i) for v in loaded().vignettes for i in range(len(v.steps))]


@pytest.mark.parametrize(("vignette_id", "index"), _steps())
def test_each_step_gives_the_expected_recommendation_and_verdict(
    vignette_id: str, index: int
) -> None:
    vignette = loaded().vignette(vignette_id)
    step = vignette.steps[index]
    result = assess_transition(
        step.level, vignette.history(index), loaded().rule_set(vignette.rule_set)
    )
    assert result.placement is not None
    got = (result.placement.recommended_level, result.verdict, result.target_level)
    want = (step.expected.recommended_level, step.expected.verdict, step.expected.target_level)
    assert got == want, readiness_text(result)


@pytest.mark.parametrize(("vignette_id", "index"), _steps())
def test_each_recorded_decision_is_valid_and_the_next_step_is_where_the_client_went(
    vignette_id: str, index: int
) -> None:
    vignette = loaded().vignette(vignette_id)
    step = vignette.steps[index]
    rules = loaded().rule_set(vignette.rule_set)
    if step.decision is not None:
        result = assess_transition(step.level, vignette.history(index), rules)
        decided = decide_transition(
            result, step.decision.chosen_level, step.decision.reason, step.decision.clinician
        )
        assert decided.decision == step.decision
    if index + 1 < len(vignette.steps):
        moved_to = vignette.steps[index + 1].level
        expected = step.decision.chosen_level if step.decision else step.level
        assert moved_to == expected


def test_there_are_at_least_five_fictional_stories_covering_the_issue() -> None:
    stories: dict[str, Vignette] = {v.id: v for v in loaded().vignettes}
    assert len(stories) >= 5 and all(v.fictional for v in stories.values())
    journeys = {vid: [s.level for s in v.steps] for vid, v in stories.items()}
    assert journeys["dana-entry-to-iop"][:2] == ["1", "2.1"]  # entry to IOP from weekly therapy
    assert _visited(journeys["sam-residential-to-outpatient"]) == ["3.5", "2.5", "2.1", "1"]
    assert _visited(journeys["riley-relapse-step-up"]) == ["2.1", "2.5", "2.1"][:2]
    riley = stories["riley-relapse-step-up"].steps[1]
    assert "return-to-use" in riley.assessment.flags
    assert stories["jordan-adolescent"].client.age < 18
    alex = stories["alex-co-occurring"].steps[0].assessment
    assert alex.rating("emotional") >= 2 and alex.rating("relapse") >= 2


def test_every_step_of_every_story_has_a_reason_a_trainer_can_read() -> None:
    for vignette in loaded().vignettes:
        rules = loaded().rule_set(vignette.rule_set)
        for index, step in enumerate(vignette.steps):
            result = assess_transition(step.level, vignette.history(index), rules)
            assert result.reasons and step.narrative


def test_every_vignette_file_says_the_client_is_fictional() -> None:
    for path in (catalog.bundled_data_dir() / "vignettes").glob("*.yaml"):
        assert "FICTIONAL" in path.read_text(encoding="utf-8").splitlines()[0], path.name


def _visited(levels: list[str]) -> list[str]:
    return [code for i, code in enumerate(levels) if i == 0 or code != levels[i - 1]]


def test_the_mental_health_stories_step_down_from_php_and_enter_iop_with_drinking() -> None:
    stories = {v.id: v for v in loaded().vignettes}
    morgan, casey = stories["morgan-php-to-iop"], stories["casey-iop-depression-and-alcohol"]
    assert morgan.rule_set == casey.rule_set == "illustrative-mh"
    assert _visited([s.level for s in morgan.steps]) == ["2.5", "2.1"]
    assert morgan.steps[2].expected.verdict == "step_down_ready"
    assert _visited([s.level for s in casey.steps]) == ["1", "2.1"]
    assert "substance-use-concern" in casey.steps[0].assessment.flags
    first = assess_transition(
        casey.steps[0].level, casey.history(0), loaded().rule_set("illustrative-mh")
    )
    assert first.placement is not None and first.placement.needs_review
    assert any("substance-use rules as well" in r for r in first.placement.reasons())
