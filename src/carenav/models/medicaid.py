"""Medicaid's own rules as data: groups exempt from cost sharing, state copays, limits, the 5% cap.

42 CFR 447.56(a) lists groups a state may not charge (children, pregnant people for
pregnancy-related care, American Indians served by Indian health programs, and others);
447.56(f) caps a household's premiums plus cost sharing at 5% of its income, applied
monthly or quarterly as the state chooses. A state's entry says which period it uses,
its copay per billed day or session, its day or session limits and which levels need
prior authorization, in the same form as a commercial plan's.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from carenav.models.base import Identifier, Money, Source, StrictModel
from carenav.models.known import StateCode
from carenav.models.limits import LevelCode, UnitLimit, UnitLimits

CapPeriod = Literal["month", "quarter"]


class ExemptGroup(StrictModel):
    """A group Medicaid may not charge cost sharing, with the paragraph that says so."""

    id: Identifier
    name: str = Field(min_length=3, description="The group in plain words")
    citation: str = Field(min_length=3, description="e.g. '42 CFR 447.56(a)(1)(vii)'")


class StateMedicaidRules(StrictModel):
    """One state's Medicaid cost sharing for IOP and PHP, marked real or fictional."""

    state: StateCode = Field(description="Two-letter code")
    name: str = Field(min_length=2, description="The state's name, or the example's")
    fictional: bool = Field(description="True: an illustration, not the state's real rules")
    copay_per_unit: Money
    cap_period: CapPeriod = Field(
        default="month", description="The period over which the 5% income cap applies"
    )
    limits: UnitLimits = Field(default_factory=list)
    prior_authorization: list[LevelCode] = Field(default_factory=list)
    note: str | None = None
    source: Source

    def limit_for(self, level: str) -> UnitLimit | None:
        """The state's yearly cap on this level of care, if any."""
        return next((x for x in self.limits if x.level == level), None)


class MedicaidClient(StrictModel):
    """What a navigator knows about a Medicaid client's cost sharing this period."""

    exempt_group: str | None = Field(
        default=None,
        title="Exempt from Medicaid cost sharing as",
        description="A group 42 CFR 447.56(a) exempts (e.g. child, pregnant); empty: none",
    )
    paid_this_period: Money = Field(
        default=Decimal(0),
        title="Medicaid cost sharing already paid this month or quarter",
        description="Premiums and copays the household has paid in the state's current period",
    )
