"""The words of an estimate: events before and after the weeks, assumptions, and the data used."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from carenav.costs.ledger import DataVersion, long_date, percent_text
from carenav.costs.terms import (
    UnitPrices,
    YearTerms,
    medicaid_copay,
    plan_year_start,
    tiers_for,
)
from carenav.models.base import dollars
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import (
    CommercialPlan,
    CostSharing,
    CoveragePlan,
    EstimateInputs,
    MedicaidPlan,
    OriginalMedicarePlan,
    SelfPayPlan,
    level_name,
)
from carenav.models.reference import REGION_NAMES, ReferenceTables


def assumptions_for(
    plan: CoveragePlan,
    billing: ProgramBilling,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    prices: UnitPrices,
    share: Decimal,
    percent: Decimal | None,
    terms_by_year: dict[date, YearTerms],
) -> list[str]:
    """Every assumption of the estimate, in words a client can read."""
    unit = billing.unit
    days = ", ".join(d.value for d in billing.meeting_days)
    found = [
        f"Week 1 starts on {long_date(inputs.start)}. The program meets on {days}, and each "
        f"meeting is billed as one {unit}.",
        "Amounts are rounded to the cent once per billed unit (halves up) where a percentage is "
        "applied; every other figure is an exact sum.",
        "Premiums, medication, transport and services outside the program are not included.",
    ]
    if isinstance(plan, CommercialPlan):
        found += _commercial(
            plan.for_year(plan_year_start(plan, inputs.start)), billing, inputs, prices
        )
        found += _later_years(plan, billing, inputs, terms_by_year)
        if plan.kind == "medicare_advantage":
            found.append(
                "A Medicare Advantage plan sets its own copays up to its yearly maximum "
                "out-of-pocket; where the program bills does not change them."
            )
    elif isinstance(plan, OriginalMedicarePlan):
        found += _medicare(plan, inputs, prices, terms_by_year)
    elif isinstance(plan, MedicaidPlan):
        copay, note = medicaid_copay(plan, reference)
        found.append(
            f"Medicaid ({plan.state}) is assumed to cover {level_name(inputs.level)} at {dollars(prices.allowed)} "
            f"a {unit}; the copay is {dollars(copay)} a {unit} ({note}). Coverage of IOP and PHP varies by "
            "state; children get medically necessary services through EPSDT."
        )
    else:
        found += _self_pay(plan, billing, inputs, reference, prices, share, percent)
    if not isinstance(plan, CommercialPlan) and inputs.network == "out":
        found.append("This kind of coverage has no network here; the network choice is ignored.")
    return found


def _commercial(
    plan: CommercialPlan, billing: ProgramBilling, inputs: EstimateInputs, prices: UnitPrices
) -> list[str]:
    tier = plan.tier(inputs.network)
    unit = billing.unit
    if tier is None:
        return [
            f"The plan has no out-of-network benefit: you pay the program's charge of "
            f"{dollars(prices.charge)} a {unit}, and none of it counts toward the out-of-pocket maximum."
        ]
    found: list[str] = []
    if inputs.network == "in":
        found.append(
            f"The plan's rate for this program is {dollars(prices.allowed)} a {unit} (the allowed amount)."
        )
        if billing.charge is None:
            found.append(
                "The program's billed charge is not known; the plan's rate is shown as the charge."
            )
    else:
        rule = plan.out_of_network
        assert rule is not None
        if rule.allowed_percent_of_charge is not None:
            how = f"{percent_text(rule.allowed_percent_of_charge)} of the {dollars(prices.charge)} charge"
        else:
            how = f"a fixed {dollars(rule.allowed_per_unit or Decimal(0))} (never more than the charge)"
        found.append(f"Out of network the plan allows {how}: {dollars(prices.allowed)} a {unit}.")
        if prices.balance_bill:
            found.append(
                f"The program may bill you the {dollars(prices.balance_bill)} difference each {unit} (a "
                "balance bill). It does not count toward any deductible or maximum."
            )
        found.append(
            "Out-of-network costs count only toward the out-of-network deductible and maximum."
        )
    sharing = _sharing_text(tier, unit)
    found.append(sharing[0].upper() + sharing[1:])
    found.append(_accumulator_text(inputs, plan.limit_for(inputs.level) is not None))
    limit = plan.limit_for(inputs.level)
    if limit is not None:
        found.append(
            f"The plan covers at most {limit.units_per_plan_year} {limit.unit}s of "
            f"{level_name(inputs.level)} a plan year; after that this estimate charges you the "
            f"{dollars(prices.uncovered)} rate for each {unit} (some programs bill the full charge instead)."
        )
    found.append(
        f"Plan years start on {plan.plan_year_start:%d %B} each year. The plan decides coverage; "
        "this is an estimate, not a promise of payment."
    )
    return found


def _sharing_text(tier: CostSharing, unit: str) -> str:
    """'you pay the $1,500 deductible first, then 20% of the allowed amount, until ...'."""
    sharing = f"you pay the {dollars(tier.deductible)} deductible first, then"
    if tier.copay_before_deductible:
        sharing = "the deductible does not apply to this service;"
    parts = []
    if tier.copay_per_unit:
        parts.append(f"a {dollars(tier.copay_per_unit)} copay a {unit}")
    if tier.coinsurance:
        parts.append(f"{percent_text(tier.coinsurance)} of the allowed amount")
    sharing += " " + (" plus ".join(parts) if parts else "nothing more")
    cap = tier.out_of_pocket_max
    return sharing + (
        f", until your cost sharing reaches the {dollars(cap)} out-of-pocket maximum for the plan year."
        if cap is not None
        else "; this tier has no out-of-pocket maximum."
    )


def _later_years(
    plan: CommercialPlan,
    billing: ProgramBilling,
    inputs: EstimateInputs,
    terms_by_year: dict[date, YearTerms],
) -> list[str]:
    """Each later plan year in the estimate: its own terms in words, or that the last known are used."""
    found: list[str] = []
    for first, terms in list(terms_by_year.items())[1:]:
        if terms.caveat:
            found.append(terms.caveat)
            continue
        tier = plan.for_year(terms.first_day).tier(inputs.network)
        if tier is None:
            found.append(
                f"From {long_date(first)} the plan's terms for that plan year give no benefit in "
                "this network."
            )
            continue
        limit = plan.for_year(terms.first_day).limit_for(inputs.level)
        limit_text = (
            f" It covers at most {limit.units_per_plan_year} {limit.unit}s of "
            f"{level_name(inputs.level)} that plan year."
            if limit is not None
            else ""
        )
        found.append(
            f"From {long_date(first)} the plan's own terms for that plan year apply: "
            f"{_sharing_text(tier, billing.unit)}{limit_text}"
        )
    first_terms = next(iter(terms_by_year.values()), None)
    if first_terms is not None and first_terms.caveat:
        found.insert(0, first_terms.caveat)
    return found


def _accumulator_text(inputs: EstimateInputs, has_limit: bool) -> str:
    met = inputs.accumulators
    if not (met.deductible_met or met.out_of_pocket_met or met.days_used):
        return "Assumes nothing has been paid toward the deductible or maximum yet this plan year."
    text = (
        f"As entered, {dollars(met.deductible_met)} of the deductible and {dollars(met.out_of_pocket_met)} of the "
        "out-of-pocket maximum are already met this plan year"
    )
    if has_limit:
        text += f", and {met.days_used} days of the limit are used"
    return text + "."


def _medicare(
    plan: OriginalMedicarePlan,
    inputs: EstimateInputs,
    prices: UnitPrices,
    terms_by_year: dict[date, YearTerms],
) -> list[str]:
    first = next(iter(terms_by_year.values()), None)
    setting = next(
        (r for r in (first.rules if first else ()) if r.kind == "medicare_setting"), None
    )
    if setting is not None:
        sharing = f"Original Medicare Part B. {setting.text}"
    else:
        sharing = (
            f"Original Medicare Part B: you pay the yearly deductible, then "
            f"{percent_text(first.coinsurance) if first else '20%'} of the Medicare-approved "
            "amount. Where the program bills is not given, so this assumes that rule (hospital "
            "outpatient departments, community mental health centers, RHCs and offices); an FQHC "
            "charges no deductible and an opioid treatment program no coinsurance."
        )
    found = [
        f"{sharing} The approved amount is {dollars(prices.allowed)} a day. Original Medicare has "
        "no out-of-pocket maximum.",
        "Medicare pays for IOP in hospital outpatient departments, community mental health "
        "centers, FQHCs and RHCs (and opioid treatment programs for opioid use disorder); a "
        "physician certifies the need for at least 9 hours a week and recertifies at least every "
        "other month. The program is assumed to accept Medicare assignment.",
    ]
    if plan.medigap == "G":
        found.append("Medigap Plan G pays the 20% coinsurance; you pay the Part B deductible.")
    elif plan.medigap == "F":
        found.append(
            "Medigap Plan F pays the Part B deductible and the coinsurance (F is sold only to "
            "people eligible for Medicare before 2020)."
        )
    found.append(_accumulator_text(inputs, has_limit=False))
    found.extend(t.caveat for t in terms_by_year.values() if t.caveat)
    return found


def _self_pay(
    plan: SelfPayPlan,
    billing: ProgramBilling,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    prices: UnitPrices,
    share: Decimal,
    percent: Decimal | None,
) -> list[str]:
    unit = billing.unit
    found = [
        f"You pay the program's cash price of {dollars(prices.charge)} a {unit}; no plan pays."
    ]
    if billing.cash_price is None:
        found.append("The program has no cash price on record; its billed charge is used.")
    household = inputs.household
    if household is None or percent is None:
        found.append(
            "No household income was given, so the full price is shown; ask about a sliding scale."
        )
        return found
    _, scale_text = tiers_for(plan, billing, reference)
    guideline = reference.poverty_guideline(inputs.start, household.region)
    found.append(
        f"A household of {household.size} with {dollars(household.annual_income)} a year is "
        f"{percent:.0f}% of the {guideline.year} HHS poverty guideline for "
        f"{REGION_NAMES[household.region]} (effective {guideline.effective:%d %b %Y}, "
        f"{dollars(guideline.for_household(household.size))}). On {scale_text} that pays "
        f"{percent_text(share)} of the price: {dollars(prices.allowed)} a {unit}. Some programs still "
        "use the previous year's guideline; ask."
    )
    return found


def data_version_for(
    plan: CoveragePlan,
    billing: ProgramBilling,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    terms_by_year: dict[date, YearTerms],
    used_guideline: bool,
) -> DataVersion:
    """Which plan and which reference figures the estimate used."""
    parameters = sorted({t.parameters for t in terms_by_year.values() if t.parameters})
    if isinstance(plan, SelfPayPlan):
        own = bool(billing.sliding_scale)
        parameters.append(
            "the program's sliding scale" if own else f"sliding scale {plan.sliding_scale}"
        )
    if used_guideline and inputs.household is not None:
        guideline = reference.poverty_guideline(inputs.start, inputs.household.region)
        parameters.append(
            f"HHS poverty guidelines {guideline.year} ({inputs.household.region}, effective "
            f"{guideline.effective.isoformat()})"
        )
    if isinstance(plan, MedicaidPlan):
        parameters.append(f"Medicaid copay table ({plan.state})")
    return DataVersion(plan_id=plan.id, plan_kind=plan.kind, parameters=parameters)
