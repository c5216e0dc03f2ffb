"""The events of an estimate: the moments that change the picture, in plain words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from carenav.costs.ledger import CostEvent, long_date
from carenav.costs.state import Line, YearState
from carenav.costs.terms import UnitPrices, YearTerms, medicaid_copay
from carenav.models.base import dollars, round_cents
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import (
    CommercialPlan,
    CoveragePlan,
    EstimateInputs,
    MedicaidPlan,
    OriginalMedicarePlan,
    SelfPayPlan,
    level_name,
)
from carenav.models.reference import ReferenceTables


def opening_events(
    plan: CoveragePlan,
    billing: ProgramBilling,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    prices: UnitPrices,
    percent: Decimal | None,
    segments: list[tuple[date, date]],
) -> list[CostEvent]:
    """Events known before the first day: prior authorization and plan-year resets."""
    events: list[CostEvent] = []
    level = level_name(inputs.level)
    if inputs.level in _prior_authorization(plan, reference):
        events.append(
            CostEvent(
                kind="prior_authorization",
                text=f"The plan needs prior authorization for {level} before day 1 "
                f"({long_date(inputs.start)}). Ask the program to request it; without it the plan "
                "may pay nothing.",
            )
        )
    for first, _ in segments[1:]:
        week = (first - inputs.start).days // 7 + 1
        if isinstance(plan, OriginalMedicarePlan):
            figures, _caveat = reference.part_b(first.year)
            text = (
                f"A new calendar year starts on {long_date(first)} (week {week}): the Part B "
                f"deductible ({dollars(figures.deductible)} with {figures.year}'s figures) is due again."
            )
        elif isinstance(plan, CommercialPlan):
            restart = (
                "the deductible, the out-of-pocket maximum and the day count start"
                if plan.for_year(first).limit_for(inputs.level)
                else "the deductible and the out-of-pocket maximum start"
            )
            text = (
                f"The plan year starts again on {long_date(first)} (week {week}): {restart} "
                "over from zero. "
                + (
                    "The plan's own terms for this plan year apply from that day."
                    if plan.terms_from(first) == first
                    else "The plan file has no terms for this plan year, so the last known "
                    "ones are used (see the assumptions)."
                )
            )
        else:
            continue
        events.append(CostEvent(kind="plan_year_reset", week=week, on=first, text=text))
    return events


def _prior_authorization(plan: CoveragePlan, reference: ReferenceTables) -> list[str]:
    """Levels the plan (or the state's Medicaid) approves before day 1."""
    if isinstance(plan, CommercialPlan):
        return plan.prior_authorization
    if isinstance(plan, MedicaidPlan) and reference.medicaid is not None:
        state = reference.medicaid.state_rules(plan.state)
        return state.prior_authorization if state else []
    return []


def closing_events(
    plan: CoveragePlan,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    prices: UnitPrices,
    client_total: Decimal,
    percent: Decimal | None,
) -> list[CostEvent]:
    """Events that depend on the whole estimate: Medicaid's federal ceilings, the Good Faith Estimate."""
    events: list[CostEvent] = []
    if isinstance(plan, MedicaidPlan) and inputs.household is not None and reference.medicaid:
        rules = reference.medicaid
        copay, _ = medicaid_copay(plan, reference)
        poverty = reference.percent_of_poverty(
            inputs.household.annual_income,
            inputs.household.size,
            inputs.start,
            inputs.household.region,
        )
        ceiling = rules.ceiling(poverty, prices.allowed)
        if copay > ceiling:
            events.append(
                CostEvent(
                    kind="medicaid_ceiling",
                    text=f"The copay of {dollars(copay)} is above the federal ceiling for this income "
                    f"band (about {dollars(round_cents(ceiling))} a visit under 42 CFR 447.52). Check the state "
                    "plan: the client may owe less.",
                )
            )
    if isinstance(plan, SelfPayPlan):
        events.append(
            CostEvent(
                kind="good_faith_estimate",
                text="Paying for yourself, you have the right to a Good Faith Estimate from the "
                "program before care starts. If the bill is $400 or more above it, you can dispute "
                "it within 120 days of the bill (No Surprises Act, 45 CFR 149.610).",
            )
        )
    return events


def turning_points(
    plan: CoveragePlan,
    inputs: EstimateInputs,
    terms: YearTerms,
    prices: UnitPrices,
    before: YearState,
    after: YearState,
    line: Line,
    day: date,
    week: int,
    number: int,
    unit: str,
) -> list[CostEvent]:
    """Events this unit causes: deductible met, maximum reached, limit used up."""
    found: list[CostEvent] = []
    when = f"on {day:%a %d %b %Y} (week {week}, {unit} {number} of the program)"
    if terms.deductible > 0 and before.deductible_met < terms.deductible <= after.deductible_met:
        qmb = any(rule.kind == "dual_qmb" for rule in terms.rules)
        helper = "Medicaid (QMB)" if qmb else "the Medigap plan"
        payer = "" if terms.client_pays_deductible else f" (paid by {helper}, not you)"
        found.append(
            CostEvent(
                kind="deductible_met",
                week=week,
                on=day,
                text=f"The {dollars(terms.deductible)} deductible is met{payer} {when}. From the next "
                + (
                    f"{unit} you pay only your copay or coinsurance."
                    if terms.client_pays_coinsurance
                    else f"{unit} {helper} pays your coinsurance."
                ),
            )
        )
    cap = terms.out_of_pocket_max
    if cap is not None and before.out_of_pocket_met < cap <= after.out_of_pocket_met:
        found.append(
            CostEvent(
                kind="out_of_pocket_max_reached",
                week=week,
                on=day,
                text=f"The out-of-pocket maximum of {dollars(cap)} is reached {when}. For the rest of this "
                "plan year the plan pays the full allowed amount for covered care"
                + (" (you may still get the balance bill)." if prices.balance_bill else "."),
            )
        )
    over_limit = terms.covered and terms.limit is not None and line.not_covered > 0
    if over_limit and not after.limit_told:
        after.limit_told = True
        found.append(
            CostEvent(
                kind="limit_reached",
                week=week,
                on=day,
                text=f"The plan's limit of {terms.limit} {level_name(inputs.level)} days a plan year "
                f"is used up before {day:%a %d %b %Y} (week {week}). From then the plan pays "
                f"nothing for it this plan year, and this estimate counts the {dollars(prices.uncovered)} "
                "rate of each day as yours to pay. Ask the plan about an exception or a "
                "medical-necessity review, and the program about a payment plan; a day limit on "
                "mental-health or substance-use care may be a parity issue to raise with the plan.",
            )
        )
    return found
