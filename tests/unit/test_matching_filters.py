"""Each hard filter: a recorded no excludes, a recorded yes passes, a record that does not say is kept and flagged."""

from __future__ import annotations

from typing import Any

import pytest

from carenav.errors import InputError, UnknownIdError
from carenav.matching import NOT_CONFIRMED, find_programs
from carenav.models import ClientNeeds
from tests.unit.programs_support import RANKING, TODAY, frame


def _ids(needs: dict[str, Any], *rows: dict[str, str]) -> list[str]:
    matches = find_programs(
        ClientNeeds.model_validate(needs),
        frame(*rows),
        ranking=RANKING,
        today=TODAY,
        sort_by="name",
    )
    return list(matches.results["id"])


SU = {"needs": {"substance-use"}}


# (needs, yes cell, no cell, unknown cell) for each option-based filter.
CASES = [
    ({**SU, "levels": {"2.1"}}, {"levels": "2.1"}, {"levels": "1"}, None),
    (
        {**SU, "age_group": "adolescents"},
        {"populations": "adolescents"},
        {"populations": "adults;!*"},
        {"populations": "adults"},
    ),
    (
        {**SU, "conditions": {"opioid-use"}},
        {"conditions": "opioid-use"},
        {"conditions": "!opioid-use"},
        {"conditions": "alcohol-use"},
    ),
    (
        {**SU, "plan": "example-ppo-2026"},
        {"plans": "example-ppo-2026"},
        {"plans": "!example-ppo-2026"},
        {"plans": ""},
    ),
    (
        {**SU, "medicaid_state": "OR"},
        {"medicaid_states": "OR"},
        {"medicaid_states": "WA;!*"},
        {"medicaid_states": "WA"},
    ),
    ({**SU, "medicare": True}, {"medicare": "yes"}, {"medicare": "no"}, {"medicare": ""}),
    (
        {**SU, "other_payment": {"sliding-scale"}},
        {"sliding_scale": "yes"},
        {"sliding_scale": "no"},
        {"sliding_scale": ""},
    ),
    (
        {**SU, "formats": {"telehealth"}},
        {"formats": "telehealth"},
        {"formats": "in-person;!*"},
        {"formats": "in-person"},
    ),
    ({**SU, "times": {"evening"}}, {"evening": "yes"}, {"evening": "no"}, {"evening": ""}),
    (
        {**SU, "available_days": {"Tue", "Thu", "Sat"}},
        {"meeting_days": "Tue;Thu"},
        {"meeting_days": "Mon;Wed;Fri"},
        {"meeting_days": ""},
    ),
    (
        {**SU, "must_have": {"family_program": True}},
        {"family_program": "yes"},
        {"family_program": "no"},
        {"family_program": ""},
    ),
    (
        {**SU, "must_have": {"therapies": {"dbt"}}},
        {"therapies": "dbt"},
        {"therapies": "cbt;!dbt"},
        {"therapies": "cbt"},
    ),
    (
        {**SU, "must_have": {"languages": {"spanish"}}},
        {"languages": "spanish"},
        {"languages": "english;!*"},
        {"languages": "english"},
    ),
    (
        {**SU, "must_have": {"groups": {"veterans"}}},
        {"populations": "adults;veterans"},
        {"populations": "adults;!*"},
        {"populations": "adults"},
    ),
    (
        {**SU, "must_have": {"holistic": {"yoga"}}},
        {"holistic": "yoga"},
        {"holistic": "!yoga"},
        {"holistic": ""},
    ),
]


@pytest.mark.parametrize(("needs", "yes", "no", "unknown"), CASES)
def test_a_filter_keeps_yes_and_not_recorded_and_drops_a_recorded_no(
    needs: dict[str, Any], yes: dict[str, str], no: dict[str, str], unknown: dict[str, str] | None
) -> None:
    rows = [yes, no] + ([unknown] if unknown is not None else [])
    expected = ["p1", "p3"] if unknown is not None else ["p1"]
    assert _ids(needs, *rows) == expected


@pytest.mark.parametrize(("needs", "yes", "no", "unknown"), [c for c in CASES if c[3] is not None])
def test_a_program_that_does_not_say_is_marked_not_confirmed(
    needs: dict[str, Any], yes: dict[str, str], no: dict[str, str], unknown: dict[str, str]
) -> None:
    matches = find_programs(
        ClientNeeds.model_validate(needs), frame(yes, unknown), ranking=RANKING, today=TODAY
    )
    row = matches.results.set_index("id").loc["p2"]
    assert row["unconfirmed"] == 1
    assert any(NOT_CONFIRMED in reason for reason in row["reasons"])


