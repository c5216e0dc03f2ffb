"""Medicaid's own rules: exempt groups, the 5% household cap per month or quarter, state limits.

Figures worked by hand; the fictional Example State A charges $3 a day and applies the
cap monthly, Example State B charges nothing and applies it quarterly.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carenav.costs import estimate, program_frame
from carenav.costs.medicaid import period_cap, period_key
from carenav.costs.vectorized import estimate_totals
from carenav.errors import UnknownIdError
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import MedicaidPlan
from tests.unit.costs_strategies import cents, programs
from tests.unit.costs_support import inputs, plan, program, reference

STATE_A = "medicaid-example-state-a"


def _billing() -> ProgramBilling:
    return program("450", plans=(STATE_A,))


def test_the_cap_stops_copays_for_the_rest_of_the_month_and_says_when() -> None:
    """$6,000 a year: $25 a month, reached on each month's 9th day at $3 a day:
    Fri 20 March, Mon 20 April, Wed 20 May."""
    ledger = estimate(
        plan(STATE_A),
        _billing(),
        inputs(household={"size": 1, "annual_income": 6000}),
        reference(),
    )
    assert ledger.client_total == Decimal("75.00")
    reached = [e for e in ledger.events if e.kind == "medicaid_cap_reached"]
    assert [e.on for e in reached] == [date(2026, 3, 20), date(2026, 4, 20), date(2026, 5, 20)]
    assert "$25 a month" in reached[0].text
    cap = next(r for r in ledger.rules_applied if r.kind == "medicaid_cap")
    assert "447.56(f)" in cap.source and "fictional" in cap.text


def test_without_a_household_income_the_cap_cannot_be_applied() -> None:
    """36 days x $3 = $108, and no cap rule is claimed."""
    ledger = estimate(plan(STATE_A), _billing(), inputs(), reference())
    assert ledger.client_total == Decimal("108.00")
    assert not [r for r in ledger.rules_applied if r.kind == "medicaid_cap"]


def test_an_exempt_group_pays_nothing_and_an_unknown_group_is_refused_by_name() -> None:
    ledger = estimate(
        plan(STATE_A), _billing(), inputs(medicaid={"exempt_group": "child"}), reference()
    )
    assert ledger.client_total == Decimal("0.00")
    assert ledger.rules_applied[0].source.startswith("42 CFR 447.56(a)(1)")
    with pytest.raises(UnknownIdError, match="pregnant"):
        estimate(
            plan(STATE_A), _billing(), inputs(medicaid={"exempt_group": "teenager"}), reference()
        )


def test_the_states_day_limit_and_prior_authorization_apply_as_for_commercial_plans() -> None:
    """60 IOP days a year: 24 weeks x 3 = 72 days, the last 12 uncovered at $450 each,
    and no household, so no cap: 60 x $3 + 12 x $450 = $5,580. PHP needs approval."""
    ledger = estimate(plan(STATE_A), _billing(), inputs(weeks=24), reference())
    assert ledger.client_total == Decimal("5580.00")
    assert "limit_reached" in {e.kind for e in ledger.events}
    php = estimate(plan(STATE_A), _billing(), inputs(level="2.5"), reference())
    assert php.events[0].kind == "prior_authorization"


def test_quarterly_periods_and_the_cap_arithmetic() -> None:
    assert period_key(date(2026, 3, 31), "quarter") == (2026, 1)
    assert period_key(date(2026, 4, 1), "quarter") == (2026, 2)
    # Rounded down, never up: 5% x $10,001 / 12 = $41.670833... -> $41.67.
    assert period_cap(Decimal("0.05"), Decimal(10001), "month") == Decimal("41.67")


def test_the_vectorized_totals_fall_back_to_the_ledger_for_the_cap() -> None:
    given_inputs = inputs(household={"size": 1, "annual_income": 6000})
    frame = program_frame({"p": _billing()}, plan(STATE_A), given_inputs, reference())
    totals = estimate_totals(frame, plan(STATE_A), given_inputs, reference())
    assert totals.loc[0, "client_cents"] == 7500


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    billing=programs(),
    copay=cents(0, 2_000),
    income=cents(0, 5_000_000),
    paid=cents(0, 10_000),
    period=st.sampled_from(["month", "quarter"]),
    start=st.dates(date(2024, 1, 20), date(2026, 12, 31)),
    weeks=st.integers(0, 40),
)
def test_the_household_never_pays_more_than_the_cap_in_any_period(
    billing: ProgramBilling,
    copay: Decimal,
    income: Decimal,
    paid: Decimal,
    period: str,
    start: date,
    weeks: int,
) -> None:
    tables = reference()
    assert tables.medicaid is not None
    state = tables.medicaid.states[0].model_copy(
        update={"state": "WY", "copay_per_unit": copay, "cap_period": period, "limits": []}
    )
    tables = tables.model_copy(
        update={"medicaid": tables.medicaid.model_copy(update={"states": [state]})}
    )
    medicaid = MedicaidPlan(id="random-plan", kind="medicaid", name="Medicaid", state="WY")
    given_inputs = inputs(
        start=start,
        weeks=weeks,
        household={"size": 2, "annual_income": income},
        medicaid={"paid_this_period": paid},
    )
    if "random-plan" not in billing.in_network_rates:
        return
    ledger = estimate(medicaid, billing, given_inputs, tables)
    cap = period_cap(Decimal("0.05"), income, period)
    meets = {d.index for d in billing.meeting_days}
    days = [start + timedelta(days=o) for o in range(7 * weeks)]
    # Replay: in each period the client pays min(the copays, the room left under the cap).
    by_period: dict[tuple[int, int], Decimal] = {}
    for day in (d for d in days if d.weekday() in meets):
        key = period_key(day, period)
        by_period[key] = by_period.get(key, Decimal(0)) + min(
            copay, billing.in_network_rates["random-plan"]
        )
    first = period_key(start, period)
    bound = sum(
        min(total, max(cap - (paid if key == first else Decimal(0)), Decimal(0)))
        for key, total in by_period.items()
    )
    assert ledger.client_total == bound
    assert ledger.client_total <= cap * max(len(by_period), 1)
