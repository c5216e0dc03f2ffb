"""Co-occurring clients: each set's level and reasons on its own scale, and which one is the floor."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carenav import catalog
from carenav.co_occurring import assess_co_occurring
from carenav.errors import InputError
from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet

MH, SUD = "illustrative-mh", "illustrative-sud"


@cache
def loaded() -> catalog.Catalog:
    return catalog.load(sections=("rules",))


def sets() -> list[RuleSet]:
    return [loaded().rule_set(MH), loaded().rule_set(SUD)]


def rated(rule_set_id: str, **ratings: int) -> Assessment:
    base = dict.fromkeys(loaded().rule_set(rule_set_id).dimension_ids(), 0)
    base.update({k.replace("_", "-"): v for k, v in ratings.items()})
    return Assessment(date="2026-03-02", rater="test", ratings=base)


def test_depression_with_an_alcohol_problem_shows_both_levels_and_the_floor() -> None:
    depression = rated(MH, symptoms=3, daily_life=2, safety=1)
    drinking = rated(SUD, withdrawal=1, relapse=3, environment=2, emotional=2)
    both = assess_co_occurring({MH: depression, SUD: drinking}, sets(), loaded().continuum)
    assert both.result_for(MH).recommended_level == "2.1"
    assert both.result_for(SUD).recommended_level == "2.5"
    assert (both.floor_level, both.floor_set_ids) == ("2.5", [SUD])
    text = both.summary(loaded().continuum)
    assert "Illustrative mental-health placement rules: 2.1 Intensive outpatient (IOP)." in text
    assert "Illustrative substance-use placement rules: 2.5 Partial hospitalization (PHP)." in text
    assert "set by Illustrative substance-use placement rules." in text
    assert "their ratings are not mixed" in text and "integrated treatment" in text


def test_equal_levels_name_both_sets_as_the_floor() -> None:
    both = assess_co_occurring(
        {MH: rated(MH, symptoms=3), SUD: rated(SUD, emotional=3)}, sets(), loaded().continuum
    )
    assert (both.floor_level, both.floor_set_ids) == ("2.1", [MH, SUD])


def test_swapped_assessments_are_refused_naming_the_set_not_silently_misread() -> None:
    with pytest.raises(InputError) as refused:
        assess_co_occurring(
            {MH: rated(SUD, relapse=3), SUD: rated(MH, symptoms=3)}, sets(), loaded().continuum
        )
    assert str(refused.value).startswith(
        "assessments.illustrative-mh.ratings: under Illustrative mental-health placement rules: "
        "these ratings name withdrawal, biomedical"
    )


def test_one_set_alone_is_not_a_co_occurring_assessment() -> None:
    with pytest.raises(InputError, match="needs two rule sets"):
        assess_co_occurring({MH: rated(MH)}, sets(), loaded().continuum)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_the_floor_is_never_below_either_sets_own_level(data: st.DataObject) -> None:
    mh, sud = sets()
    mh_ratings = {d: data.draw(st.integers(0, 4)) for d in mh.dimension_ids()}
    sud_ratings = {d: data.draw(st.integers(0, 4)) for d in sud.dimension_ids()}
    both = assess_co_occurring(
        {
            MH: Assessment(date="2026-03-02", rater="t", ratings=mh_ratings),
            SUD: Assessment(date="2026-03-02", rater="t", ratings=sud_ratings),
        },
        sets(),
        loaded().continuum,
    )
    order = loaded().continuum.codes()
    assert all(
        order.index(both.floor_level) >= order.index(r.recommended_level) for r in both.results
    )
    assert both.floor_level in {r.recommended_level for r in both.results}
