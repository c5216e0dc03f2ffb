"""The week-by-week ledger on fixed cases a person can check by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from carenav.costs import estimate
from carenav.errors import InputError
from carenav.models.coverage import MedicaidPlan, OriginalMedicarePlan, SelfPayPlan
from tests.unit.costs_support import inputs, plan, program, reference

D = Decimal


def test_the_readme_check_ppo_at_450_three_days_a_week_for_12_weeks() -> None:
    ledger = estimate(plan("example-ppo-2026"), program(), inputs(), reference())

    totals = ledger.totals
    assert totals.units == 36
    assert totals.allowed == D("16200.00")
    assert totals.deductible == D("1500.00")
    # Day 4 pays the last $150 of the deductible, then 20% of $300; 32 more days at $90.
    assert totals.coinsurance == D("60.00") + 32 * D("90.00")
    assert totals.client_pays == D("4440.00")
    assert totals.plan_pays == D("11760.00")
    assert [r.client_pays for r in ledger.rows[:3]] == [D("1350.00"), D("390.00"), D("270.00")]
    assert ledger.rows[-1].cumulative_client_pays == D("4440.00")


def test_the_deductible_event_names_week_2_and_prior_authorization_comes_before_day_1() -> None:
    ledger = estimate(plan("example-ppo-2026"), program(), inputs(), reference())

    kinds = [(e.kind, e.week) for e in ledger.events]
    assert kinds == [("prior_authorization", None), ("deductible_met", 2)]
    assert "Mon 09 Mar 2026" in ledger.events[1].text


def test_the_copay_plan_stops_paying_after_its_30_iop_days() -> None:
    ledger = estimate(plan("example-copay-2026"), program(), inputs(), reference())

    # $450 + ($50 deductible + $60) + 28 x $60 covered; days 31-36 at the $450 rate.
    assert ledger.totals.deductible == D("500.00")
    assert ledger.totals.copay == D("60.00") * 29
    assert ledger.totals.not_covered == D("450.00") * 6
    assert ledger.totals.client_pays == D("4940.00")
    limit = [e for e in ledger.events if e.kind == "limit_reached"]
    assert len(limit) == 1 and limit[0].week == 11
    assert "parity" in limit[0].text


def test_days_already_used_bring_the_limit_forward() -> None:
    ledger = estimate(
        plan("example-copay-2026"),
        program(),
        inputs(accumulators={"deductible_met": 500, "days_used": 29}),
        reference(),
    )
    assert ledger.rows[0].copay == D("60.00")
    assert ledger.rows[0].not_covered == D("900.00")
    assert [e.week for e in ledger.events if e.kind == "limit_reached"] == [1]


def test_out_of_network_allows_60_percent_and_the_balance_bill_is_extra() -> None:
    ledger = estimate(
        plan("example-ppo-2026"), program(charge="500"), inputs(network="out"), reference()
    )
    # Allowed $300 a day; 10 days meet the $3,000 deductible; then 40% of $300 = $120.
    assert ledger.rows[0].allowed == D("900.00")
    assert ledger.totals.balance_bill == 36 * D("200.00")
    assert ledger.totals.deductible == D("3000.00")
    assert ledger.totals.coinsurance == 26 * D("120.00")
    assert ledger.totals.client_pays == D("3000.00") + D("3120.00") + D("7200.00")


def test_a_plan_without_out_of_network_benefit_leaves_the_whole_charge() -> None:
    ledger = estimate(
        plan("example-copay-2026"), program(charge="500"), inputs(network="out"), reference()
    )
    assert ledger.totals.not_covered == ledger.totals.client_pays == 36 * D("500.00")
    assert ledger.totals.plan_pays == 0


def test_original_medicare_charges_the_2026_deductible_then_20_percent() -> None:
    ledger = estimate(plan("medicare-part-b-2026"), program(), inputs(), reference())
    assert ledger.totals.deductible == D("283.00")
    assert ledger.totals.client_pays == D("283.00") + (D("16200") - 283) * D("0.2")
    assert "Medicare Part B 2026" in ledger.data_version.parameters


def test_medicare_uses_each_service_years_deductible() -> None:
    ledger = estimate(
        plan("medicare-part-b-2026"),
        program(),
        inputs(start=date(2025, 12, 15), weeks=4),
        reference(),
    )
    assert ledger.totals.deductible == D("257.00") + D("283.00")
    assert [e.kind for e in ledger.events].count("plan_year_reset") == 1


@pytest.mark.parametrize(("medigap", "client"), [("G", D("283.00")), ("F", D("0.00"))])
def test_medigap_g_leaves_the_deductible_and_f_leaves_nothing(
    medigap: str, client: Decimal
) -> None:
    base = plan("medicare-part-b-2026")
    assert isinstance(base, OriginalMedicarePlan)
    with_gap = base.model_copy(update={"medigap": medigap})
    ledger = estimate(with_gap, program(), inputs(), reference())
    assert ledger.totals.client_pays == client
    assert ledger.totals.plan_pays == D("16200.00") - client


def test_medicaid_defaults_to_no_copay_and_says_to_check_the_state_plan() -> None:
    ledger = estimate(plan("medicaid-ny-example"), program(), inputs(), reference())
    assert ledger.totals.client_pays == 0
    assert any("check the state plan" in text for text in ledger.assumptions)


def test_a_medicaid_copay_above_the_federal_ceiling_is_flagged() -> None:
    base = plan("medicaid-ny-example")
    assert isinstance(base, MedicaidPlan)
    costly = base.model_copy(update={"copay_per_unit": D("10")})
    ledger = estimate(
        costly, program(), inputs(household={"size": 1, "annual_income": 12000}), reference()
    )
    assert "medicaid_ceiling" in [e.kind for e in ledger.events]


@pytest.mark.parametrize(
    ("income", "pays"),
    [
        (15960, D("0.10")),
        (15961, D("0.25")),
        (23940, D("0.25")),
        (31920, D("0.50")),
        (31921, D("1")),
    ],
)
def test_the_default_sliding_scale_tiers_are_inclusive_at_their_bounds(
    income: int, pays: Decimal
) -> None:
    ledger = estimate(
        plan("self-pay"),
        program(rate=None, cash="200"),
        inputs(weeks=1, household={"size": 1, "annual_income": income}),
        reference(),
    )
    assert ledger.totals.client_pays == 3 * (D("200") * pays).quantize(D("0.01"))


def test_a_self_pay_estimate_tells_of_the_good_faith_estimate_and_its_400_dollar_dispute() -> None:
    ledger = estimate(plan("self-pay"), program(rate=None, cash="200"), inputs(), reference())
    notice = [e.text for e in ledger.events if e.kind == "good_faith_estimate"]
    assert notice and "$400 or more" in notice[0]
    assert any("No household income" in a for a in ledger.assumptions)


def test_a_payment_plan_splits_the_total_and_the_last_month_takes_the_cents() -> None:
    base = plan("self-pay")
    assert isinstance(base, SelfPayPlan)
    monthly = base.model_copy(update={"payment_plan_months": 7})
    ledger = estimate(monthly, program(rate=None, cash="100"), inputs(weeks=1), reference())
    assert ledger.payment_plan is not None
    assert ledger.payment_plan.monthly == D("42.86")
    assert ledger.payment_plan.monthly * 6 + ledger.payment_plan.last_month == D("300.00")


def test_the_plan_year_resets_on_its_start_date_and_the_deductible_starts_again() -> None:
    ledger = estimate(
        plan("example-ppo-2026"), program(), inputs(start=date(2026, 12, 14), weeks=4), reference()
    )
    resets = [e for e in ledger.events if e.kind == "plan_year_reset"]
    assert [(e.week, e.on) for e in resets] == [(3, date(2027, 1, 1))]
    assert ledger.totals.deductible == D("3000.00")


def test_zero_weeks_cost_nothing() -> None:
    ledger = estimate(plan("example-ppo-2026"), program(), inputs(weeks=0), reference())
    assert ledger.rows == [] and ledger.totals.client_pays == 0


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"accumulators": {"deductible_met": 2000}},
            "deductible met: $2,000 is more than the plan's deductible of $1,500; expected an amount from 0 to 1500",
        ),
        (
            {"accumulators": {"out_of_pocket_met": 6000}},
            "out-of-pocket met: $6,000 is more than the plan's maximum of $5,000; expected an amount from 0 to 5000",
        ),
    ],
)
def test_amounts_met_above_the_plan_are_refused_with_one_sentence(
    given: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError) as raised:
        estimate(plan("example-ppo-2026"), program(), inputs(**given), reference())
    assert str(raised.value) == message


def test_a_program_without_a_rate_for_the_plan_is_refused_not_guessed() -> None:
    with pytest.raises(InputError, match="no known rate for the plan 'example-ppo-2026'"):
        estimate(plan("example-ppo-2026"), program(rate=None, charge="500"), inputs(), reference())


def test_every_ledger_names_its_data_and_rounding_rule() -> None:
    ledger = estimate(plan("example-ppo-2026"), program(), inputs(), reference())
    assert ledger.data_version.plan_id == "example-ppo-2026"
    assert any("rounded to the cent once per billed unit" in a for a in ledger.assumptions)


def test_a_medicare_year_not_yet_in_the_data_uses_the_last_one_and_says_so() -> None:
    ledger = estimate(
        plan("medicare-part-b-2026"),
        program(),
        inputs(start=date(2027, 2, 1), weeks=2),
        reference(),
    )
    assert ledger.totals.deductible == D("283.00")
    assert any("has not published" in a and "2027" in a for a in ledger.assumptions)


def test_a_medicare_year_before_the_data_is_refused() -> None:
    with pytest.raises(InputError, match="no Medicare Part B figures for 2023"):
        estimate(
            plan("medicare-part-b-2026"), program(), inputs(start=date(2023, 5, 1)), reference()
        )


def test_the_poverty_guideline_in_effect_on_the_start_date_is_used() -> None:
    # 12 Jan 2026 is before the 2026 guideline took effect (13 Jan): 2025's applies.
    ledger = estimate(
        plan("self-pay"),
        program(rate=None, cash="100"),
        inputs(start=date(2026, 1, 12), weeks=1, household={"size": 1, "annual_income": 15800}),
        reference(),
    )
    assert any("2025-01-15" in p for p in ledger.data_version.parameters)
    assert ledger.totals.client_pays == 3 * D("25.00")  # 101% of 2025's $15,650: the 25% tier
