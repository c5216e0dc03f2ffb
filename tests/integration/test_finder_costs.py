"""Estimated cost per program from the directory frame equals the cost engine's ledger, to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from carenav import catalog
from carenav.costs import estimate
from carenav.matching import find_programs
from carenav.matching.costs import estimated_costs
from carenav.models import ClientNeeds
from carenav.models.coverage import EstimateInputs, Household
from tests.unit.programs_support import RANKING

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def loaded() -> catalog.Catalog:
    return catalog.load()


@pytest.mark.parametrize(
    "plan_id", ["example-ppo-2026", "example-copay-2026", "medicare-part-b-2026", "self-pay"]
)
def test_directory_totals_equal_the_ledgers(loaded: catalog.Catalog, plan_id: str) -> None:
    plan = loaded.payers[plan_id]
    household = Household(size=2, annual_income=Decimal(30000)) if plan_id == "self-pay" else None
    inputs = EstimateInputs(start=date(2026, 11, 2), weeks=12, household=household)
    totals = estimated_costs(loaded.programs.frame, plan, inputs, loaded.reference).set_index(
        "program_id"
    )
    checked = 0
    for program in loaded.programs.programs:
        cents = totals.loc[program.id, "client_cents"]
        if program.billing is None or pd.isna(cents):
            continue
        ledger = estimate(plan, program.billing, inputs, loaded.reference)
        assert Decimal(int(cents)) / 100 == ledger.totals.client_pays, program.id
        checked += 1
    assert checked >= 10


def test_results_can_be_ranked_by_estimated_cost(loaded: catalog.Catalog) -> None:
    plan = loaded.payers["example-ppo-2026"]
    inputs = EstimateInputs(start=date(2026, 12, 7), weeks=8)
    costs = estimated_costs(loaded.programs.frame, plan, inputs, loaded.reference)
    needs = ClientNeeds(needs={"substance-use"}, plan="example-ppo-2026")
    matches = find_programs(
        needs,
        loaded.programs.frame,
        ranking=RANKING,
        today=TODAY,
        sort_by="cost",
        estimated_cost_cents=costs["client_cents"],
    )
    known = matches.results["estimated_cost_cents"].dropna().tolist()
    assert known == sorted(known) and len(known) >= 3
