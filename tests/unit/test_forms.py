"""Forms made from models: labels and bounds come from the model; bad values are shown beside the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from carenav.models.base import Money, StrictModel
from carenav.ui.forms import ModelForm


class _Plan(StrictModel):
    deductible: Money = Field(
        title="Deductible", description="What the client pays before the plan shares costs"
    )
    visits: int = Field(default=10, ge=0, le=365, description="Visits a year")
    network: Literal["in", "out"] = "in"


def test_each_field_gets_a_linked_label_and_its_description_from_the_model() -> None:
    form = ModelForm(_Plan, ["deductible", "visits"])
    assert form.inputs["deductible"].control.description == "Deductible"  # a <label for=...>
    assert "before the plan shares costs" in form.inputs["deductible"].help_text
    assert "from 0 to 365" in form.inputs["visits"].help_text


def test_a_negative_deductible_is_shown_beside_the_field_and_gives_no_value() -> None:
    form = ModelForm(_Plan, ["deductible", "visits"])
    form.inputs["deductible"].control.value = "-5"
    assert form.value is None
    assert "Must be 0 or more." in form.inputs["deductible"].error_text
    assert form.inputs["visits"].error_text == ""


def test_a_word_typed_as_money_asks_for_a_number() -> None:
    form = ModelForm(_Plan, ["deductible"])
    form.inputs["deductible"].control.value = "lots"
    assert form.value is None
    assert "Must be a number" in form.inputs["deductible"].error_text


def test_money_typed_with_a_dollar_sign_and_commas_is_read_exactly() -> None:
    seen: list[_Plan] = []
    form = ModelForm(_Plan, ["deductible"], on_valid=seen.append)
    form.inputs["deductible"].control.value = "$1,500.10"
    assert form.value is not None and form.value.deductible == Decimal("1500.10")
    assert seen and seen[-1].deductible == Decimal("1500.10")


def test_an_empty_required_field_asks_to_be_filled_in() -> None:
    form = ModelForm(_Plan, ["deductible"])
    assert form.value is None
    assert "Please fill this in." in form.inputs["deductible"].error_text


def test_a_choice_the_browser_made_up_is_refused_by_the_model() -> None:
    form = ModelForm(_Plan, ["deductible", "network"])
    form.inputs["deductible"].control.value = "100"
    form.inputs["network"].control.options = [
        ("in", "in"),
        ("out", "out"),
        ("elsewhere", "elsewhere"),
    ]
    form.inputs["network"].control.value = "elsewhere"
    assert form.value is None
    assert form.inputs["network"].error_text != ""


class _Note(StrictModel):
    notes: str = Field(default="", max_length=2000, title="Notes")


def test_an_empty_note_is_no_error_it_is_the_models_empty_default() -> None:
    # Shown at load, "Please fill this in." beside an optional note left every page in error.
    form = ModelForm(_Note, ["notes"])
    assert form.inputs["notes"].error_text == ""
    assert form.value == _Note(notes="")


def test_a_note_keeps_its_commas_and_dollar_signs() -> None:
    form = ModelForm(_Note, ["notes"])
    form.inputs["notes"].control.value = "$40 copay, evenings, Spanish"
    assert form.value == _Note(notes="$40 copay, evenings, Spanish")


class _Rate(StrictModel):
    rate: Money = Field(ge=0, le=1_000_000, title="Rate", description="The allowed amount")


def test_a_large_bound_is_written_in_digits_not_as_an_exponent() -> None:
    form = ModelForm(_Rate, ["rate"])
    assert form.inputs["rate"].help_text == "The allowed amount (from 0 to 1,000,000)"