def test_options_within_a_facet_combine_with_or() -> None:
    needs = {**SU, "medicaid_state": "OR", "other_payment": {"sliding-scale"}}
    rows = (
        {"medicaid_states": "OR", "sliding_scale": "no"},
        {"medicaid_states": "!*", "sliding_scale": "yes"},
        {"medicaid_states": "!*", "sliding_scale": "no"},
    )
    assert _ids(needs, *rows) == ["p1", "p2"]


def test_facets_combine_with_and() -> None:
    needs = {**SU, "levels": {"2.1"}, "formats": {"telehealth"}}
    rows = (
        {"levels": "2.1", "formats": "telehealth"},
        {"levels": "2.1", "formats": "in-person;!*"},
        {"levels": "1", "formats": "telehealth"},
    )
    assert _ids(needs, *rows) == ["p1"]


def test_a_substance_use_client_does_not_see_mental_health_only_programs() -> None:
    rows = (
        {"tracks": "substance-use"},
        {"tracks": "mental-health;!*"},
        {"tracks": "co-occurring;!*"},
    )
    assert _ids(SU, *rows) == ["p1", "p3"]


def test_a_record_that_names_its_tracks_names_all_of_them() -> None:
    rows = ({"tracks": "mental-health"}, {"tracks": ""}, {"tracks": "substance-use;depression"})
    matches = find_programs(
        ClientNeeds.model_validate(SU), frame(*rows), ranking=RANKING, today=TODAY
    )
    assert list(matches.results["id"]) == ["p3", "p2"]
    assert matches.results["unconfirmed"].tolist() == [0, 1]


def test_a_mental_health_client_does_not_see_substance_use_only_programs() -> None:
    rows = (
        {"tracks": "substance-use;!*"},
        {"tracks": "mental-health;!*"},
        {"tracks": "co-occurring;!*"},
    )
    assert _ids({"needs": {"mental-health"}}, *rows) == ["p2", "p3"]


def test_a_client_who_needs_both_sees_co_occurring_programs_only() -> None:
    rows = (
        {"tracks": "substance-use;!*"},
        {"tracks": "mental-health;!*"},
        {"tracks": "co-occurring;!*"},
    )
    assert _ids({"needs": {"substance-use", "mental-health"}}, *rows) == ["p3"]


def test_distance_keeps_programs_within_reach() -> None:
    rows = ({"zip": "97205"}, {"zip": "98101", "city": "Seattle", "state": "WA"})
    assert _ids({**SU, "zip": "97214", "max_miles": 25}, *rows) == ["p1"]


def test_distance_does_not_apply_to_a_telehealth_only_client() -> None:
    rows = (
        {"zip": "97205", "formats": "telehealth"},
        {"zip": "98101", "city": "Seattle", "state": "WA", "formats": "telehealth"},
    )
    assert _ids({**SU, "zip": "97214", "max_miles": 25, "formats": {"telehealth"}}, *rows) == [
        "p1",
        "p2",
    ]


def test_a_condition_must_each_be_treated() -> None:
    rows = ({"conditions": "alcohol-use;anxiety;!*"}, {"conditions": "alcohol-use;!*"})
    assert _ids({**SU, "conditions": {"alcohol-use", "anxiety"}}, *rows) == ["p1"]


def test_an_unknown_zip_is_one_clear_message() -> None:
    needs = ClientNeeds.model_validate({**SU, "zip": "00000"})
    with pytest.raises(InputError) as caught:
        find_programs(needs, frame({}), ranking=RANKING, today=TODAY)
    assert str(caught.value) == (
        "ZIP code: '00000' is not a US ZIP code carenav knows; "
        "expected a current five-digit US ZIP code, such as 97205"
    )


def test_a_plan_the_directory_has_never_heard_of_is_one_clear_message() -> None:
    needs = ClientNeeds.model_validate({**SU, "plan": "acme-gold-2026"})
    with pytest.raises(UnknownIdError) as caught:
        find_programs(needs, frame({}), ranking=RANKING, today=TODAY)
    assert str(caught.value) == (
        "There is no coverage plan with the id 'acme-gold-2026'. Known ids: example-ppo-2026."
    )
