"""The one translator from pydantic's errors to carenav's words, pinned message by message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from carenav.errors import InputError, Problem, explain_all, input_error, problems_from_validation
from carenav.models.client import ClientNeeds
from carenav.models.coverage import CostSharing, EstimateInputs, UnitLimit
from carenav.models.program import Program

# (model, data, field path, what was wrong, what was expected, sentence beside a form field)
CASES: list[tuple[Any, dict[str, Any], str, str, str | None, str]] = [
    (
        CostSharing,
        {"deductible": "-5"},
        "deductible",
        "is below 0",
        "0 or more",
        "Must be 0 or more.",
    ),
    (
        CostSharing,
        {"coinsurance": "1.5"},
        "coinsurance",
        "is above 1",
        "1 or less",
        "Must be 1 or less.",
    ),
    (
        CostSharing,
        {"deductible": "lots"},
        "deductible",
        "is not an amount",
        "an amount such as 1500 or 12.50",
        "Must be a number, like 1500 or 12.50.",
    ),
    (
        CostSharing,
        {"deductible": None},
        "deductible",
        "is empty",
        "an amount such as 1500 or 12.50",
        "Please fill this in.",
    ),
    (
        CostSharing,
        {"deductible": "99999999999"},
        "deductible",
        "has too many digits",
        "an amount under 10 billion with at most 2 decimal places",
        "Has too many digits; expected an amount under 10 billion with at most 2 decimal places.",
    ),
    (
        CostSharing,
        {"deductible": "12.345"},
        "deductible",
        "has too many decimal places",
        "at most 2",
        "Has too many decimal places; expected at most 2.",
    ),
    (
        CostSharing,
        {"surprise": 1},
        "surprise",
        "is not a known field",
        None,
        "Is not a known field.",
    ),
    (
        CostSharing,
        {"copay_before_deductible": "perhaps"},
        "copay_before_deductible",
        "Input should be a valid boolean, unable to interpret input",
        "true or false",
        "Input should be a valid boolean, unable to interpret input; expected true or false.",
    ),
    (
        UnitLimit,
        {"level": "2.1", "units_per_plan_year": 30, "unit": "day", "extra": 1},
        "extra",
        "is not a known field",
        None,
        "Is not a known field.",
    ),
    (
        UnitLimit,
        {"units_per_plan_year": 30, "unit": "day"},
        "level",
        "is missing",
        "a value",
        "Please fill this in.",
    ),
    (
        UnitLimit,
        {"level": "two", "units_per_plan_year": 30, "unit": "day"},
        "level",
        "is not a level code",
        "an ASAM level such as 2.1 (IOP) or 2.5 (PHP)",
        "Is not a level code; expected an ASAM level such as 2.1 (IOP) or 2.5 (PHP).",
    ),
    (
        ClientNeeds,
        {"needs": ["substance-use"], "zip": "9720"},
        "zip",
        "is not a five-digit ZIP code",
        "five digits such as 97205",
        "Is not a five-digit ZIP code; expected five digits such as 97205.",
    ),
    (
        ClientNeeds,
        {"needs": ["substance-use"], "medicaid_state": "ny"},
        "medicaid_state",
        "is not a state code",
        "two capital letters such as NY",
        "Is not a state code; expected two capital letters such as NY.",
    ),
    (
        ClientNeeds,
        {"needs": ["substance-use"], "plan": "Example PPO"},
        "plan",
        "is not an id",
        "lowercase letters, digits and dashes, such as example-ppo-2026",
        "Is not an id; expected lowercase letters, digits and dashes, such as example-ppo-2026.",
    ),
    (
        ClientNeeds,
        {"needs": []},
        "needs",
        "is empty",
        "at least one",
        "Is empty; expected at least one.",
    ),
    (
        ClientNeeds,
        {"needs": ["substance-use"], "max_miles": 0, "zip": "97205"},
        "max_miles",
        "is not more than 0",
        "more than 0",
        "Must be more than 0.",
    ),
    (
        ClientNeeds,
        {"needs": ["substance-use"], "max_miles": 25},
        "",
        "a travel distance needs the client's ZIP code",
        None,
        "A travel distance needs the client's ZIP code.",
    ),
    (
        EstimateInputs,
        {"start": "2026-02-30", "weeks": 4},
        "start",
        "is not a real date",
        "a date as YYYY-MM-DD",
        "Is not a real date; expected a date as YYYY-MM-DD.",
    ),
    (
        EstimateInputs,
        {"start": date(2026, 3, 2), "weeks": 105},
        "weeks",
        "is above 104",
        "104 or less",
        "Must be 104 or less.",
    ),
    (
        EstimateInputs,
        {"start": date(2026, 3, 2), "weeks": "9" * 5000},
        "weeks",
        "is far too large",
        "a whole number of sensible size",
        "Must be a number, like 1500 or 12.50.",
    ),
]


@pytest.mark.parametrize(("model", "data", "field", "message", "expected", "sentence"), CASES)
def test_each_kind_of_mistake_reads_the_same_in_a_file_a_form_and_the_command_line(
    model: Any,
    data: dict[str, Any],
    field: str,
    message: str,
    expected: str | None,
    sentence: str,
) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    problem = problems_from_validation(caught.value, "payers/plan.yaml", "plan-1")[0]
    assert problem == Problem("payers/plan.yaml", "plan-1", field or None, message, expected)
    assert explain_all(caught.value)[0].sentence() == sentence
    line = str(input_error(caught.value))
    assert line == str(InputError(field.replace("_", " ") or "input", message, expected))


def test_no_message_ever_shows_a_regular_expression() -> None:
    for model, data, *_ in CASES:
        with pytest.raises(ValidationError) as caught:
            model.model_validate(data)
        for explained in explain_all(caught.value):
            for text in (explained.message, explained.expected or "", explained.sentence()):
                assert "^" not in text and "\\d" not in text and "pattern" not in text


def test_a_pattern_nobody_described_still_reads_as_words() -> None:
    row = {"id": "p", "name": "A program", "website": "not a web address"}
    with pytest.raises(ValidationError) as caught:
        Program.model_validate(row)
    words = [e for e in explain_all(caught.value) if e.loc == ("website",)]
    assert words and words[0].message == "is not a web address"
    assert words[0].expected == "an address starting with https://"


def test_a_command_line_names_the_option_it_came_from() -> None:
    with pytest.raises(ValidationError) as caught:
        CostSharing.model_validate({"out_of_pocket_max": Decimal(-1)})
    error = input_error(caught.value, lambda loc: "--" + str(loc[0]).replace("_", "-"))
    assert str(error) == "--out-of-pocket-max: is below 0; expected 0 or more"
