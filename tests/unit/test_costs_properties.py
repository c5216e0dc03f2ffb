"""The ledger's invariants (issue 3, item 5), on random plans, programs and schedules."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from carenav.costs import CostLedger, estimate
from carenav.costs.terms import plan_years
from carenav.errors import InputError
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import CommercialPlan, CoveragePlan, EstimateInputs
from tests.unit.costs_strategies import estimate_inputs, plans, programs
from tests.unit.costs_support import reference

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MONEY = (
    "charge",
    "allowed",
    "plan_pays",
    "deductible",
    "copay",
    "coinsurance",
    "not_covered",
    "balance_bill",
    "client_pays",
)


def _ledger(plan: CoveragePlan, billing: ProgramBilling, inputs: EstimateInputs) -> CostLedger:
    try:
        return estimate(plan, billing, inputs, reference())
    except InputError:
        assume(False)  # a program without the price this plan needs: refused, not estimated
        raise


def _years(plan: CoveragePlan, inputs: EstimateInputs) -> int:
    return len(plan_years(plan, inputs.start, inputs.start + timedelta(days=7 * inputs.weeks)))


@st.composite
def cases(
    draw: st.DrawFn, weeks: int | None = None, kinds: str = "all", network: str | None = None
) -> tuple[CoveragePlan, ProgramBilling, EstimateInputs]:
    plan = draw(plans(kinds))
    return plan, draw(programs()), draw(estimate_inputs(plan, weeks, network))


@SETTINGS
@given(cases())
def test_the_client_never_pays_less_than_zero(
    case: tuple[CoveragePlan, ProgramBilling, EstimateInputs],
) -> None:
    ledger = _ledger(*case)
    for row in ledger.rows:
        assert all(getattr(row, name) >= 0 for name in MONEY)


@SETTINGS
@given(cases())
def test_in_network_the_client_never_pays_more_than_the_allowed_amount(
    case: tuple[CoveragePlan, ProgramBilling, EstimateInputs],
) -> None:
    plan, billing, inputs = case
    assume(inputs.network == "in" or not isinstance(plan, CommercialPlan))
    ledger = _ledger(plan, billing, inputs)
    for row in ledger.rows:
        assert row.client_pays <= row.allowed


@SETTINGS
@given(cases(kinds="commercial", network="in"))
def test_in_network_cost_sharing_stops_at_the_out_of_pocket_maximum(
    case: tuple[CoveragePlan, ProgramBilling, EstimateInputs],
) -> None:
    plan, billing, inputs = case
    assert isinstance(plan, CommercialPlan)
    cap = plan.in_network.out_of_pocket_max
    assume(cap is not None)
    assert cap is not None
    ledger = _ledger(plan, billing, inputs)
    sharing = ledger.totals.deductible + ledger.totals.copay + ledger.totals.coinsurance
    room = cap - inputs.accumulators.out_of_pocket_met
    assert sharing <= room + cap * max(_years(plan, inputs) - 1, 0)


@SETTINGS
@given(cases())
def test_totals_equal_the_sum_of_the_rows_and_the_running_total_never_falls(
    case: tuple[CoveragePlan, ProgramBilling, EstimateInputs],
) -> None:
    ledger = _ledger(*case)
    for name in MONEY:
        assert getattr(ledger.totals, name) == sum(
            (getattr(r, name) for r in ledger.rows), Decimal(0)
        )
    running = [r.cumulative_client_pays for r in ledger.rows]
    assert running == sorted(running)
    assert not running or running[-1] == ledger.totals.client_pays
    for row in ledger.rows:
        parts = row.deductible + row.copay + row.coinsurance + row.not_covered + row.balance_bill
        assert row.client_pays == parts


@SETTINGS
@given(cases(), st.integers(1, 8))
def test_more_weeks_never_cost_less(
    case: tuple[CoveragePlan, ProgramBilling, EstimateInputs], extra: int
) -> None:
    plan, billing, inputs = case
    shorter = _ledger(plan, billing, inputs)
    longer = _ledger(plan, billing, inputs.model_copy(update={"weeks": inputs.weeks + extra}))
    assert longer.totals.client_pays >= shorter.totals.client_pays
    assert longer.rows[: len(shorter.rows)] == shorter.rows


@SETTINGS
@given(cases(kinds="commercial", network="in"))
def test_a_deductible_met_is_not_charged_again_in_the_same_plan_year(
    case: tuple[CoveragePlan, ProgramBilling, EstimateInputs],
) -> None:
    plan, billing, inputs = case
    assert isinstance(plan, CommercialPlan)
    tier = plan.in_network
    ledger = _ledger(plan, billing, inputs)
    left = tier.deductible - inputs.accumulators.deductible_met
    assert ledger.totals.deductible <= left + tier.deductible * max(_years(plan, inputs) - 1, 0)
    met = [e for e in ledger.events if e.kind == "deductible_met"]
    assert len(met) <= _years(plan, inputs)


@SETTINGS
@given(cases(weeks=0))
def test_zero_weeks_cost_nothing(case: tuple[CoveragePlan, ProgramBilling, EstimateInputs]) -> None:
    ledger = _ledger(*case)
    assert ledger.rows == []
    assert ledger.totals.client_pays == 0 and ledger.totals.units == 0


@SETTINGS
@given(cases(kinds="self_pay"))
def test_a_self_pay_client_pays_the_whole_price_and_no_plan_pays(
    case: tuple[CoveragePlan, ProgramBilling, EstimateInputs],
) -> None:
    ledger = _ledger(*case)
    assert ledger.totals.plan_pays == 0
    assert ledger.totals.client_pays == ledger.totals.allowed
