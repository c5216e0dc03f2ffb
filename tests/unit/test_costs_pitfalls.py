"""One test per mistake public out-of-pocket calculators are known to make."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from carenav.costs import estimate
from tests.unit.costs_support import inputs, plan, program, reference

D = Decimal


def test_a_claim_smaller_than_the_deductible_is_charged_only_its_own_amount() -> None:
    # Pitfall: charging the whole remaining deductible on a smaller claim.
    ledger = estimate(
        plan("example-ppo-2026"), program(rate="100", days="Mon"), inputs(weeks=1), reference()
    )
    assert ledger.totals.client_pays == D("100.00")


def test_the_out_of_pocket_maximum_is_a_running_total_not_a_per_claim_cap() -> None:
    # Pitfall: applying the maximum per claim. 15 days at $2,000 cross $5,000 once, on day 10.
    ledger = estimate(plan("example-ppo-2026"), program(rate="2000"), inputs(weeks=5), reference())
    assert ledger.totals.deductible + ledger.totals.coinsurance == D("5000.00")
    assert [e.kind for e in ledger.events].count("out_of_pocket_max_reached") == 1
    assert ledger.rows[-1].client_pays == 0


def test_an_episode_crossing_the_plan_year_pays_the_new_deductible() -> None:
    # Pitfall: ignoring the plan-year boundary inside an episode.
    ledger = estimate(
        plan("example-ppo-2026"), program(), inputs(start=date(2026, 11, 2), weeks=12), reference()
    )
    assert ledger.totals.deductible == D("3000.00")
    assert any(e.kind == "plan_year_reset" and e.on == date(2027, 1, 1) for e in ledger.events)


def test_a_balance_bill_does_not_count_toward_the_maximum() -> None:
    # Pitfall: counting balance bills toward the maximum. Out of network the $10,000
    # maximum caps cost sharing; the balance bill keeps coming.
    ledger = estimate(
        plan("example-ppo-2026"),
        program(charge="5000"),
        inputs(network="out", weeks=10),
        reference(),
    )
    sharing = ledger.totals.deductible + ledger.totals.coinsurance
    assert sharing == D("10000.00")
    assert ledger.totals.balance_bill == 30 * D("2000.00")
    assert ledger.rows[-1].client_pays == 3 * D("2000.00")


def test_the_in_network_price_is_not_what_the_client_pays() -> None:
    # Pitfall: treating the in-network price (plan share plus client share) as the client's cost.
    ledger = estimate(plan("example-ppo-2026"), program(), inputs(), reference())
    assert ledger.totals.client_pays < ledger.totals.allowed
    assert ledger.totals.client_pays + ledger.totals.plan_pays == ledger.totals.allowed
