"""How a program bills: the unit, its charge and cash price, and the days it meets."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator

from carenav.models.base import Rate, StrictModel, UnitPrice
from carenav.models.medicare import MedicareSetting


class Weekday(StrEnum):
    """A day of the week, as programs print them on schedules."""

    MON = "Mon"
    TUE = "Tue"
    WED = "Wed"
    THU = "Thu"
    FRI = "Fri"
    SAT = "Sat"
    SUN = "Sun"

    # Shadows str.index on purpose: the cost and matching engines read day.index.
    @property
    def index(self) -> int:  # type: ignore[override]
        """Monday is 0, as in datetime.date.weekday()."""
        return _WEEKDAY_NUMBER[self]


# Looked up once: sorting meeting days runs for every row of a 20,000-program directory.
_WEEKDAY_NUMBER = {day: number for number, day in enumerate(Weekday)}

# A program day for IOP and PHP (per diem billing such as H0015 or S9480); a session for outpatient.
BillingUnit = Literal["day", "session"]


class SlidingScaleTier(StrictModel):
    """One pay class: households at or below this share of the poverty guideline pay this share of the cash price."""

    up_to_percent_of_poverty: int | None = Field(
        default=None,
        ge=0,
        le=1000,
        description="Upper bound in percent of the HHS guideline; none = above every tier",
    )
    pays: Rate


class ProgramBilling(StrictModel):
    """Billing facts the cost engine reads for one program."""

    unit: BillingUnit = "day"
    charge: UnitPrice | None = Field(
        default=None, description="Billed charge per unit, before any plan"
    )
    cash_price: UnitPrice | None = Field(default=None, description="Self-pay price per unit")
    in_network_rates: dict[str, UnitPrice] = Field(
        default_factory=dict, description="Contracted allowed amount per unit, by plan id"
    )
    sliding_scale: list[SlidingScaleTier] | None = None
    meeting_days: list[Weekday] = Field(min_length=1, description="Days a week the program meets")
    planned_weeks: int | None = Field(default=None, ge=1, le=104)
    medicare_setting: MedicareSetting | None = Field(
        default=None,
        description="Where the program bills Medicare (hopd, cmhc, fqhc, rhc, otp, office)",
    )

    @field_validator("meeting_days")
    @classmethod
    def _days_once_each(cls, days: list[Weekday]) -> list[Weekday]:
        if len(set(days)) != len(days):
            raise ValueError("a meeting day is listed twice; list each day once")
        return sorted(days, key=lambda d: d.index)


# Days a program meets when only a count is known: spread through the working week.
DEFAULT_WEEKDAYS: dict[int, tuple[Weekday, ...]] = {
    1: (Weekday.MON,),
    2: (Weekday.TUE, Weekday.THU),
    3: (Weekday.MON, Weekday.WED, Weekday.FRI),
    4: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU),
    5: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI),
    6: tuple(list(Weekday)[:6]),
    7: tuple(Weekday),
}


class RateEntry(StrictModel):
    """A program described by the navigator: the plan's rate, the days it meets, and its prices.

    The meeting days are the schedule itself, so the ledger bills exactly those dates;
    how many days a week follows from them and is not asked separately.
    """

    rate: UnitPrice = Field(
        title="Plan's rate per day or session", description="The allowed amount, dollars"
    )
    meeting_days: list[Weekday] = Field(
        default_factory=lambda: list(DEFAULT_WEEKDAYS[3]),
        title="Days it meets",
        description="Tick each day of the week the program meets (at least one)",
    )
    charge: UnitPrice | None = Field(
        default=None, title="Billed charge", description="Dollars per unit; empty: same as the rate"
    )
    cash_price: UnitPrice | None = Field(
        default=None, title="Cash price", description="Self-pay dollars per unit; empty: the charge"
    )
    unit: BillingUnit = "day"

    @field_validator("meeting_days")
    @classmethod
    def _some_days_once_each(cls, days: list[Weekday]) -> list[Weekday]:
        if not days:
            raise ValueError("Tick at least one day the program meets.")
        if len(set(days)) != len(days):
            raise ValueError("A meeting day is listed twice; list each day once.")
        return sorted(days, key=lambda d: d.index)

    @property
    def days_per_week(self) -> int:
        """How many days a week the program meets (from the days chosen)."""
        return len(self.meeting_days)

    def billing(self, plan_id: str) -> ProgramBilling:
        """The entry as ProgramBilling, with the rate for `plan_id` and the chosen meeting days."""
        return ProgramBilling(
            unit=self.unit,
            charge=self.charge if self.charge is not None else self.rate,
            cash_price=self.cash_price,
            in_network_rates={plan_id: self.rate},
            meeting_days=self.meeting_days,
        )
