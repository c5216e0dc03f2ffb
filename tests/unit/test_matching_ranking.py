"""The score from nice-to-haves and weights, the sort orders, reasons in words, and near misses."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from carenav.errors import InputError
from carenav.matching import find_programs
from carenav.models import ClientNeeds
from tests.unit.programs_support import RANKING, TODAY, frame

SU = {"needs": {"substance-use"}}
NO_EXTRAS = RANKING.default_weights(distance=0, wait=0, confirmed=0)


def _needs(**extra: object) -> ClientNeeds:
    return ClientNeeds.model_validate({**SU, **extra})


def test_a_recorded_yes_scores_full_credit_not_recorded_half_and_a_recorded_no_none() -> None:
    directory = frame({"family_program": "yes"}, {"family_program": ""}, {"family_program": "no"})
    matches = find_programs(
        _needs(nice_to_have={"family_program": True}),
        directory,
        ranking=RANKING,
        today=TODAY,
        weights=NO_EXTRAS,
    )
    assert dict(zip(matches.results["id"], matches.results["score"], strict=True)) == {
        "p1": 100.0,
        "p2": 50.0,
        "p3": 0.0,
    }


def test_weights_change_the_ranking() -> None:
    directory = frame(
        {"family_program": "yes", "therapies": "cbt;!*"},
        {"family_program": "no", "therapies": "dbt"},
    )
    needs = _needs(nice_to_have={"family_program": True, "therapies": {"dbt"}})
    family_first = find_programs(
        needs,
        directory,
        ranking=RANKING,
        today=TODAY,
        weights=RANKING.default_weights(
            family_program=5, therapies=1, distance=0, wait=0, confirmed=0
        ),
    )
    therapy_first = find_programs(
        needs,
        directory,
        ranking=RANKING,
        today=TODAY,
        weights=RANKING.default_weights(
            family_program=1, therapies=5, distance=0, wait=0, confirmed=0
        ),
    )
    assert list(family_first.results["id"]) == ["p1", "p2"]
    assert list(therapy_first.results["id"]) == ["p2", "p1"]
    assert family_first.results["score"].tolist() == pytest.approx([83.3, 16.7])


def test_a_shorter_wait_and_a_closer_program_score_higher() -> None:
    directory = frame({"wait_days": "21"}, {"wait_days": "0"})
    matches = find_programs(
        _needs(),
        directory,
        ranking=RANKING,
        today=TODAY,
        weights=RANKING.default_weights(wait=1, distance=0, confirmed=0),
    )
    assert list(matches.results["id"]) == ["p2", "p1"]
    near_far = frame({"zip": "98101", "city": "Seattle", "state": "WA"}, {"zip": "97205"})
    matches = find_programs(
        _needs(zip="97214"),
        near_far,
        ranking=RANKING,
        today=TODAY,
        weights=RANKING.default_weights(distance=1, wait=0, confirmed=0),
    )
    assert list(matches.results["id"]) == ["p2", "p1"]


def test_a_nice_to_have_never_excludes() -> None:
    directory = frame({"holistic": "!*"})
    matches = find_programs(
        _needs(nice_to_have={"holistic": {"yoga"}}), directory, ranking=RANKING, today=TODAY
    )
    assert list(matches.results["id"]) == ["p1"]


@pytest.mark.parametrize(
    ("sort_by", "expected"),
    [
        ("distance", ["p2", "p3", "p1"]),
        ("wait", ["p3", "p2", "p1"]),
        ("verified", ["p1", "p3", "p2"]),
        ("name", ["p1", "p2", "p3"]),
    ],
)
def test_results_sort_by_the_chosen_order(sort_by: str, expected: list[str]) -> None:
    directory = frame(
        {
            "name": "Alder",
            "zip": "97401",
            "city": "Eugene",
            "wait_days": "14",
            "verified_on": "2026-11-20",
        },
        {"name": "Birch", "zip": "97214", "wait_days": "7", "verified_on": "2025-01-01"},
        {
            "name": "Cedar",
            "zip": "97301",
            "city": "Salem",
            "wait_days": "0",
            "verified_on": "2026-06-01",
        },
    )
    matches = find_programs(
        _needs(zip="97205"), directory, ranking=RANKING, today=TODAY, sort_by=sort_by
    )  # type: ignore[arg-type]
    assert list(matches.results["id"]) == expected


def test_sorting_by_cost_uses_the_estimate_given() -> None:
    directory = frame({}, {}, {})
    cost = pd.Series([90000, None, 30000], dtype="Int64")
    matches = find_programs(
        _needs(), directory, ranking=RANKING, today=TODAY, sort_by="cost", estimated_cost_cents=cost
    )
    assert list(matches.results["id"]) == ["p3", "p1", "p2"]
    with pytest.raises(InputError):
        find_programs(_needs(), directory, ranking=RANKING, today=TODAY, sort_by="cost")


def test_reasons_say_why_in_words() -> None:
    directory = frame({"family_program": "", "zip": "97214", "verified_on": "2026-11-15"})
    needs = _needs(
        plan="example-ppo-2026",
        available_days={"Tue", "Thu"},
        times={"evening"},
        zip="97205",
        max_miles=30,
        nice_to_have={"family_program": True},
    )
    reasons = find_programs(needs, directory, ranking=RANKING, today=TODAY).results["reasons"][0]
    assert "evening groups on Tue/Thu fit Tue/Thu availability" in reasons
    assert "3 miles away" in reasons
    assert "accepts example-ppo-2026" in reasons
    assert "family program (nice to have) not confirmed — call to check" in reasons
    assert "typical wait 3 days" in reasons
    assert "record verified 12 days ago (unit test)" in reasons


def test_verified_age_is_counted_to_the_date_passed_in() -> None:
    directory = frame({"verified_on": "2026-11-01"})
    later = find_programs(_needs(), directory, ranking=RANKING, today=date(2026, 12, 1))
    assert later.results["verified_days_ago"].tolist() == [30]


def test_near_misses_are_programs_excluded_by_exactly_one_criterion_named() -> None:
    directory = frame(
        {"levels": "2.1", "plans": "example-ppo-2026"},
        {"levels": "1", "plans": "example-ppo-2026"},
        {"levels": "1", "plans": "!example-ppo-2026", "sliding_scale": "no"},
        {"levels": "2.1", "plans": "!*", "sliding_scale": "no"},
    )
    needs = _needs(levels={"2.1"}, plan="example-ppo-2026", other_payment={"sliding-scale"})
    matches = find_programs(needs, directory, ranking=RANKING, today=TODAY)
    assert list(matches.results["id"]) == ["p1"]
    near = matches.near_misses.set_index("id")
    assert sorted(near.index) == ["p2", "p4"]
    assert near.loc["p2", "missed"] == "level"
    assert near.loc["p2", "missed_because"] == "does not offer level 2.1"
    assert near.loc["p4", "missed_because"] == "does not accept example-ppo-2026 or sliding scale"
    assert (
        matches.summary() == "1 program fits (of 4 in the directory); 2 more miss by one criterion."
    )


def test_near_misses_stay_within_the_distance_asked() -> None:
    directory = frame(
        {"zip": "97214"},
        {"zip": "97214", "levels": "1"},  # near, misses the level: a near miss
        {"zip": "10001", "city": "New York", "state": "NY"},  # fits all but 2,400 miles
        {"zip": "10001", "levels": "1"},  # far and the wrong level
    )
    needs = _needs(zip="97205", max_miles=25, levels={"2.1"})
    matches = find_programs(needs, directory, ranking=RANKING, today=TODAY)
    assert list(matches.results["id"]) == ["p1"]
    assert list(matches.near_misses["id"]) == ["p2"]


def test_a_missing_track_reads_as_plain_english() -> None:
    directory = frame({"tracks": "mental-health"})
    matches = find_programs(_needs(needs={"co-occurring"}), directory, ranking=RANKING, today=TODAY)
    assert matches.near_misses["missed_because"].tolist() == ["has no co-occurring track"]


def test_reasons_are_available_for_any_program_on_request() -> None:
    directory = frame({"levels": "2.1"}, {"levels": "1"})
    matches = find_programs(
        _needs(levels={"2.1"}), directory, ranking=RANKING, today=TODAY, explain=0
    )
    assert matches.results["reasons"].tolist() == [None]
    assert "does not offer level 2.1" in matches.reasons("p2")


def test_a_schedule_near_miss_names_the_days() -> None:
    directory = frame({"meeting_days": "Tue;Thu"}, {"meeting_days": "Mon;Wed;Fri"})
    matches = find_programs(
        _needs(available_days={"Tue", "Thu"}), directory, ranking=RANKING, today=TODAY
    )
    assert matches.near_misses["missed_because"].tolist() == [
        "meets Mon/Wed/Fri; client can come Tue/Thu"
    ]
    assert "groups on Tue/Thu fit Tue/Thu availability" in matches.results["reasons"][0]
