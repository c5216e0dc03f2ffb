"""What the client pays and when: a scholarship or grant first, then a payment plan or as billed.

Rules, each applied once:

- Help: a scholarship or grant pays `round_cents(share x the client's total)` plus its
  fixed amount, never more than the total. It is applied to the earliest bills first.
- A payment plan of n months at a yearly rate R charges r = R / 12 a month on the
  balance. The instalment is `round_cents(owed x r / (1 - (1 + r) ** -n))` (with no
  interest, `round_cents(owed / n)`); each month's interest is `round_cents(balance x r)`;
  the last instalment pays what is left, so the instalments add up to exactly what is
  owed plus the interest. The first instalment is due one month after the first day.
- Without a payment plan the client pays each week's share (after help) as billed, at
  the end of that week.

Worked by hand: $4,440 owed over 12 months at 12% a year (r = 1%): the instalment is
4,440 x 0.01 / (1 - 1.01 ** -12) = $394.49 (rounded); month 1's interest is
1% of $4,440 = $44.40, so $350.09 of the balance is paid and $4,089.91 is left.

>>> from datetime import date
>>> from decimal import Decimal as D
>>> payments = instalments(D("4440"), 12, D("0.12"), date(2026, 3, 2))
>>> payments[0].amount, payments[0].interest, payments[0].due
(Decimal('394.49'), Decimal('44.40'), datetime.date(2026, 4, 2))
>>> sum(p.amount for p in payments) - sum(p.interest for p in payments)
Decimal('4440.00')
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from carenav.costs.ledger import (
    LedgerWeek,
    Payment,
    PaymentPlan,
    PaymentSchedule,
    long_date,
    percent_text,
)
from carenav.models.base import CENT, dollars, round_cents
from carenav.models.payment import PaymentOptions

ZERO = Decimal(0)


def months_after(day: date, months: int) -> date:
    """The same day `months` months later, or that month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def scholarship(share: Decimal, options: PaymentOptions) -> Decimal:
    """What a scholarship or grant pays toward `share`: its share of it plus its amount, at most all."""
    return min(share, round_cents(share * options.scholarship_share) + options.scholarship_amount)


def instalments(owed: Decimal, months: int, yearly_rate: Decimal, start: date) -> list[Payment]:
    """Monthly instalments that pay `owed` with interest at `yearly_rate`, the first a month after `start`."""
    rate = yearly_rate / 12
    if rate:
        regular = round_cents(owed * rate / (1 - (1 + rate) ** -months))
    else:
        regular = round_cents(owed / months)
        if regular * (months - 1) > owed:  # tiny totals: whole cents down, nothing negative
            regular = (owed * 100 // months) / 100
    found: list[Payment] = []
    balance = owed
    for number in range(1, months + 1):
        interest = round_cents(balance * rate)
        amount = regular if number < months else balance + interest
        amount = min(amount, balance + interest)
        balance -= amount - interest
        found.append(
            Payment(
                label=f"Month {number}",
                due=months_after(start, number),
                amount=amount.quantize(CENT),
                interest=interest.quantize(CENT),
            )
        )
    return found


def as_billed(rows: list[LedgerWeek], help_left: Decimal) -> list[Payment]:
    """Each week's share, paid at the end of the week, with the help taken from the earliest bills."""
    found: list[Payment] = []
    for row in rows:
        covered = min(help_left, row.client_pays)
        help_left -= covered
        if row.client_pays - covered > 0:
            found.append(
                Payment(
                    label=f"Week {row.week}",
                    due=row.end,
                    amount=(row.client_pays - covered).quantize(CENT),
                )
            )
    return found


def payment_schedule(
    rows: list[LedgerWeek],
    share: Decimal,
    options: PaymentOptions,
    start: date,
    plan_months: int | None = None,
) -> PaymentSchedule | None:
    """The client's payments, or None when no help and no payment plan apply.

    `plan_months` is the plan file's own payment plan (self-pay), used when the estimate
    names none.
    """
    months = options.payment_plan_months or plan_months or 0
    if not options.any_help and not months:
        return None
    help_amount = scholarship(share, options)
    owed = share - help_amount
    explanation: list[str] = []
    if options.any_help:
        parts = []
        if options.scholarship_share:
            parts.append(
                f"{percent_text(options.scholarship_share)} of your {dollars(share)} share"
            )
        if options.scholarship_amount:
            parts.append(f"a fixed {dollars(options.scholarship_amount)}")
        explanation.append(
            f"A scholarship or grant pays {' plus '.join(parts)}"
            + (
                ", capped at what you owe"
                if help_amount
                < round_cents(share * options.scholarship_share) + options.scholarship_amount
                else ""
            )
            + f": {dollars(help_amount)}. You owe {dollars(owed)}. Ask the program for it in "
            "writing, and whether it depends on income or on finishing the program."
        )
    if months and owed > 0:
        payments = instalments(owed, months, options.interest_rate, start)
        interest = sum((p.interest for p in payments), ZERO)
        rate_words = (
            f"at {percent_text(options.interest_rate)} a year ({dollars(interest)} of interest)"
            if options.interest_rate
            else "with no interest"
        )
        explanation.append(
            f"A payment plan of {months} monthly payments {rate_words}, the first due on "
            f"{long_date(payments[0].due)}, one month after the first day; the last payment "
            "takes the cents left over. Ask the program for the plan's terms in writing."
        )
    else:
        payments = as_billed(rows, help_amount)
        interest = ZERO
        if months:
            explanation.append("Nothing is left to pay, so no payment plan is needed.")
        else:
            explanation.append(
                "You pay the rest as the program bills it, at the end of each week"
                + (", the help taken from the first bills." if help_amount else ".")
            )
    return PaymentSchedule(
        share=share.quantize(CENT),
        help=help_amount.quantize(CENT),
        owed=owed.quantize(CENT),
        interest=interest.quantize(CENT),
        total=(owed + interest).quantize(CENT),
        months=months if months and owed > 0 else None,
        interest_rate=options.interest_rate,
        payments=payments,
        explanation=explanation,
    )


def payment_plan_summary(schedule: PaymentSchedule | None) -> PaymentPlan | None:
    """The payment plan's regular and last instalment, when there is a plan."""
    if schedule is None or schedule.months is None:
        return None
    first, last = schedule.payments[0], schedule.payments[-1]
    return PaymentPlan(months=schedule.months, monthly=first.amount, last_month=last.amount)
