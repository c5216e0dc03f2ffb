"""The week-by-week ledger: every meeting day billed in order, through the plan's cost sharing.

Order of a claim for commercial plans: allowed amount -> deductible -> copay
or coinsurance on what is left -> stop at the out-of-pocket maximum, a running total
for the plan year. Balance bills and uncovered units never count toward the maximum.

Rounding: `round_cents` (halves away from zero) is applied once per billed unit, to
each amount made by a percentage (coinsurance, an out-of-network allowed amount, a
sliding-scale price). Every other figure is an exact sum or difference of cents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from carenav.costs.events import closing_events, opening_events, turning_points
from carenav.costs.explain import assumptions_for, data_version_for
from carenav.costs.family import family_opening
from carenav.costs.ledger import (
    AppliedRule,
    CostLedger,
    LedgerTotals,
    LedgerWeek,
)
from carenav.costs.medicaid import HouseholdCap, cap_reached_event
from carenav.costs.payments import payment_plan_summary, payment_schedule
from carenav.costs.rules import billing_setting, year_terms
from carenav.costs.state import ZERO, Line, YearState
from carenav.costs.terms import (
    UnitPrices,
    YearTerms,
    meeting_dates,
    plan_year_start,
    plan_years,
    self_pay_share,
    tiers_for,
    unit_prices,
)
from carenav.errors import InputError
from carenav.models.base import CENT, dollars, round_cents
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import (
    Accumulators,
    CommercialPlan,
    CoveragePlan,
    EstimateInputs,
    OriginalMedicarePlan,
    SelfPayPlan,
)
from carenav.models.reference import ReferenceTables

_COLUMNS = ("charge", "allowed", "plan_pays", "deductible", "copay", "coinsurance")
_COLUMNS_CLIENT = ("not_covered", "balance_bill")
MONEY_COLUMNS = (*_COLUMNS, *_COLUMNS_CLIENT, "client_pays")


@dataclass
class _Week:
    units: int = 0
    sums: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(MONEY_COLUMNS, ZERO))

    def add(self, line: Line) -> None:
        self.units += 1
        for name in MONEY_COLUMNS:
            self.sums[name] += getattr(line, name)


def claim(terms: YearTerms, prices: UnitPrices, state: YearState) -> Line:
    """One unit through the plan's cost sharing; advances the plan-year running totals."""
    over_limit = terms.limit is not None and state.units_used >= terms.limit
    if not terms.covered or over_limit:
        return Line(prices.charge, prices.allowed, not_covered=prices.uncovered)
    allowed = prices.allowed
    if terms.copay_before_deductible:
        deductible = ZERO
        copay = min(terms.copay, allowed)
    else:
        deductible = min(terms.deductible - state.deductible_met, allowed)
        copay = min(terms.copay, allowed - deductible)
    coinsurance = round_cents(terms.coinsurance * (allowed - deductible - copay))
    if terms.coinsurance_cap is not None:
        coinsurance = min(coinsurance, terms.coinsurance_cap)  # hospital outpatient: Part A cap
    if terms.out_of_pocket_max is not None:
        # The maximum is a running total for the plan year, never a per-claim cap.
        room = terms.out_of_pocket_max - state.out_of_pocket_met
        deductible = min(deductible, room)
        copay = min(copay, room - deductible)
        coinsurance = min(coinsurance, room - deductible - copay)
    state.deductible_met += deductible
    state.out_of_pocket_met += deductible + copay + coinsurance
    state.units_used += 1
    # Medigap or Medicaid pays its part of the cost sharing; the deductible still counts as met.
    client_deductible = deductible if terms.client_pays_deductible else ZERO
    client_copay = copay if terms.client_pays_copay else ZERO
    client_coinsurance = coinsurance if terms.client_pays_coinsurance else ZERO
    if terms.client_copay_instead is not None:
        # Full Medicaid at a program that takes it: Medicaid's copay at most, shown as a copay.
        owed = min(terms.client_copay_instead, deductible + copay + coinsurance)
        client_deductible, client_copay, client_coinsurance = ZERO, owed, ZERO
    client_share = client_deductible + client_copay + client_coinsurance
    return Line(
        prices.charge,
        allowed,
        plan_pays=allowed - client_share,
        deductible=client_deductible,
        copay=client_copay,
        coinsurance=client_coinsurance,
        balance_bill=prices.balance_bill,
    )


def opening_accumulators(
    plan: CoveragePlan, inputs: EstimateInputs, terms_by_year: dict[date, YearTerms]
) -> tuple[Accumulators, list[AppliedRule]]:
    """What counts as already met on day 1 (family coverage: so the binding limit is left)."""
    first = next(iter(terms_by_year.values()), None)
    if isinstance(plan, CommercialPlan) and first is not None:
        return family_opening(plan.for_year(first.first_day), inputs, first)
    return inputs.accumulators, []


