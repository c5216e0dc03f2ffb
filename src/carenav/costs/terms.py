"""A plan's terms for each plan year, and a program's prices per unit under that plan.

Both the week-by-week ledger and the vectorized totals read these, so the two paths
cannot disagree about what a plan means.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from carenav.costs.ledger import AppliedRule, long_date
from carenav.errors import InputError
from carenav.models.base import dollars, round_cents
from carenav.models.billing import ProgramBilling, SlidingScaleTier
from carenav.models.coverage import (
    CommercialPlan,
    CoveragePlan,
    Household,
    MedicaidPlan,
    Network,
    OriginalMedicarePlan,
    OutOfNetwork,
    SelfPayPlan,
)
from carenav.models.reference import ReferenceTables


@dataclass(frozen=True)
class YearTerms:
    """Cost sharing in force for one plan year (one segment of the estimate)."""

    first_day: date
    covered: bool
    deductible: Decimal = Decimal(0)
    coinsurance: Decimal = Decimal(0)
    copay: Decimal = Decimal(0)
    copay_before_deductible: bool = False
    out_of_pocket_max: Decimal | None = None
    limit: int | None = None
    client_pays_deductible: bool = True  # False under Medigap F, or for a QMB
    client_pays_coinsurance: bool = True  # False under Medigap F or G, or for a QMB
    client_pays_copay: bool = True  # False for a QMB under Medicare Advantage
    coinsurance_cap: Decimal | None = None  # most coinsurance per unit (hospital outpatient)
    client_copay_instead: Decimal | None = None  # full dual: at most Medicaid's copay a unit
    parameters: str | None = None  # e.g. "Medicare Part B 2026"
    caveat: str | None = None
    rules: tuple[AppliedRule, ...] = ()  # the dated rules that shaped these terms
    period_cap: Decimal | None = None  # Medicaid: most cost sharing in one month or quarter
    cap_period: str | None = None  # "month" or "quarter"


@dataclass(frozen=True)
class UnitPrices:
    """Dollars per billed unit of one program under one plan and network."""

    charge: Decimal
    allowed: Decimal
    balance_bill: Decimal
    uncovered: Decimal  # what the client pays for a unit the plan does not cover


def plan_year_start(plan: CoveragePlan, day: date) -> date:
    """First day of the plan year that contains `day` (calendar years except commercial plans)."""
    if isinstance(plan, CommercialPlan):
        anchor = plan.plan_year_start
        this_year = anchor.replace(year=day.year)
        return this_year if this_year <= day else anchor.replace(year=day.year - 1)
    return date(day.year, 1, 1)


def plan_years(plan: CoveragePlan, start: date, end: date) -> list[tuple[date, date]]:
    """The days [start, end) cut at each plan-year start, as (first day, day after last) pairs."""
    if end <= start:
        return []
    segments: list[tuple[date, date]] = []
    cursor = start
    while cursor < end:
        year_first = plan_year_start(plan, cursor)
        next_first = year_first.replace(year=year_first.year + 1)
        stop = min(next_first, end)
        segments.append((cursor, stop))
        cursor = stop
    return segments


def plan_terms(
    plan: CoveragePlan, first_day: date, network: Network, level: str, reference: ReferenceTables
) -> YearTerms:
    """The plan's own cost sharing for the plan year that contains `first_day`.

    `carenav.costs.rules.year_terms` adds what the client's situation changes (the
    Medicare billing setting, Medicaid alongside Medicare); engines call that one.
    """
    if isinstance(plan, CommercialPlan):
        caveat = inherited_terms_caveat(plan, first_day)
        parameters = (
            f"plan terms from {plan.terms_from(first_day).isoformat()}"
            if plan.later_years
            else None
        )
        plan = plan.for_year(first_day)
        tier = plan.tier(network)
        if tier is None:
            return YearTerms(first_day, covered=False, parameters=parameters, caveat=caveat)
        limit = plan.limit_for(level)
        return YearTerms(
            first_day,
            covered=True,
            deductible=tier.deductible,
            coinsurance=tier.coinsurance,
            copay=tier.copay_per_unit,
            copay_before_deductible=tier.copay_before_deductible,
            out_of_pocket_max=tier.out_of_pocket_max,
            limit=None if limit is None else limit.units_per_plan_year,
            parameters=parameters,
            caveat=caveat,
        )
    if isinstance(plan, OriginalMedicarePlan):
        figures, caveat = reference.part_b(first_day.year)
        return YearTerms(
            first_day,
            covered=True,
            deductible=figures.deductible,
            coinsurance=figures.coinsurance,
            client_pays_deductible=plan.medigap != "F",
            client_pays_coinsurance=plan.medigap == "none",
            parameters=f"Medicare Part B {figures.year}",
            caveat=caveat,
        )
    if isinstance(plan, MedicaidPlan):
        copay, _ = medicaid_copay(plan, reference)
        rules = reference.medicaid.state_rules(plan.state) if reference.medicaid else None
        limit = rules.limit_for(level) if rules else None
        return YearTerms(
            first_day,
            covered=True,
            copay=copay,
            copay_before_deductible=True,
            limit=None if limit is None else limit.units_per_plan_year,
        )
    return YearTerms(first_day, covered=False)


def inherited_terms_caveat(plan: CommercialPlan, first_day: date) -> str | None:
    """Words for a plan year the plan file gives no terms for, or None when it gives them.

    >>> from carenav.models.coverage import CommercialPlan
    >>> plan = CommercialPlan(id="p", kind="commercial", name="A plan",
    ...     plan_year_start=date(2026, 1, 1), in_network={"deductible": 500})
    >>> inherited_terms_caveat(plan, date(2026, 1, 1)) is None
    True
    >>> print(inherited_terms_caveat(plan, date(2027, 1, 1)))
    The plan file gives no terms for the plan year starting Fri 01 Jan 2027, so this estimate uses the last known ones (the plan year starting Thu 01 Jan 2026); ask the plan for that year's deductible, maximum, copays and limits.
    """
    starts = plan.terms_from(first_day)
    if starts == first_day:
        return None
    which = "last known ones" if starts < first_day else "first ones it gives"
    return (
        f"The plan file gives no terms for the plan year starting {long_date(first_day)}, so "
        f"this estimate uses the {which} (the plan year starting {long_date(starts)}); ask the "
        "plan for that year's deductible, maximum, copays and limits."
    )


def medicaid_copay(plan: MedicaidPlan, reference: ReferenceTables) -> tuple[Decimal, str]:
    """The copay per unit and where it comes from: the plan file, the state table, or the $0 default."""
    if plan.copay_per_unit is not None:
        return (
            plan.copay_per_unit,
            f"the copay of {dollars(plan.copay_per_unit)} set in the plan file",
        )
    if reference.medicaid is None:
        return Decimal(0), "no Medicaid table in the data: $0 assumed; check the state plan"
    return reference.medicaid.copay_for(plan.state)


def tiers_for(
    plan: SelfPayPlan, billing: ProgramBilling, reference: ReferenceTables
) -> tuple[list[SlidingScaleTier], str]:
    """The program's own sliding scale if it publishes one, else the plan's default scale."""
    if billing.sliding_scale:
        return billing.sliding_scale, "the program's own sliding scale"
    scale = reference.sliding_scale(plan.sliding_scale)
    return scale.tiers, f"{scale.title} ({scale.source.citation()})"


def self_pay_share(
    tiers: list[SlidingScaleTier],
    household: Household | None,
    on: date,
    reference: ReferenceTables,
) -> tuple[Decimal, Decimal | None]:
    """Share of the cash price the household pays, and its income as a percent of poverty.

    Without a household the full price applies. Compared exactly: income * 100 against
    the tier's percent times the guideline, so no rounding decides a tier.
    """
    if household is None:
        return Decimal(1), None
    guideline = reference.poverty_guideline(on, household.region).for_household(household.size)
    percent = household.annual_income * 100 / guideline
    for tier in tiers:
        bound = tier.up_to_percent_of_poverty
        if bound is None or household.annual_income * 100 <= bound * guideline:
            return tier.pays, percent
    return Decimal(1), percent  # unreachable with validated tiers: the last has no bound


def unit_prices(
    plan: CoveragePlan, billing: ProgramBilling, network: Network, self_pay: Decimal
) -> UnitPrices:
    """Charge, allowed amount, balance bill and uncovered price per unit, in dollars.

    Raises InputError when the program lacks the price this plan needs (an in-network
    rate, a billed charge out of network, a cash price or charge for self-pay).
    """
    if isinstance(plan, SelfPayPlan):
        price = billing.cash_price if billing.cash_price is not None else billing.charge
        if price is None:
            raise InputError("cash price", "the program has no cash price or charge", "an amount")
        discounted = round_cents(price * self_pay)
        return UnitPrices(price, discounted, Decimal(0), discounted)
    if isinstance(plan, CommercialPlan) and network == "out":
        if billing.charge is None:
            raise InputError(
                "charge",
                "an out-of-network estimate needs the program's billed charge",
                "an amount",
            )
        charge = billing.charge
        tier = plan.out_of_network
        if tier is None:
            return UnitPrices(charge, Decimal(0), Decimal(0), charge)
        allowed = out_of_network_allowed(tier, charge)
        balance = charge - allowed if tier.balance_billing else Decimal(0)
        return UnitPrices(charge, allowed, balance, charge)
    rate = billing.in_network_rates.get(plan.id)
    if rate is None:
        raise InputError(
            "rate",
            f"the program has no known rate for the plan '{plan.id}'",
            "the plan's rate per unit (ask the program or the plan)",
        )
    charge = billing.charge if billing.charge is not None else rate
    return UnitPrices(charge, rate, Decimal(0), rate)


def out_of_network_allowed(tier: OutOfNetwork, charge: Decimal) -> Decimal:
    """The out-of-network allowed amount per unit: a share of the charge, or a fixed amount up to it."""
    if tier.allowed_percent_of_charge is not None:
        return round_cents(charge * tier.allowed_percent_of_charge)
    assert tier.allowed_per_unit is not None  # the model requires one of the two
    return min(tier.allowed_per_unit, charge)


def meeting_dates(billing: ProgramBilling, start: date, weeks: int) -> list[date]:
    """Every day the program meets in the `weeks` weeks from `start` (week 1 starts on `start`)."""
    days = {d.index for d in billing.meeting_days}
    return [
        start + timedelta(days=offset)
        for offset in range(7 * weeks)
        if (start + timedelta(days=offset)).weekday() in days
    ]
