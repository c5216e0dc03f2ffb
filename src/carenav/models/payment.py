"""Payment options a program may offer: a scholarship or grant, and a payment plan.

A scholarship or grant pays a share of what the client owes, or a fixed amount, or both
(the share first, never more than the client owes). A payment plan spreads what is left
over equal monthly instalments, with interest when the program charges any.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from carenav.models.base import Money, Rate, StrictModel


class PaymentOptions(StrictModel):
    """How the client pays their share: help that lowers it, then instalments (or as billed)."""

    scholarship_share: Rate = Field(
        default=Decimal(0),
        title="Scholarship or grant: share it pays",
        description="Share of your cost a scholarship or grant pays; 0.5 is half, 0 is none",
    )
    scholarship_amount: Money = Field(
        default=Decimal(0),
        title="Scholarship or grant: amount it pays",
        description="Dollars a scholarship or grant pays toward your cost; 0 is none",
    )
    payment_plan_months: int = Field(
        default=0,
        ge=0,
        le=60,
        title="Payment plan: months",
        description="Monthly instalments over this many months; 0 means pay as the program bills",
    )
    interest_rate: Rate = Field(
        default=Decimal(0),
        title="Payment plan: yearly interest rate",
        description="The plan's annual percentage rate; 0.08 is 8%, 0 is no interest",
    )

    @property
    def any_help(self) -> bool:
        """Whether a scholarship or grant was given."""
        return bool(self.scholarship_share or self.scholarship_amount)
