"""A program record keeps "not recorded" apart from "recorded no"."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from carenav.models import ClientNeeds, Options, Program

MINIMAL = {
    "id": "p1",
    "name": "Test Program",
    "organization": "Test Organization",
    "verified_on": "2026-11-01",
    "source": "unit test",
    "address": {"city": "Portland", "state": "OR", "zip": "97205"},
    "phone": "503-555-0100",
    "levels": "2.1",
}


@pytest.mark.parametrize(
    ("cell", "cbt", "dbt", "yoga"),
    [
        ("", None, None, None),
        ("cbt", True, None, None),
        ("cbt;!dbt", True, False, None),
        ("cbt;!*", True, False, False),
        ("!*", False, False, False),
    ],
)
def test_an_options_cell_says_yes_no_or_nothing_per_option(
    cell: str, cbt: bool | None, dbt: bool | None, yoga: bool | None
) -> None:
    options = Options.parse(cell)
    assert (options.status("cbt"), options.status("dbt"), options.status("yoga")) == (
        cbt,
        dbt,
        yoga,
    )
    assert Options.parse(options.cell()) == options


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("cbt;!cbt", "'cbt' is listed as both offered and not offered"),
        (
            "CBT",
            "'CBT' is not an option; write lowercase words joined by dashes, separated by ';', with '!' before a recorded no",
        ),
    ],
)
def test_a_bad_options_cell_says_what_is_wrong(cell: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        Options.parse(cell)
    assert str(caught.value) == message


def test_a_program_that_records_nothing_has_every_fact_unknown() -> None:
    program = Program.model_validate(MINIMAL)
    assert program.family_program is None
    assert program.therapies.status("cbt") is None
    assert program.payment.plans.status("example-ppo-2026") is None
    assert program.schedule.weekend is None
    assert program.billing is None


def test_a_recorded_no_is_false_not_none() -> None:
    program = Program.model_validate({**MINIMAL, "family_program": "no", "therapies": "!*"})
    assert program.family_program is False
    assert program.therapies.status("cbt") is False


def test_a_therapy_outside_the_vocabulary_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValidationError) as caught:
        Program.model_validate({**MINIMAL, "therapies": "cbt;hypnosis"})
    assert "'hypnosis' is not a known option; expected one of cbt, contingency-management" in str(
        caught.value
    )


def test_meeting_days_and_days_per_week_must_agree() -> None:
    with pytest.raises(ValidationError, match="days_per_week is 3 but 2 meeting days are listed"):
        Program.model_validate(
            {**MINIMAL, "schedule": {"meeting_days": "Tue;Thu", "days_per_week": 3}}
        )


def test_verified_age_is_counted_to_the_date_given() -> None:
    program = Program.model_validate(MINIMAL)
    assert program.verified_days_ago(date(2026, 11, 27)) == 26


def test_a_distance_needs_a_zip_code() -> None:
    with pytest.raises(ValidationError, match="a travel distance needs the client's ZIP code"):
        ClientNeeds.model_validate({"needs": {"substance-use"}, "max_miles": 20})
