"""The cost ledger: what a client pays week by week, the moments that matter, and why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from carenav.dates import next_monday as next_monday
from carenav.models.base import Money, Rate, StrictModel
from carenav.models.coverage import Network


def percent_text(share: Decimal) -> str:
    """0.2 -> '20%'; 0.125 -> '12.5%'."""
    return f"{(share * 100).normalize():f}%"


def long_date(day: date) -> str:
    """A date as clients read it: 'Mon 02 Mar 2026'."""
    return f"{day:%a %d %b %Y}"


EventKind = Literal[
    "prior_authorization",
    "deductible_met",
    "out_of_pocket_max_reached",
    "limit_reached",
    "plan_year_reset",
    "medicaid_ceiling",
    "medicaid_income_cap",
    "medicaid_cap_reached",
    "good_faith_estimate",
]


class CostEvent(StrictModel):
    """A moment that changes the picture, e.g. 'deductible met in week 2', in plain words."""

    kind: EventKind
    week: int | None = Field(
        default=None, description="Week of the estimate it falls in; None: before day 1"
    )
    on: date | None = None
    text: str


class AppliedRule(StrictModel):
    """A dated rule that shaped the estimate, in words, with its source: the ledger's "why"."""

    kind: str = Field(description="e.g. 'medicare_setting', 'dual_qmb'")
    text: str
    source: str = Field(description="The rule's citation, e.g. 'CMS MLN Matters SE1128 (2017)'")


class LedgerWeek(StrictModel):
    """One week of the estimate: the units billed and who pays what, in dollars."""

    week: int = Field(ge=1)
    start: date
    end: date
    units: int = Field(ge=0)
    charge: Money = Field(description="The program's billed charge (self-pay: cash price)")
    allowed: Money = Field(
        description="The amount the plan recognizes (self-pay: price after discount)"
    )
    plan_pays: Money
    deductible: Money
    copay: Money
    coinsurance: Money
    not_covered: Money = Field(description="Units the plan does not cover, or the self-pay price")
    balance_bill: Money = Field(description="Out of network: charge minus allowed amount")
    client_pays: Money
    cumulative_client_pays: Money


class LedgerTotals(StrictModel):
    """The sums of the weekly rows."""

    units: int = Field(ge=0)
    charge: Money
    allowed: Money
    plan_pays: Money
    deductible: Money
    copay: Money
    coinsurance: Money
    not_covered: Money
    balance_bill: Money
    client_pays: Money


class PaymentPlan(StrictModel):
    """A self-pay total spread over months: equal payments, the last one adjusted by the cents left."""

    months: int = Field(ge=1)
    monthly: Money
    last_month: Money


class Payment(StrictModel):
    """One payment the client makes: which one, when it is due, how much, and the interest in it."""

    label: str = Field(description="'Week 3' (paid as billed) or 'Month 2' (a payment plan)")
    due: date
    amount: Money
    interest: Money = Field(
        default=Decimal(0), description="The part of the amount that is interest"
    )


class PaymentSchedule(StrictModel):
    """What the client pays and when, after any scholarship or grant, with any payment plan."""

    share: Money = Field(description="The client's total from the ledger, before any help")
    help: Money = Field(description="What the scholarship or grant pays")
    owed: Money = Field(description="share - help: what the client pays, before interest")
    interest: Money = Field(description="Interest over the whole payment plan")
    total: Money = Field(description="owed + interest: everything the client pays")
    months: int | None = Field(description="Months of the payment plan; None: paid as billed")
    interest_rate: Rate = Field(description="The payment plan's yearly rate (0.08 is 8%)")
    payments: list[Payment]
    explanation: list[str] = Field(description="How help and instalments were worked out")


class DataVersion(StrictModel):
    """Which data the estimate used, so a figure can be traced and re-checked."""

    plan_id: str
    plan_kind: str
    parameters: list[str] = Field(default_factory=list, description="e.g. 'Medicare Part B 2026'")


class CostLedger(StrictModel):
    """An estimate for one plan, one program and one schedule: rows, totals, events, assumptions."""

    plan_name: str
    program: str
    level: str
    network: Network
    start: date
    weeks: int
    unit: str
    rows: list[LedgerWeek]
    totals: LedgerTotals
    events: list[CostEvent]
    assumptions: list[str]
    payment_plan: PaymentPlan | None = None
    payment_schedule: PaymentSchedule | None = Field(
        default=None,
        description="What the client pays and when, when a scholarship or payment plan applies",
    )
    data_version: DataVersion
    rules_applied: list[AppliedRule] = Field(
        default_factory=list, description="The dated rules that decided the client's share"
    )

    @property
    def client_total(self) -> Decimal:
        """What the client pays over the whole estimate."""
        return self.totals.client_pays


# The money columns of a ledger week, in reading order, with the words a client sees;
# the command line and the app print the same table.
LEDGER_COLUMNS = (
    ("allowed", "Allowed"),
    ("plan_pays", "Plan pays"),
    ("deductible", "Deductible"),
    ("copay", "Copay"),
    ("coinsurance", "Coinsurance"),
    ("not_covered", "Not covered"),
    ("balance_bill", "Balance bill"),
    ("client_pays", "You pay"),
    ("cumulative_client_pays", "Running total"),
)
