"""Reference figures the cost engine reads: Medicare Part B by year, poverty guidelines, limits.

Every figure is a dated value with its source, loaded from data/reference/ (openfisca
style: values keyed by the date or year they take effect). FPL means the federal
poverty level, i.e. the HHS poverty guideline for a household size, year and region.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field, field_validator

from carenav.errors import InputError, UnknownIdError
from carenav.models.base import Day, Identifier, Money, Rate, Source, StrictModel
from carenav.models.billing import SlidingScaleTier
from carenav.models.medicaid import ExemptGroup, StateMedicaidRules
from carenav.models.medicare import (
    SETTING_NAMES,
    DualRule,
    DualStatus,
    MedicareSetting,
    MedicareSettingRule,
)
from carenav.models.regions import REGION_NAMES, Region

__all__ = ["REGION_NAMES", "Region"]  # re-exported: their home is carenav.models.regions


class MedicarePartBYear(StrictModel):
    """Original Medicare Part B figures for one calendar year."""

    year: int = Field(ge=2000, le=2100)
    deductible: Money
    coinsurance: Rate = Field(description="Share of the Medicare-approved amount, 0.2 is 20%")
    standard_premium_monthly: Money | None = None
    part_a_inpatient_deductible: Money | None = Field(
        default=None,
        description="Part A's inpatient deductible; also caps a hospital outpatient coinsurance",
    )
    source: Source


class PovertyGuideline(StrictModel):
    """HHS poverty guideline for one region, from its effective date: a base plus a step per person."""

    year: int = Field(ge=2000, le=2100)
    effective: Day
    region: Region
    first_person: Money
    each_additional_person: Money
    source: Source

    def for_household(self, size: int) -> Decimal:
        """The guideline in dollars for a household of this many people (1 or more)."""
        return self.first_person + self.each_additional_person * (size - 1)


class OutOfPocketLimit(StrictModel):
    """The most a plan may set as its in-network out-of-pocket maximum in one year."""

    year: int = Field(ge=2000, le=2100)
    self_only: Money
    family: Money | None = None
    source: Source


class SlidingScale(StrictModel):
    """Pay classes by household income as a percentage of the poverty guideline."""

    id: Identifier
    title: str = Field(min_length=3)
    tiers: list[SlidingScaleTier] = Field(min_length=1)
    source: Source

    @field_validator("tiers")
    @classmethod
    def _tiers_rise_and_cover_everyone(
        cls, tiers: list[SlidingScaleTier]
    ) -> list[SlidingScaleTier]:
        return check_tiers(tiers)


def check_tiers(tiers: list[SlidingScaleTier]) -> list[SlidingScaleTier]:
    """Tiers must rise and the last must have no upper bound, so every household falls in one."""
    bounds = [t.up_to_percent_of_poverty for t in tiers]
    if bounds[-1] is not None:
        raise ValueError(
            "the last tier needs no up_to_percent_of_poverty, so it covers every income"
        )
    if any(b is None for b in bounds[:-1]):
        raise ValueError("only the last tier may leave up_to_percent_of_poverty out")
    known = [b for b in bounds if b is not None]
    if known != sorted(set(known)):
        raise ValueError(
            "tiers must be listed from lowest to highest percent of poverty, each once"
        )
    return tiers


class MedicaidCostSharing(StrictModel):
    """The federal ceilings of 42 CFR 447.52 and the per-state copays carenav knows."""

    ceiling_per_visit_at_or_below_100_percent: Money = Field(
        description="Most a client at or below 100% FPL may pay per outpatient visit"
    )
    ceiling_share_101_to_150_percent: Rate = Field(description="Share of the state's cost")
    ceiling_share_above_150_percent: Rate = Field(description="Share of the state's cost")
    family_income_cap: Rate = Field(
        description="Premiums plus cost sharing, share of family income"
    )
    default_copay_per_unit: Money = Decimal(0)
    default_note: str = Field(min_length=3)
    source: Source
    states: list[StateMedicaidRules] = Field(default_factory=list)
    exempt_groups: list[ExemptGroup] = Field(
        default_factory=list, description="Groups 42 CFR 447.56(a) exempts from cost sharing"
    )

    def state_rules(self, state: str) -> StateMedicaidRules | None:
        """The state's entry, if the data has one."""
        return next((entry for entry in self.states if entry.state == state), None)

    def exempt_group(self, group_id: str) -> ExemptGroup:
        """The exempt group with this id; UnknownIdError names the known ones."""
        for group in self.exempt_groups:
            if group.id == group_id:
                return group
        raise UnknownIdError("Medicaid exempt group", group_id, [g.id for g in self.exempt_groups])

    def copay_for(self, state: str) -> tuple[Decimal, str]:
        """The copay per unit in this state and a note on where it comes from."""
        for entry in self.states:
            if entry.state == state:
                label = f"{entry.name}, a fictional example" if entry.fictional else entry.name
                note = f"{label}: {entry.note or 'from ' + entry.source.citation()}"
                return entry.copay_per_unit, note
        return self.default_copay_per_unit, self.default_note

    def ceiling(self, percent_of_poverty: Decimal, state_cost: Decimal) -> Decimal:
        """The federal ceiling on cost sharing per outpatient visit for this income band."""
        if percent_of_poverty <= 100:
            return self.ceiling_per_visit_at_or_below_100_percent
        if percent_of_poverty <= 150:
            return self.ceiling_share_101_to_150_percent * state_cost
        return self.ceiling_share_above_150_percent * state_cost


