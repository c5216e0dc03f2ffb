"""Medicaid's own rules on a plan year's terms: exempt groups and the 5% household cap.

42 CFR 447.56(a): the groups listed there pay no cost sharing. 447.56(f): premiums
plus cost sharing for the whole household may not exceed 5% of its income, applied
monthly or quarterly as the state's plan says. The cap for one period is
5% x annual income / 12 (or / 4), rounded down to the cent so that rounding never
lets a client pay more than the cap.

Worked by hand: a household earning $6,000 a year in a state that applies the cap
monthly may pay at most 5% x 6,000 / 12 = $25.00 a month.

>>> from decimal import Decimal
>>> period_cap(Decimal("0.05"), Decimal(6000), "month"), period_cap(Decimal("0.05"), Decimal(10001), "quarter")
(Decimal('25.00'), Decimal('125.01'))
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_DOWN, Decimal

from carenav.costs.ledger import AppliedRule, CostEvent, long_date, percent_text
from carenav.costs.state import Line
from carenav.costs.terms import YearTerms
from carenav.models.base import CENT, dollars
from carenav.models.coverage import EstimateInputs, MedicaidPlan
from carenav.models.reference import ReferenceTables

PERIODS_A_YEAR = {"month": 12, "quarter": 4}


def period_cap(share: Decimal, annual_income: Decimal, period: str) -> Decimal:
    """The most a household may pay in one period: share x income / periods, rounded down."""
    return (share * annual_income / PERIODS_A_YEAR[period]).quantize(CENT, rounding=ROUND_DOWN)


def period_key(day: date, period: str) -> tuple[int, int]:
    """Which month (or quarter) a day falls in, as (year, number)."""
    return (day.year, day.month if period == "month" else (day.month - 1) // 3 + 1)


def medicaid_terms(
    terms: YearTerms, plan: MedicaidPlan, inputs: EstimateInputs, reference: ReferenceTables
) -> YearTerms:
    """The terms after an exempt group (no copay) and the household cap for the period."""
    tables = reference.medicaid
    if tables is None:
        return terms
    group_id = inputs.medicaid.exempt_group
    if group_id is not None:
        group = tables.exempt_group(group_id)
        return replace(
            terms,
            copay=Decimal(0),
            rules=(
                *terms.rules,
                AppliedRule(
                    kind="medicaid_exempt",
                    text=f"Medicaid may not charge cost sharing to {group.name}: no copay.",
                    source=group.citation,
                ),
            ),
        )
    household = inputs.household
    if household is None or terms.copay == 0:
        return terms
    state = tables.state_rules(plan.state)
    period = state.cap_period if state else "month"
    cap = period_cap(tables.family_income_cap, household.annual_income, period)
    where = (
        f"{state.name}{' (a fictional example)' if state.fictional else ''} applies it each {period}"
        if state
        else f"carenav has no period for {plan.state}, so each {period} is assumed (check the state plan)"
    )
    text = (
        f"Medicaid premiums and cost sharing for the household may not exceed "
        f"{percent_text(tables.family_income_cap)} of its income: {dollars(cap)} a {period} on "
        f"{dollars(household.annual_income)} a year ({where}); copays stop for the rest of a "
        f"{period} once it is reached."
    )
    return replace(
        terms,
        period_cap=cap,
        cap_period=period,
        rules=(
            *terms.rules,
            AppliedRule(kind="medicaid_cap", text=text, source="42 CFR 447.56(f)"),
        ),
    )


class HouseholdCap:
    """What the household has paid in the current month or quarter, for one estimate.

    `apply` lowers a unit's copay to what is left under the cap (the plan pays the
    rest) and says whether this unit reached the cap for the first time in its period.
    """

    def __init__(self, paid_before_start: Decimal, start: date) -> None:
        self._paid_before_start = paid_before_start
        self._start = start
        self._period: tuple[int, int] | None = None
        self._paid = Decimal(0)
        self._told: set[tuple[int, int]] = set()

    def apply(self, terms: YearTerms, line: Line, day: date) -> bool:
        assert terms.period_cap is not None and terms.cap_period is not None
        key = period_key(day, terms.cap_period)
        if key != self._period:
            # What the household paid before day 1 counts only in the period day 1 falls in,
            # even when the program first meets in a later month or quarter.
            first = period_key(self._start, terms.cap_period)
            self._paid = self._paid_before_start if key == first else Decimal(0)
            self._period = key
        room = max(terms.period_cap - self._paid, Decimal(0))
        if line.copay > room:
            line.plan_pays += line.copay - room
            line.copay = room
        self._paid += line.copay
        if self._paid >= terms.period_cap and key not in self._told:
            self._told.add(key)
            return True
        return False


def cap_reached_event(terms: YearTerms, day: date, week: int) -> CostEvent:
    """The moment the household cap is reached in a month or quarter."""
    assert terms.period_cap is not None
    return CostEvent(
        kind="medicaid_cap_reached",
        week=week,
        on=day,
        text=f"The household reaches Medicaid's cap of {dollars(terms.period_cap)} a "
        f"{terms.cap_period} on {long_date(day)} (week {week}): no more copays until the next "
        f"{terms.cap_period} (42 CFR 447.56(f)).",
    )
