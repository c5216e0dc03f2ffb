"""Up to four programs side by side, with the rows that differ flagged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from carenav import catalog as catalog_module
from carenav.compare import compare
from carenav.errors import InputError
from carenav.models import Program

TODAY = date(2026, 11, 27)


def _program(program_id: str, **extra: object) -> Program:
    data = {
        "id": program_id,
        "name": f"Program {program_id}",
        "organization": "Test Organization",
        "verified_on": "2026-11-17",
        "source": "unit test",
        "address": {"city": "Portland", "state": "OR", "zip": "97205"},
        "phone": "503-555-0100",
        "levels": "2.1",
    }
    return Program.model_validate({**data, **extra})


def test_programs_are_columns_and_attributes_are_rows() -> None:
    table = compare([_program("a", family_program="yes"), _program("b")], today=TODAY)
    assert list(table.columns) == ["Program a", "Program b", "differs"]
    assert table.loc["Family program"].tolist() == ["yes", "not recorded", True]
    assert table.loc["Levels of care"].tolist() == ["2.1", "2.1", False]
    assert table.loc["Record verified", "Program a"] == "10 days ago (unit test)"


def test_options_read_as_words_with_recorded_noes() -> None:
    table = compare(
        [_program("a", therapies="cbt;!matrix-model"), _program("b", therapies="dbt;!*")],
        today=TODAY,
    )
    assert table.loc["Therapies"].tolist()[:2] == [
        "CBT; not the Matrix Model; others not recorded",
        "DBT; nothing else",
    ]


def test_distance_and_estimated_cost_rows_appear_when_given() -> None:
    table = compare(
        [_program("a"), _program("b")],
        today=TODAY,
        miles={"a": 3.2, "b": 12.0},
        estimated_cost={"a": Decimal("1234.5"), "b": None},
    )
    assert table.loc["Distance"].tolist()[:2] == ["3 miles", "12 miles"]
    assert table.loc["Estimated cost to the client"].tolist()[:2] == ["$1,234.50", "not recorded"]


def test_one_mile_and_one_day_read_in_the_singular() -> None:
    table = compare(
        [_program("a", wait_days=1), _program("b", wait_days=3)],
        today=TODAY,
        miles={"a": 1.2, "b": 0.4},
    )
    assert table.loc["Distance"].tolist()[:2] == ["1 mile", "less than 1 mile"]
    assert table.loc["Typical wait"].tolist()[:2] == ["1 day", "3 days"]


@pytest.mark.parametrize("count", [0, 5])
def test_a_shortlist_of_none_or_more_than_four_is_refused(count: int) -> None:
    with pytest.raises(InputError):
        compare([_program(f"p{i}") for i in range(count)], today=TODAY)


def test_medicaid_states_are_codes_and_plans_are_named_as_the_client_knows_them() -> None:
    loaded = catalog_module.load(sections=("programs", "payers"))
    with_medicaid = [p for p in loaded.programs.programs if p.payment.medicaid_states.offered][:1]
    with_plan = [
        p for p in loaded.programs.programs if "example-ppo-2026" in p.payment.plans.offered
    ][:1]
    table = compare(
        [*with_medicaid, *with_plan], today=date(2026, 11, 27), plan_names=loaded.plan_names()
    )
    medicaid = " ".join(table.loc["Medicaid (states)"].astype(str))
    assert "OTHERS" not in medicaid and "NOTHING" not in medicaid
    assert "Example PPO 2026" in " ".join(table.loc["Plans accepted"].astype(str))
