"""Properties of the hard filters over random synthetic directories and random client needs."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carenav.directory import NO, day_mask
from carenav.matching import find_programs, track_options
from carenav.models import ClientNeeds
from carenav.models.billing import Weekday
from carenav.models.vocabulary import Condition, Format, Need, OtherPayment, Therapy, TimeOfDay
from carenav.synthetic import SAMPLE_PLANS, synthetic_frame
from tests.unit.programs_support import RANKING, TODAY

LEVELS = ["1", "2.1", "2.5", "3.1", "3.5", "3.7", "4"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def directory(seed: int) -> pd.DataFrame:
    return synthetic_frame(150, seed)


def _subset(values: list[Any], max_size: int = 3) -> st.SearchStrategy[frozenset[Any]]:
    return st.frozensets(st.sampled_from(values), max_size=max_size)


needs_data = st.fixed_dictionaries(
    {
        "age_group": st.sampled_from(["adults", "adolescents"]),
        "needs": st.frozensets(st.sampled_from(list(Need)), min_size=1, max_size=2),
        "conditions": _subset(list(Condition), 2),
        "levels": _subset(LEVELS),
        "plan": st.none() | st.sampled_from(SAMPLE_PLANS),
        "medicare": st.booleans(),
        "other_payment": _subset(list(OtherPayment), 2),
        "available_days": _subset(list(Weekday), 5),
        "times": _subset(list(TimeOfDay), 2),
        "formats": _subset(list(Format), 2),
        "must_have": st.fixed_dictionaries(
            {"family_program": st.booleans(), "therapies": _subset(list(Therapy), 2)}
        ),
    }
)


def _find(needs: dict[str, Any], frame: pd.DataFrame) -> pd.DataFrame:
    return find_programs(
        ClientNeeds.model_validate(needs), frame, ranking=RANKING, today=TODAY, explain=None
    ).results


def _all_no(row: pd.Series, columns: list[str]) -> bool:
    """A facet fails only when every option asked for is a recorded no (a missing level column is a no)."""
    return all(
        row.get(c, NO if c.startswith("level:") else row.get(c.split(":")[0] + ":*", 1)) == NO
        for c in columns
    )


def recorded_no(needs: dict[str, Any], row: pd.Series) -> list[str]:
    """An oracle written from the rules, not from the engine: the facets this program records a no for."""
    failed: list[str] = []
    if needs["levels"] and _all_no(row, [f"level:{c}" for c in needs["levels"]]):
        failed.append("level")
    if row[f"pop:{needs['age_group']}"] == NO:
        failed.append("age")
    if _all_no(row, [f"track:{o.value}" for o in track_options(frozenset(needs["needs"]))]):
        failed.append("track")
    failed += [f"condition {c}" for c in needs["conditions"] if row[f"cond:{c}"] == NO]
    pay = [f"plan:{needs['plan']}"] if needs["plan"] else []
    pay += ["medicare"] if needs["medicare"] else []
    pay += [str(o).replace("-", "_") for o in needs["other_payment"]]
    if pay and all(row.get(c, row.get("plan:*")) == NO for c in pay):
        failed.append("payment")
    if (
        needs["available_days"]
        and row["days_mask"] >= 0
        and row["days_mask"] & ~day_mask(needs["available_days"])
    ):
        failed.append("days")
    if needs["times"] and all(row[str(t)] == NO for t in needs["times"]):
        failed.append("times")
    if needs["formats"] and _all_no(row, [f"format:{f}" for f in needs["formats"]]):
        failed.append("format")
    if needs["must_have"]["family_program"] and row["family_program"] == NO:
        failed.append("family program")
    therapies = needs["must_have"]["therapies"]
    if therapies and _all_no(row, [f"therapy:{t}" for t in therapies]):
        failed.append("therapies")
    return failed


@SETTINGS
@given(needs=needs_data, seed=st.integers(0, 5))
def test_results_are_exactly_the_programs_with_no_recorded_no(
    needs: dict[str, Any], seed: int
) -> None:
    """A hard filter never lets through a program that fails it, and never drops one that does not say."""
    frame = directory(seed)
    found = set(_find(needs, frame)["id"])
    for _, row in frame.iterrows():
        failures = recorded_no(needs, row)
        if failures:
            assert row["id"] not in found, (
                f"{row['id']} passed although it records no for {failures}"
            )
        else:
            assert row["id"] in found, f"{row['id']} was dropped although it records no 'no'"


@SETTINGS
@given(
    needs=needs_data,
    seed=st.integers(0, 5),
    extra=st.sampled_from(["family", "therapy", "condition", "format"]),
)
def test_adding_a_must_have_never_grows_the_result(
    needs: dict[str, Any], seed: int, extra: str
) -> None:
    frame = directory(seed)
    stricter = {**needs, "must_have": dict(needs["must_have"])}
    if extra == "family":
        stricter["must_have"]["family_program"] = True
    elif extra == "therapy":
        stricter["must_have"]["therapies"] = frozenset({Therapy.DBT})
    elif extra == "condition":
        stricter["conditions"] = needs["conditions"] | {Condition.TRAUMA}
    else:
        stricter["formats"] = frozenset({Format.TELEHEALTH})
    if extra in ("therapy", "format") and (
        needs["must_have"]["therapies"] if extra == "therapy" else needs["formats"]
    ):
        return  # replacing a non-empty facet is not adding a must-have
    assert set(_find(stricter, frame)["id"]) <= set(_find(needs, frame)["id"])


@SETTINGS
@given(
    needs=needs_data,
    seed=st.integers(0, 5),
    facet=st.sampled_from(["levels", "other_payment", "available_days", "times", "formats"]),
    data=st.data(),
)
def test_adding_an_option_within_a_facet_never_shrinks_the_result(
    needs: dict[str, Any], seed: int, facet: str, data: st.DataObject
) -> None:
    frame = directory(seed)
    if not needs[facet]:
        return  # an empty facet means "any": adding the first option is adding a filter
    choices = {
        "levels": LEVELS,
        "other_payment": list(OtherPayment),
        "available_days": list(Weekday),
        "times": list(TimeOfDay),
        "formats": list(Format),
    }[facet]
    wider = {**needs, facet: needs[facet] | {data.draw(st.sampled_from(choices))}}
    assert set(_find(wider, frame)["id"]) >= set(_find(needs, frame)["id"])


@SETTINGS
@given(needs=needs_data, seed=st.integers(0, 5))
def test_every_result_has_reasons(needs: dict[str, Any], seed: int) -> None:
    results = _find(needs, directory(seed))
    for reasons in results["reasons"]:
        assert reasons and all(isinstance(r, str) and r for r in reasons)
        assert reasons[-1].startswith("record verified ")