class ReferenceTables(StrictModel):
    """All reference figures from one data folder, with lookups by date, year and region."""

    medicare_part_b: list[MedicarePartBYear] = Field(default_factory=list)
    poverty_guidelines: list[PovertyGuideline] = Field(default_factory=list)
    aca_limits: list[OutOfPocketLimit] = Field(default_factory=list)
    medicare_advantage_limits: list[OutOfPocketLimit] = Field(default_factory=list)
    sliding_scales: list[SlidingScale] = Field(default_factory=list)
    medicaid: MedicaidCostSharing | None = None
    medicare_settings: list[MedicareSettingRule] = Field(default_factory=list)
    dual_rules: list[DualRule] = Field(default_factory=list)

    def setting_rule(self, setting: MedicareSetting, on: date) -> MedicareSettingRule:
        """The Part B rule for a billing setting in effect on a date (InputError when none is)."""
        rows = [r for r in self.medicare_settings if r.setting == setting and r.effective <= on]
        if not rows:
            raise InputError(
                "setting",
                f"carenav's data has no Medicare rule for {SETTING_NAMES[setting]} in effect on {on}",
                "a setting and date the Medicare rules cover (data/reference/medicare_rules.yaml)",
            )
        return max(rows, key=lambda r: r.effective)

    def dual_rule(self, status: DualStatus, on: date) -> DualRule | None:
        """The rule for a Medicare Savings Program status in effect on a date; None for Medicare only."""
        if status == "none":
            return None
        rows = [r for r in self.dual_rules if r.status == status and r.effective <= on]
        if not rows:
            raise InputError(
                "dual eligibility",
                f"carenav's data has no rule for the status '{status}' in effect on {on}",
                "a status the Medicare rules cover (data/reference/medicare_rules.yaml)",
            )
        return max(rows, key=lambda r: r.effective)

    def part_b(self, year: int) -> tuple[MedicarePartBYear, str | None]:
        """Part B figures for a service year, and a caveat when an earlier year's stand in.

        Raises InputError for a year before every row in the data.

        A year not yet published (an episode running into next year) uses the latest
        earlier year, and says so; a year before every row is refused.
        """
        rows = sorted(self.medicare_part_b, key=lambda r: r.year)
        exact = [r for r in rows if r.year == year]
        if exact:
            return exact[0], None
        earlier = [r for r in rows if r.year < year]
        if not earlier:
            known = ", ".join(str(r.year) for r in rows) or "none"
            raise InputError(
                "start",
                f"carenav's data has no Medicare Part B figures for {year}",
                f"a service year the data covers ({known})",
            )
        stand_in = earlier[-1]
        return stand_in, (
            f"Medicare has not published (in carenav's data) its Part B figures for {year}; "
            f"{stand_in.year}'s are used (deductible ${stand_in.deductible}), so the {year} "
            "figures may differ."
        )

    def poverty_guideline(self, on: date, region: Region) -> PovertyGuideline:
        """The guideline in effect on a date: the latest one whose effective date is on or before it."""
        rows = [g for g in self.poverty_guidelines if g.region == region and g.effective <= on]
        if not rows:
            raise InputError(
                "household",
                f"carenav's data has no poverty guideline for {REGION_NAMES[region]} in effect on {on}",
                "a start date the poverty-guideline table covers",
            )
        return max(rows, key=lambda g: g.effective)

    def percent_of_poverty(self, income: Decimal, size: int, on: date, region: Region) -> Decimal:
        """Household income as a percentage of the guideline (exact; not rounded)."""
        guideline = self.poverty_guideline(on, region).for_household(size)
        return income * 100 / guideline

    def aca_limit(self, year: int) -> OutOfPocketLimit | None:
        """The ACA in-network out-of-pocket limit for a plan year, if the data has it."""
        return next((x for x in self.aca_limits if x.year == year), None)

    def medicare_advantage_limit(self, year: int) -> OutOfPocketLimit | None:
        """The Medicare Advantage in-network maximum out-of-pocket for a year, if the data has it."""
        return next((x for x in self.medicare_advantage_limits if x.year == year), None)

    def sliding_scale(self, scale_id: str) -> SlidingScale:
        """The sliding scale with this id; UnknownIdError when the data has none."""
        for scale in self.sliding_scales:
            if scale.id == scale_id:
                return scale
        raise UnknownIdError("sliding scale", scale_id, [s.id for s in self.sliding_scales])
