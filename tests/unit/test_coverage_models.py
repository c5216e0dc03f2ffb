"""Coverage models refuse bad input with one exact, plain sentence per problem."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from carenav.catalog.payers import parse_plan
from carenav.errors import Problem
from carenav.models.billing import RateEntry, Weekday
from carenav.models.coverage import (
    Accumulators,
    CommercialPlan,
    CostSharing,
    EnteredPlan,
    EstimateInputs,
    Household,
    OutOfNetwork,
    UnitLimit,
)
from carenav.models.reference import SlidingScale

BASE: dict[str, Any] = {
    "id": "bad",
    "kind": "commercial",
    "name": "Bad plan",
    "plan_year_start": "2026-01-01",
    "in_network": {"deductible": 1500},
}
WHERE = "payers/bad.yaml, record bad"

PLAN_CASES = [
    (
        {"in_network": {"deductible": -5}},
        f"{WHERE}, field in_network.deductible: is below 0; expected 0 or more",
    ),
    (
        {"in_network": {"coinsurance": 20}},
        f"{WHERE}, field in_network.coinsurance: is more than 1; expected a share from 0 to 1 (0.2 is 20%)",
    ),
    (
        {"kind": "hmo"},
        f"{WHERE}, field kind: is not a kind of plan carenav knows; expected one of commercial, "
        "medicare_advantage, medicare_part_b, medicaid, self_pay",
    ),
    (
        {"out_of_network": {"allowed_percent_of_charge": 0.6, "allowed_per_unit": 100}},
        f"{WHERE}, field out_of_network: give exactly one of allowed_percent_of_charge and "
        "allowed_per_unit for the out-of-network allowed amount",
    ),
    (
        {"plan_year_start": "2028-02-29"},
        f"{WHERE}, field plan_year_start: a plan year cannot start on 29 February; use 1 March",
    ),
    (
        {
            "limits": [
                {"level": "2.1", "units_per_plan_year": 30},
                {"level": "2.1", "units_per_plan_year": 20},
            ]
        },
        f"{WHERE}, field limits: a level has two limits; give each level one",
    ),
    (
        {"prior_authorization": ["IOP"]},
        f"{WHERE}, field prior_authorization[0]: is not a level code; expected an ASAM level such as "
        "2.1 (IOP) or 2.5 (PHP)",
    ),
    ({"deductable": 5}, f"{WHERE}, field deductable: is not a known field"),
    (
        {"in_network": {"deductible": "lots"}},
        f"{WHERE}, field in_network.deductible: is not an amount; expected an amount "
        "such as 1500 or 12.50",
    ),
    (
        {"id": "bad", "kind": "medicaid", "name": "Medicaid", "state": "New York"},
        f"{WHERE}, field state: is not a state code; expected two capital letters such as NY",
    ),
    (
        {"id": "bad", "kind": "medicare_part_b", "name": "Medicare", "medigap": "C"},
        f"{WHERE}, field medigap: Input should be 'none', 'F' or 'G'",
    ),
]


@pytest.mark.parametrize(("change", "expected"), PLAN_CASES)
def test_a_bad_plan_gives_one_exact_problem(change: dict[str, Any], expected: str) -> None:
    data = copy.deepcopy(BASE)
    if change.get("kind") in {"medicaid", "medicare_part_b"}:
        data = {}
    data.update(change)
    problems: list[Problem] = []

    assert parse_plan(data, "payers/bad.yaml", problems) is None
    assert [str(p) for p in problems] == [expected]


def test_a_good_plan_reads_its_kind() -> None:
    problems: list[Problem] = []
    plan = parse_plan(BASE, "payers/good.yaml", problems)
    assert isinstance(plan, CommercialPlan) and not problems
    assert plan.out_of_network is None and plan.in_network.out_of_pocket_max is None


@pytest.mark.parametrize(
    ("model", "data", "messages"),
    [
        (
            Household,
            {"size": 0, "annual_income": 100},
            ["Input should be greater than or equal to 1"],
        ),
        (
            Household,
            {"size": 2, "annual_income": -1},
            ["Input should be greater than or equal to 0"],
        ),
        (
            Household,
            {"size": 2, "annual_income": 1, "region": "guam"},
            ["Input should be 'contiguous', 'alaska' or 'hawaii'"],
        ),
        (Accumulators, {"deductible_met": "-1"}, ["Input should be greater than or equal to 0"]),
        (
            EstimateInputs,
            {"start": "2026-01-01", "weeks": 105},
            ["Input should be less than or equal to 104"],
        ),
        (
            EstimateInputs,
            {"start": "2026-01-01", "weeks": 3, "network": "maybe"},
            ["Input should be 'in' or 'out'"],
        ),
        (
            SlidingScale,
            {
                "id": "s",
                "title": "Scale",
                "source": {"title": "A source"},
                "tiers": [
                    {"up_to_percent_of_poverty": 200, "pays": 0.5},
                    {"up_to_percent_of_poverty": 100, "pays": 0.1},
                    {"pays": 1},
                ],
            },
            [
                "Value error, tiers must be listed from lowest to highest percent of poverty, each once"
            ],
        ),
        (
            SlidingScale,
            {
                "id": "s",
                "title": "Scale",
                "source": {"title": "A source"},
                "tiers": [{"up_to_percent_of_poverty": 200, "pays": 0.5}],
            },
            [
                "Value error, the last tier needs no up_to_percent_of_poverty, so it covers every income"
            ],
        ),
    ],
)
def test_bad_inputs_are_refused_with_their_message(
    model: type[Any], data: dict[str, Any], messages: list[str]
) -> None:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    assert [e["msg"] for e in raised.value.errors()] == messages


# -- a plan and a program typed in by the navigator ---------------------------------------

ENTERED: dict[str, Any] = {"plan_year_start": "2026-01-01", "deductible": "1500"}


def test_a_typed_in_plan_becomes_the_engines_plan_with_limit_approval_and_tier() -> None:
    entered = EnteredPlan.model_validate(
        {
            **ENTERED,
            "limit_per_plan_year": 10,
            "prior_authorization": True,
            "out_of_network_benefit": True,
            "out_of_network_deductible": "3000",
            "out_of_network_coinsurance": "0.4",
            "out_of_network_out_of_pocket_max": "10000",
            "out_of_network_allowed_percent_of_charge": "0.6",
        }
    )
    plan = entered.to_plan("2.5", "session")
    assert plan.in_network == CostSharing(deductible=Decimal(1500))
    assert plan.limits == [UnitLimit(level="2.5", units_per_plan_year=10, unit="session")]
    assert plan.prior_authorization == ["2.5"]
    assert plan.out_of_network == OutOfNetwork(
        deductible=Decimal(3000),
        coinsurance=Decimal("0.4"),
        out_of_pocket_max=Decimal(10000),
        allowed_percent_of_charge=Decimal("0.6"),
    )


def test_a_typed_in_plan_with_nothing_extra_is_in_network_only_without_limits() -> None:
    plan = EnteredPlan.model_validate(
        {**ENTERED, "out_of_network_deductible": "3000"}  # ignored: no benefit ticked
    ).to_plan("2.1")
    assert plan.out_of_network is None and plan.limits == [] and plan.prior_authorization == []


@pytest.mark.parametrize(
    ("model", "data", "where", "message"),
    [
        (
            EnteredPlan,
            {**ENTERED, "out_of_network_deductible": "-1"},
            ("out_of_network_deductible",),
            "Input should be greater than or equal to 0",
        ),
        (
            EnteredPlan,
            {**ENTERED, "out_of_network_coinsurance": "40"},
            ("out_of_network_coinsurance",),
            "Input should be less than or equal to 1",
        ),
        (
            EnteredPlan,
            {**ENTERED, "limit_per_plan_year": 400},
            ("limit_per_plan_year",),
            "Input should be less than or equal to 366",
        ),
        (
            EnteredPlan,
            {**ENTERED, "out_of_network_benefit": True},
            ("out_of_network_allowed_percent_of_charge",),
            "Value error, Give the share of the charge the plan allows out of network, "
            "such as 0.6 for 60%.",
        ),
        (
            RateEntry,
            {"rate": "450", "meeting_days": []},
            ("meeting_days",),
            "Value error, Tick at least one day the program meets.",
        ),
        (
            RateEntry,
            {"rate": "450", "meeting_days": ["Tue", "Tue"]},
            ("meeting_days",),
            "Value error, A meeting day is listed twice; list each day once.",
        ),
        (
            RateEntry,
            {"rate": "450", "meeting_days": ["Tue", "Funday"]},
            ("meeting_days", 1),
            "Input should be 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat' or 'Sun'",
        ),
    ],
)
def test_a_bad_typed_in_value_is_refused_at_its_field(
    model: type[Any], data: dict[str, Any], where: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    assert [(e["loc"], e["msg"]) for e in raised.value.errors()] == [(where, message)]


def test_a_typed_in_program_meets_on_the_days_chosen_in_week_order() -> None:
    entry = RateEntry.model_validate({"rate": "450", "meeting_days": ["Thu", "Tue"]})
    assert entry.days_per_week == 2
    assert entry.billing("p").meeting_days == [Weekday.TUE, Weekday.THU]
