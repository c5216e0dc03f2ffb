"""Vectorized totals equal the per-program ledgers to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carenav.catalog import bundled_data_dir
from carenav.catalog.program_directory import load_directory
from carenav.costs import estimate
from carenav.costs.vectorized import estimate_totals, program_frame, weekday_mask
from carenav.errors import InputError, Problem
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import CoveragePlan, EstimateInputs
from tests.unit.costs_strategies import estimate_inputs, plans, programs
from tests.unit.costs_support import bundled, inputs, plan, program, reference


def _ledger_cents(
    plan_: CoveragePlan, billing: ProgramBilling, given: EstimateInputs
) -> int | None:
    try:
        ledger = estimate(plan_, billing, given, reference())
    except InputError:
        return None
    return int(ledger.totals.client_pays * 100)


def _assert_equal(
    plan_: CoveragePlan,
    billings: dict[str, ProgramBilling],
    given: EstimateInputs,
    levels: dict[str, str] | None = None,
) -> pd.DataFrame:
    frame = program_frame(billings, plan_, given, reference(), levels)
    totals = estimate_totals(frame, plan_, given, reference())
    for position, (program_id, billing) in enumerate(billings.items()):
        level = (levels or {}).get(program_id, given.level)
        expected = _ledger_cents(plan_, billing, given.model_copy(update={"level": level}))
        got = totals["client_cents"].iloc[position]
        if expected is None:
            assert got is pd.NA and totals["missing"].iloc[position]
        else:
            assert got == expected, (program_id, got, expected)
    return totals


def test_the_readme_example_is_444000_cents_in_both_paths() -> None:
    totals = _assert_equal(plan("example-ppo-2026"), {"p": program()}, inputs())
    assert totals.loc[0, "client_cents"] == 444_000
    assert totals.loc[0, "units"] == 36
    assert totals.loc[0, "plan_pays_cents"] == 1_176_000


@pytest.mark.parametrize("plan_id", sorted(bundled()[1]))
@pytest.mark.parametrize("network", ["in", "out"])
@pytest.mark.parametrize(
    ("start", "weeks"), [(date(2026, 3, 2), 12), (date(2026, 11, 20), 20), (date(2025, 6, 1), 60)]
)
def test_fixed_programs_match_under_every_sample_plan(
    plan_id: str, network: str, start: date, weeks: int
) -> None:
    billings = {
        "iop": program(charge="600", cash="300"),
        "odd-cents": program(rate="123.45", days="Tue,Thu", charge="200.01"),
        "cheap": program(rate="20", days="Mon,Tue,Wed,Thu,Fri,Sat", charge="20"),
        "no-rate": program(rate=None, charge="99.99"),
        "own-scale": program(
            rate=None,
            cash="99.99",
            sliding_scale=[{"up_to_percent_of_poverty": 300, "pays": "0.333"}, {"pays": 1}],
        ),
    }
    given = inputs(
        start=start, weeks=weeks, network=network, household={"size": 3, "annual_income": 40000}
    )
    _assert_equal(plan(plan_id), billings, given)


def test_a_missing_price_gives_na_and_says_why() -> None:
    totals = _assert_equal(plan("example-ppo-2026"), {"a": program(rate=None)}, inputs())
    assert totals.loc[0, "missing"] == "no rate for the plan 'example-ppo-2026'"


def test_the_day_limit_follows_each_programs_level() -> None:
    billings = {"iop": program(), "php": program(days="Mon,Tue,Wed,Thu,Fri")}
    _assert_equal(
        plan("example-copay-2026"), billings, inputs(weeks=20), {"iop": "2.1", "php": "2.5"}
    )


def test_a_frame_without_the_documented_columns_is_refused() -> None:
    with pytest.raises(InputError, match="lacks the column"):
        estimate_totals(
            pd.DataFrame({"program_id": ["x"]}), plan("self-pay"), inputs(), reference()
        )


def test_weekday_mask_sets_one_bit_per_meeting_day() -> None:
    assert weekday_mask(program(days="Mon,Wed,Fri")) == 0b10101


def test_the_sample_directory_matches_its_ledgers() -> None:
    problems: list[Problem] = []
    directory = load_directory(bundled_data_dir(), problems)
    assert directory is not None and not problems
    billed = {p.id: p for p in directory.programs if p.billing is not None}
    assert billed, "the sample directory should have programs with billing facts"
    billings = {pid: p.billing for pid, p in billed.items() if p.billing is not None}
    levels = {
        pid: next((c for c in ("2.1", "2.5") if c in p.levels), p.levels[0])
        for pid, p in billed.items()
    }
    for plan_id in sorted(bundled()[1]):
        for network in ("in", "out"):
            given = inputs(network=network, weeks=16, household={"size": 2, "annual_income": 30000})
            _assert_equal(plan(plan_id), billings, given, levels)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_programs_match_their_ledgers_to_the_cent(data: st.DataObject) -> None:
    plan_ = data.draw(plans())
    billings = {
        f"p{i}": billing
        for i, billing in enumerate(data.draw(st.lists(programs(), min_size=1, max_size=6)))
    }
    given = data.draw(estimate_inputs(plan_))
    _assert_equal(plan_, billings, given)


def test_totals_are_whole_cents_in_int64() -> None:
    totals = _assert_equal(plan("example-ppo-2026"), {"p": program(rate="0.05")}, inputs())
    assert str(totals["client_cents"].dtype) == "Int64"
    assert Decimal(int(totals.loc[0, "client_cents"])) == Decimal("180")
