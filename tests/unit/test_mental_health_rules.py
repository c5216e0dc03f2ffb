"""The shipped mental-health rule set: a level with reasons, safety first, wrong-set ratings refused."""

from __future__ import annotations

from functools import cache

import pytest

from carenav import catalog
from carenav.errors import InputError
from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet
from carenav.placement import recommend_level
from tests.unit.test_placement import _property_cases

MH = "rules/illustrative-mh.yaml"


@cache
def loaded() -> catalog.Catalog:
    return catalog.load(sections=("rules",))


def mental_health() -> RuleSet:
    return loaded().rule_set("illustrative-mh")


def substance_use() -> RuleSet:
    return loaded().rule_set("illustrative-sud")


def mh_assessment(flags: tuple[str, ...] = (), **ratings: int) -> Assessment:
    base = dict.fromkeys(mental_health().dimension_ids(), 0)
    base.update({key.replace("_", "-"): value for key, value in ratings.items()})
    return Assessment(date="2026-03-02", rater="test", ratings=base, flags=frozenset(flags))


# A depression-only client: serious low mood, daily life getting harder, no substance use.
DEPRESSION = {"symptoms": 3, "daily_life": 2, "safety": 1, "home_support": 1, "follow_through": 1}


def test_a_depression_only_client_gets_intensive_outpatient_with_reasons() -> None:
    result = recommend_level(mh_assessment(**DEPRESSION), mental_health())
    assert result.recommended_level == "2.1"
    assert result.rule_set_id == "illustrative-mh"
    assert result.fired[0].rule_id == "serious-concern-needs-more-than-weekly"
    assert "more support than weekly therapy" in result.reasons()[0]
    assert "not LOCUS" in result.provenance


def test_the_same_ratings_under_the_substance_use_rules_are_refused_not_misread() -> None:
    with pytest.raises(InputError) as refused:
        recommend_level(mh_assessment(**DEPRESSION), substance_use())
    assert str(refused.value) == (
        "ratings: these ratings name safety, symptoms, daily-life, physical-health, "
        "home-support, follow-through, which Illustrative substance-use placement rules does "
        "not rate: they were made under another rule set, with its own dimensions and scale, "
        "and are not read under this one; expected a rating for each of withdrawal, "
        "biomedical, emotional, readiness, relapse, environment"
    )


def test_substance_use_ratings_under_the_mental_health_rules_are_refused_too() -> None:
    sud = dict.fromkeys(substance_use().dimension_ids(), 2)
    with pytest.raises(InputError, match="which Illustrative mental-health placement rules"):
        recommend_level(Assessment(date="2026-03-02", rater="t", ratings=sud), mental_health())


def test_one_stray_dimension_is_named_on_its_own() -> None:
    ratings = dict.fromkeys(mental_health().dimension_ids(), 0) | {"relapse": 1}
    with pytest.raises(InputError, match="has no dimension 'relapse'"):
        recommend_level(Assessment(date="2026-03-02", rater="t", ratings=ratings), mental_health())


def test_imminent_risk_settles_it_with_emergency_care_and_988_whatever_the_ratings() -> None:
    result = recommend_level(mh_assessment(flags=("imminent-risk-of-harm",)), mental_health())
    assert result.recommended_level == "4"
    assert result.needs_review
    assert "988" in result.reasons()[0] and "911" in result.reasons()[0]


def test_a_severe_safety_rating_needs_hospital_care() -> None:
    result = recommend_level(mh_assessment(safety=4), mental_health())
    assert result.recommended_level == "4"
    assert "988" in result.reasons()[0]


def test_severe_symptoms_start_in_partial_hospitalization_as_the_article_says() -> None:
    result = recommend_level(mh_assessment(symptoms=4, daily_life=3), mental_health())
    assert result.recommended_level == "2.5"


def test_mild_concerns_stay_in_outpatient_care() -> None:
    result = recommend_level(mh_assessment(symptoms=1, daily_life=1), mental_health())
    assert (result.recommended_level, result.allowed_levels) == ("1", ["1"])


def test_a_substance_use_concern_asks_for_assessment_under_both_sets() -> None:
    result = recommend_level(
        mh_assessment(flags=("substance-use-concern",), **DEPRESSION), mental_health()
    )
    assert result.needs_review
    assert any("substance-use rules as well" in reason for reason in result.reasons())


def test_the_file_says_at_its_top_it_is_no_licensed_instrument_and_has_no_score() -> None:
    head = (catalog.bundled_data_dir() / MH).read_text(encoding="utf-8")[:1200]
    assert "NOT LOCUS" in head and "must NOT be used" in head
    assert "no composite score" in head and "988" in head


def test_a_higher_rating_never_recommends_a_lower_level_under_the_mental_health_rules() -> None:
    _property_cases(mental_health())