def check_accumulators(
    plan: CoveragePlan, inputs: EstimateInputs, reference: ReferenceTables
) -> None:
    """Refuse amounts already met that exceed what the plan can charge (InputError)."""
    met = inputs.accumulators
    if isinstance(plan, CommercialPlan):
        plan = plan.for_year(plan_year_start(plan, inputs.start))  # what is met is this year's
        tier = plan.tier(inputs.network)
        if tier is None:
            return
        if met.deductible_met > tier.deductible:
            raise InputError(
                "deductible met",
                f"{dollars(met.deductible_met)} is more than the plan's deductible of {dollars(tier.deductible)}",
                f"an amount from 0 to {tier.deductible}",
            )
        cap = tier.out_of_pocket_max
        if cap is not None and met.out_of_pocket_met > cap:
            raise InputError(
                "out-of-pocket met",
                f"{dollars(met.out_of_pocket_met)} is more than the plan's maximum of {dollars(cap)}",
                f"an amount from 0 to {cap}",
            )
        if inputs.coverage == "family":
            for label, met_amount, limit in (
                ("family deductible met", met.family_deductible_met, tier.family_deductible),
                (
                    "family out-of-pocket met",
                    met.family_out_of_pocket_met,
                    tier.family_out_of_pocket_max,
                ),
            ):
                if limit is not None and met_amount > limit:
                    raise InputError(
                        label,
                        f"{dollars(met_amount)} is more than the plan's family amount of {dollars(limit)}",
                        f"an amount from 0 to {limit}",
                    )
    elif isinstance(plan, OriginalMedicarePlan):
        figures, _ = reference.part_b(inputs.start.year)
        if met.deductible_met > figures.deductible:
            raise InputError(
                "deductible met",
                f"{dollars(met.deductible_met)} is more than the {figures.year} Part B deductible "
                f"of {dollars(figures.deductible)}",
                f"an amount from 0 to {figures.deductible}",
            )


def estimate(
    plan: CoveragePlan,
    billing: ProgramBilling,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    program_name: str = "the program",
) -> CostLedger:
    """The week-by-week ledger for one plan, one program and one schedule.

    Raises InputError when an input cannot be estimated (a missing rate, an amount met
    above the plan's deductible, a year the reference data does not cover).
    """
    check_accumulators(plan, inputs, reference)
    share, percent = ZERO + 1, None
    if isinstance(plan, SelfPayPlan):
        tiers, _ = tiers_for(plan, billing, reference)
        share, percent = self_pay_share(tiers, inputs.household, inputs.start, reference)
    prices = unit_prices(plan, billing, inputs.network, share)
    end = inputs.start + timedelta(days=7 * inputs.weeks)
    segments = plan_years(plan, inputs.start, end)
    setting = billing_setting(inputs, billing)
    terms_by_year = {
        first: year_terms(plan, plan_year_start(plan, first), inputs, reference, setting)
        for first, _ in segments
    }
    weeks = [_Week() for _ in range(inputs.weeks)]
    events = opening_events(plan, billing, inputs, reference, prices, percent, segments)
    opening, family_rules = opening_accumulators(plan, inputs, terms_by_year)
    state = YearState(opening.deductible_met, opening.out_of_pocket_met, opening.days_used)
    dates = meeting_dates(billing, inputs.start, inputs.weeks)
    household_cap = HouseholdCap(inputs.medicaid.paid_this_period, inputs.start)
    segment_index = 0
    for number, day in enumerate(dates, start=1):
        while day >= segments[segment_index][1]:
            segment_index += 1
            state = YearState(ZERO, ZERO, 0)
        terms = terms_by_year[segments[segment_index][0]]
        before = YearState(state.deductible_met, state.out_of_pocket_met, state.units_used)
        line = claim(terms, prices, state)
        week = (day - inputs.start).days // 7 + 1
        if terms.period_cap is not None:
            reached = household_cap.apply(terms, line, day)
            if reached:
                events.append(cap_reached_event(terms, day, week))
        weeks[week - 1].add(line)
        events.extend(
            turning_points(
                plan, inputs, terms, prices, before, state, line, day, week, number, billing.unit
            )
        )
    rows = _rows(weeks, inputs.start)
    totals = _totals(rows)
    events.extend(closing_events(plan, inputs, reference, prices, totals.client_pays, percent))
    events.sort(key=lambda e: (e.week or 0, e.on or inputs.start))
    plan_months = plan.payment_plan_months if isinstance(plan, SelfPayPlan) else None
    schedule = payment_schedule(rows, totals.client_pays, inputs.payment, inputs.start, plan_months)
    return CostLedger(
        plan_name=plan.name,
        program=program_name,
        level=inputs.level,
        network=inputs.network,
        start=inputs.start,
        weeks=inputs.weeks,
        unit=billing.unit,
        rows=rows,
        totals=totals,
        events=events,
        assumptions=assumptions_for(
            plan, billing, inputs, reference, prices, share, percent, terms_by_year
        ),
        payment_plan=payment_plan_summary(schedule),
        payment_schedule=schedule,
        data_version=data_version_for(
            plan, billing, inputs, reference, terms_by_year, percent is not None
        ),
        rules_applied=_rules_applied(terms_by_year) + family_rules,
    )


def _rules_applied(terms_by_year: dict[date, YearTerms]) -> list[AppliedRule]:
    """Each rule that shaped a plan year's terms, once, in the order first met."""
    found: list[AppliedRule] = []
    for terms in terms_by_year.values():
        found.extend(rule for rule in terms.rules if rule not in found)
    return found


def _cents(sums: dict[str, Decimal]) -> dict[str, Decimal]:
    """Show every sum with two decimals. Exact: the sums are already whole cents."""
    return {name: value.quantize(CENT) for name, value in sums.items()}


def _rows(weeks: list[_Week], start: date) -> list[LedgerWeek]:
    rows: list[LedgerWeek] = []
    running = ZERO
    for index, week in enumerate(weeks):
        running += week.sums["client_pays"]
        first = start + timedelta(days=7 * index)
        rows.append(
            LedgerWeek(
                week=index + 1,
                start=first,
                end=first + timedelta(days=6),
                units=week.units,
                cumulative_client_pays=running.quantize(CENT),
                **_cents(week.sums),
            )
        )
    return rows


def _totals(rows: list[LedgerWeek]) -> LedgerTotals:
    sums = {name: sum((getattr(r, name) for r in rows), ZERO) for name in MONEY_COLUMNS}
    return LedgerTotals(units=sum(r.units for r in rows), **_cents(sums))
