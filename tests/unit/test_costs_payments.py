"""Payment options (issue 11, item 6): a scholarship or grant, a payment plan, and when each payment falls."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from carenav.costs import estimate
from carenav.costs.payments import instalments, months_after, payment_schedule, scholarship
from carenav.errors import InputError
from carenav.models.payment import PaymentOptions
from tests.unit.costs_strategies import estimate_inputs, plans, programs
from tests.unit.costs_support import inputs, plan, program, reference

CENTS = st.integers(0, 5_000_000).map(lambda c: D(c) / 100)
RATES = st.sampled_from([D(0), D("0.05"), D("0.08"), D("0.12"), D("0.1999"), D("0.36"), D(1)])


def test_a_half_scholarship_over_six_months_worked_by_hand() -> None:
    """The README case: $4,440 of cost sharing under the sample PPO.

    Half is paid by the scholarship: $2,220 is left. Six monthly payments with no
    interest: $2,220 / 6 = $370.00 each, the first on Thu 2 April 2026 (one month after
    Mon 2 March), the last on Wed 2 September 2026.
    """
    given = inputs(payment={"scholarship_share": "0.5", "payment_plan_months": 6})
    ledger = estimate(plan("example-ppo-2026"), program(), given, reference())
    schedule = ledger.payment_schedule
    assert schedule is not None
    assert (schedule.share, schedule.help, schedule.owed) == (D("4440"), D("2220"), D("2220"))
    assert [p.amount for p in schedule.payments] == [D("370.00")] * 6
    assert [p.due for p in schedule.payments][::5] == [date(2026, 4, 2), date(2026, 9, 2)]
    assert ledger.payment_plan is not None and ledger.payment_plan.monthly == D("370.00")
    assert ledger.totals.client_pays == D("4440.00")  # the ledger's cost sharing is unchanged


def test_twelve_months_at_twelve_percent_worked_by_hand() -> None:
    """$4,440 at 12% a year (1% a month) over 12 months.

    Instalment: 4,440 x 0.01 / (1 - 1.01^-12) = 394.488..., so $394.49. Month 1's
    interest is $44.40 (1% of $4,440); the last payment is what is left with its
    interest, $394.46; the interest adds up to 11 x 394.49 + 394.46 - 4,440 = $293.85.
    """
    payments = instalments(D("4440"), 12, D("0.12"), date(2026, 3, 2))
    assert payments[0].amount == D("394.49") and payments[0].interest == D("44.40")
    assert payments[-1].amount == D("394.46")
    assert sum(p.interest for p in payments) == D("293.85")


def test_a_grant_is_taken_from_the_first_bills_when_there_is_no_payment_plan() -> None:
    """A $1,500 grant under the sample PPO pays week 1 ($1,350) and $150 of week 2's $390."""
    given = inputs(payment={"scholarship_amount": "1500"})
    ledger = estimate(plan("example-ppo-2026"), program(), given, reference())
    schedule = ledger.payment_schedule
    assert schedule is not None and schedule.months is None
    first = schedule.payments[0]
    assert (first.label, first.due, first.amount) == ("Week 2", date(2026, 3, 15), D("240.00"))
    assert sum(p.amount for p in schedule.payments) == D("2940.00")


def test_a_self_pay_plans_own_payment_plan_still_applies() -> None:
    base = plan("self-pay")
    monthly = base.model_copy(update={"payment_plan_months": 7})
    ledger = estimate(monthly, program(rate=None, cash="100"), inputs(weeks=1), reference())
    assert ledger.payment_plan is not None and ledger.payment_plan.monthly == D("42.86")


def test_no_help_and_no_plan_adds_nothing_to_the_ledger() -> None:
    ledger = estimate(plan("example-ppo-2026"), program(), inputs(), reference())
    assert ledger.payment_schedule is None and ledger.payment_plan is None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 2), 12, date(2027, 3, 2)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
    ],
)
def test_a_month_later_is_the_same_day_or_the_months_last(
    day: date, months: int, expected: date
) -> None:
    assert months_after(day, months) == expected


@settings(max_examples=300, deadline=None)
@given(CENTS, st.integers(1, 60), RATES)
def test_instalments_pay_exactly_what_is_owed_plus_their_interest(
    owed: D, months: int, rate: D
) -> None:
    payments = instalments(owed, months, rate, date(2026, 3, 2))
    assert len(payments) == months
    assert all(p.amount >= 0 and 0 <= p.interest <= p.amount for p in payments)
    assert sum((p.amount - p.interest for p in payments), D(0)) == owed
    dues = [p.due for p in payments]
    assert dues == sorted(dues) and len(set(dues)) == months
    if not rate:
        regular = payments[0].amount
        assert all(p.amount == regular for p in payments[:-1])
        assert abs(payments[-1].amount - regular) < D(months) / 100 + D("0.01")


@settings(max_examples=200, deadline=None)
@given(CENTS, st.integers(1, 60), RATES, RATES)
def test_a_higher_rate_never_costs_less_interest(owed: D, months: int, low: D, high: D) -> None:
    low, high = min(low, high), max(low, high)
    cheap = sum(p.interest for p in instalments(owed, months, low, date(2026, 3, 2)))
    dear = sum(p.interest for p in instalments(owed, months, high, date(2026, 3, 2)))
    assert cheap <= dear + D("0.01") * months  # rounding per month may move a cent


@settings(max_examples=300, deadline=None)
@given(CENTS, st.sampled_from([D(0), D("0.1"), D("0.333"), D("0.5"), D(1)]), CENTS)
def test_help_is_never_negative_nor_more_than_the_client_owes(share: D, part: D, amount: D) -> None:
    options = PaymentOptions(scholarship_share=part, scholarship_amount=amount)
    helped = scholarship(share, options)
    assert D(0) <= helped <= share
    schedule = payment_schedule([], share, options, date(2026, 3, 2))
    if not options.any_help:
        assert schedule is None  # nothing to show: no help and no payment plan
        return
    assert schedule is not None
    assert schedule.owed == share - helped and schedule.total == schedule.owed


@st.composite
def options(draw: st.DrawFn) -> PaymentOptions:
    return PaymentOptions(
        scholarship_share=draw(st.sampled_from([D(0), D("0.25"), D("0.5"), D(1)])),
        scholarship_amount=draw(st.sampled_from([D(0), D(0), D("100"), D("2500.50")])),
        payment_plan_months=draw(st.sampled_from([0, 0, 1, 6, 24])),
        interest_rate=draw(st.sampled_from([D(0), D("0.08")])),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_estimates_payments_add_up_to_its_total_after_help(data: st.DataObject) -> None:
    plan_ = data.draw(plans())
    billing = data.draw(programs())
    given = data.draw(estimate_inputs(plan_)).model_copy(update={"payment": data.draw(options())})
    try:
        ledger = estimate(plan_, billing, given, reference())
    except InputError:
        assume(False)
        raise
    schedule = ledger.payment_schedule
    if schedule is None:
        return
    assert schedule.share == ledger.totals.client_pays
    assert schedule.owed == schedule.share - schedule.help and schedule.help >= 0
    paid = sum((p.amount for p in schedule.payments), D(0))
    assert paid == schedule.total == schedule.owed + schedule.interest
    assert all(p.due >= given.start for p in schedule.payments)
