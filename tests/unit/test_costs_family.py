"""Family coverage: embedded and non-embedded family amounts, with the family's amounts met."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carenav.costs import estimate, estimate_totals, program_frame
from carenav.models.coverage import CommercialPlan
from tests.unit.costs_strategies import cents
from tests.unit.costs_support import inputs, plan, program, reference

FAMILY = "example-family-ppo-2026"


def test_the_ledger_says_the_family_deductible_binds() -> None:
    """$400 of the family's deductible is left, less than this person's $1,500: $3,560."""
    ledger = estimate(
        plan(FAMILY),
        program("450", plans=(FAMILY,)),
        inputs(coverage="family", accumulators={"family_deductible_met": 2600}),
        reference(),
    )
    assert ledger.client_total == Decimal("3560.00")
    bound = next(r for r in ledger.rules_applied if r.kind == "family_deductible")
    assert "$400 is left" in bound.text and "the family's deductible" in bound.text


def test_non_embedded_family_amounts_apply_to_the_one_person() -> None:
    """Aggregate: the whole $3,000 family deductible first (nothing met): 36 days at $450 =
    $16,200; $3,000 deductible (6 days + $300 of day 7), then 20%: day 7 $300 + $30,
    29 days x $90 = $2,610. $2,700 + $330 + $2,610 = $5,640, under the $10,000 maximum."""
    base = plan(FAMILY)
    assert isinstance(base, CommercialPlan)
    aggregate = base.model_copy(
        update={"in_network": base.in_network.model_copy(update={"family_embedded": False})}
    )
    ledger = estimate(
        aggregate, program("450", plans=(FAMILY,)), inputs(coverage="family"), reference()
    )
    assert ledger.client_total == Decimal("5640.00")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    family_met=cents(0, 300_000),
    family_oop_met=cents(0, 1_000_000),
    own_met=cents(0, 150_000),
    embedded=st.booleans(),
    rate=cents(1, 200_000),
    weeks=st.integers(0, 30),
)
def test_no_client_pays_more_than_the_familys_room_and_both_paths_agree(
    family_met: Decimal,
    family_oop_met: Decimal,
    own_met: Decimal,
    embedded: bool,
    rate: Decimal,
    weeks: int,
) -> None:
    base = plan(FAMILY)
    assert isinstance(base, CommercialPlan)
    chosen = base.model_copy(
        update={"in_network": base.in_network.model_copy(update={"family_embedded": embedded})}
    )
    given_inputs = inputs(
        start=date(2026, 3, 2),
        weeks=weeks,
        coverage="family",
        accumulators={
            "deductible_met": own_met,
            "family_deductible_met": family_met,
            "family_out_of_pocket_met": family_oop_met,
        },
    )
    billing = program(str(rate), plans=(FAMILY,))
    ledger = estimate(chosen, billing, given_inputs, reference())
    room = Decimal(10000) - family_oop_met
    assert ledger.client_total <= room + ledger.totals.not_covered + ledger.totals.balance_bill
    frame = program_frame({"p": billing}, chosen, given_inputs, reference())
    totals = estimate_totals(frame, chosen, given_inputs, reference())
    assert totals.loc[0, "client_cents"] == int(ledger.client_total * 100)
