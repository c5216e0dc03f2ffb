"""Coverage: the client's plan (commercial, Medicare, Medicaid or self-pay), accumulators and household.

A plan file in data/payers/ is one of these models, told apart by its `kind`. Level
codes are ASAM's (2.1 is intensive outpatient, IOP; 2.5 is partial hospitalization, PHP).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from carenav.models.base import Day, Identifier, Money, Rate, Source, StrictModel, UnitPrice
from carenav.models.known import StateCode
from carenav.models.limits import LevelCode, UnitLimit, UnitLimits

__all__ = ["LevelCode", "UnitLimit"]  # re-exported: their home is carenav.models.limits
from carenav.models.medicaid import MedicaidClient
from carenav.models.medicare import DualEligibility, MedicareSetting
from carenav.models.payment import PaymentOptions
from carenav.models.regions import Region

Network = Literal["in", "out"]
# The first days an estimate may start on.
FIRST_START = date(2000, 1, 1)
LAST_START = date(2100, 12, 31)

LEVEL_NAMES = {"2.1": "IOP", "2.5": "PHP", "1": "outpatient"}


def level_name(code: str) -> str:
    """'2.1' -> 'IOP (level 2.1)'; a level without a common short name keeps its number."""
    short = LEVEL_NAMES.get(code)
    return f"{short} (level {code})" if short else f"level {code}"


class CostSharing(StrictModel):
    """What the client pays in one network tier: deductible, then copay or coinsurance, up to a maximum.

    `copay_before_deductible: true` means the copay is charged from the first unit and the
    deductible does not apply to this service; otherwise the deductible comes first and the
    copay (or coinsurance) applies to what is left of each unit's allowed amount.
    """

    deductible: Money = Field(
        default=Decimal(0),
        title="Deductible",
        description="Dollars a plan year the client pays before the plan shares the cost",
    )
    coinsurance: Rate = Field(
        default=Decimal(0),
        title="Coinsurance",
        description="Share of the allowed amount the client pays; 0.2 is 20%",
    )
    copay_per_unit: UnitPrice = Field(
        default=Decimal(0), title="Copay per day or session", description="Dollars per billed unit"
    )
    copay_before_deductible: bool = Field(
        default=False,
        title="Copay applies before the deductible",
        description="Ticked: the copay is due from day 1 and the deductible does not apply",
    )
    out_of_pocket_max: Money | None = Field(
        default=None,
        title="Out-of-pocket maximum",
        description="Dollars a plan year; leave empty for no maximum",
    )
    family_deductible: Money | None = Field(
        default=None,
        title="Family deductible",
        description="Dollars a plan year for the whole family; empty: no family coverage terms",
    )
    family_out_of_pocket_max: Money | None = Field(
        default=None,
        title="Family out-of-pocket maximum",
        description="Dollars a plan year for the whole family; empty: none",
    )
    family_embedded: bool = Field(
        default=True,
        title="Embedded family amounts",
        description="Ticked: each person's own deductible and maximum apply inside the family's; "
        "not ticked: only the family's amounts apply (aggregate)",
    )


class OutOfNetwork(CostSharing):
    """Out-of-network benefit: cost sharing on an allowed amount below the charge, plus a balance bill."""

    allowed_percent_of_charge: Rate | None = Field(
        default=None, description="Allowed amount as a share of the billed charge (0.6 is 60%)"
    )
    allowed_per_unit: UnitPrice | None = Field(
        default=None, description="A fixed allowed amount per unit"
    )
    balance_billing: bool = Field(
        default=True,
        description="The program may bill the client the charge minus the allowed amount",
    )

    @model_validator(mode="after")
    def _one_allowed_rule(self) -> OutOfNetwork:
        given = (self.allowed_percent_of_charge is not None) + (self.allowed_per_unit is not None)
        if given != 1:
            raise ValueError(
                "give exactly one of allowed_percent_of_charge and allowed_per_unit "
                "for the out-of-network allowed amount"
            )
        return self


class _PlanBase(StrictModel):
    id: Identifier
    name: str = Field(min_length=3)
    description: str | None = None
    sources: list[Source] = Field(default_factory=list)


class PlanYearTerms(StrictModel):
    """One later plan year's own terms: they replace the plan's from that year's first day.

    The same three parts as the plan's first year: in-network cost sharing, the
    out-of-network tier (None: no out-of-network benefit) and the day or session limits.
    """

    starts: Day = Field(description="First day of the plan year these terms are for")
    in_network: CostSharing
    out_of_network: OutOfNetwork | None = Field(
        default=None, description="None: no out-of-network benefit"
    )
    limits: UnitLimits = Field(default_factory=list)


class CommercialPlan(_PlanBase):
    """An employer or marketplace plan, or a Medicare Advantage plan: tiers, limits, prior authorization.

    `in_network`, `out_of_network` and `limits` are the terms of the plan year that starts
    on `plan_year_start`. Later plan years may have their own terms in `later_years`, each
    dated by the day it starts (dated values, as in OpenFisca): a plan year uses the terms
    dated last on or before its first day, so a year with no entry keeps the last known
    terms, and the estimate says so.
    """

    kind: Literal["commercial", "medicare_advantage"]
    plan_year_start: Day = Field(
        description="First day of a plan year; later years start on its anniversary"
    )
    in_network: CostSharing
    out_of_network: OutOfNetwork | None = Field(
        default=None, description="None: no out-of-network benefit"
    )
    limits: UnitLimits = Field(default_factory=list)
    prior_authorization: list[LevelCode] = Field(
        default_factory=list, description="Levels that need the plan's approval before day 1"
    )
    later_years: list[PlanYearTerms] = Field(
        default_factory=list,
        description="Terms of later plan years, in order, each starting on an anniversary of "
        "plan_year_start; a plan year with no entry keeps the last terms given",
    )

    @field_validator("plan_year_start")
    @classmethod
    def _not_leap_day(cls, value: date) -> date:
        if value.month == 2 and value.day == 29:
            raise ValueError("a plan year cannot start on 29 February; use 1 March")
        return value

    @model_validator(mode="after")
    def _later_years_start_plan_years(self) -> CommercialPlan:
        previous = first = self.plan_year_start
        for year in self.later_years:
            starts = year.starts
            if starts <= previous or (starts.month, starts.day) != (first.month, first.day):
                raise ValueError(
                    f"later_years: {starts.isoformat()} is not the first day of a later plan "
                    f"year; give dates in order after {previous.isoformat()}, each on "
                    f"{first:%d %B}"
                )
            previous = starts
            if _allowed_rule(year.out_of_network) != _allowed_rule(self.out_of_network):
                raise ValueError(
                    f"later_years: {starts.isoformat()} changes whether there is an "
                    "out-of-network benefit or how its allowed amount is set; a later year may "
                    "change only the out-of-network cost sharing (carenav prices a unit once "
                    "per estimate)"
                )
        return self

    def terms_from(self, first_day: date) -> date:
        """The first day of the plan year whose terms apply to the plan year from `first_day`.

        The latest of `plan_year_start` and the `later_years` keys on or before `first_day`;
        for a year before the plan's first one, the first one's.
        """
        given = [self.plan_year_start, *(year.starts for year in self.later_years)]
        return max((day for day in given if day <= first_day), default=self.plan_year_start)

    def for_year(self, first_day: date) -> CommercialPlan:
        """The plan with the terms in force in the plan year that starts on `first_day`."""
        starts = self.terms_from(first_day)
        if starts == self.plan_year_start:
            return self
        year = next(year for year in self.later_years if year.starts == starts)
        return self.model_copy(
            update={
                "in_network": year.in_network,
                "out_of_network": year.out_of_network,
                "limits": year.limits,
                "later_years": [],
            }
        )

    def tier(self, network: Network) -> CostSharing | None:
        """The cost sharing of a network tier, or None when the plan has no such benefit."""
        return self.in_network if network == "in" else self.out_of_network

    def limit_for(self, level: str) -> UnitLimit | None:
        """The plan-year cap on this level of care, if any."""
        return next((x for x in self.limits if x.level == level), None)


def _allowed_rule(tier: OutOfNetwork | None) -> tuple[object, ...] | None:
    """How an out-of-network tier sets the allowed amount, or None without the benefit."""
    if tier is None:
        return None
    return (tier.allowed_percent_of_charge, tier.allowed_per_unit, tier.balance_billing)


class OriginalMedicarePlan(_PlanBase):
    """Original Medicare Part B, with an optional Medigap plan.

    The deductible and coinsurance come from the reference table for the service year.
    Medigap G pays the Part B coinsurance; Medigap F pays the coinsurance and the
    deductible (F is sold only to people eligible for Medicare before 2020).
    """

    kind: Literal["medicare_part_b"]
    medigap: Literal["none", "F", "G"] = "none"


class MedicaidPlan(_PlanBase):
    """A state's Medicaid: a copay per unit from the state table (default $0), or one set here."""

    kind: Literal["medicaid"]
    state: StateCode = Field(description="Two-letter postal code, e.g. NY")
    copay_per_unit: UnitPrice | None = Field(default=None, description="None: use the state table")


class SelfPayPlan(_PlanBase):
    """No plan: the program's cash price, on a sliding scale when the household qualifies."""

    kind: Literal["self_pay"]
    sliding_scale: Identifier = Field(
        default="default-sliding-scale",
        description="Scale used when the program publishes none (an id in data/reference/)",
    )
    payment_plan_months: int | None = Field(default=None, ge=1, le=60)


CoveragePlan = Annotated[
    CommercialPlan | OriginalMedicarePlan | MedicaidPlan | SelfPayPlan,
    Field(discriminator="kind"),
]


class Accumulators(StrictModel):
    """What the client has already used in the current plan year, in the tier being estimated."""

    deductible_met: Money = Field(
        default=Decimal(0),
        title="Deductible met so far",
        description="Dollars already paid toward this plan year's deductible",
    )
    out_of_pocket_met: Money = Field(
        default=Decimal(0),
        title="Out-of-pocket met so far",
        description="Dollars already paid toward this plan year's out-of-pocket maximum",
    )
    days_used: int = Field(
        default=0,
        ge=0,
        le=366,
        title="Days or sessions used so far",
        description="Of this level of care, this plan year: what counts toward a plan's limit",
    )
    family_deductible_met: Money = Field(
        default=Decimal(0),
        title="Family deductible met",
        description="Family coverage: what the whole family has paid toward its deductible",
    )
    family_out_of_pocket_met: Money = Field(
        default=Decimal(0),
        title="Family out-of-pocket met",
        description="Family coverage: what the whole family has paid toward its maximum",
    )


class Household(StrictModel):
    """The client's household, for sliding scales and Medicaid's income bands."""

    size: int = Field(ge=1, le=20, title="Household size", description="People in the household")
    annual_income: Money = Field(
        title="Household income a year",
        description="Dollars before taxes, everyone in the household",
    )
    region: Region = Field(
        default="contiguous",
        title="Where the household lives",
        description="Alaska and Hawaii have their own poverty guidelines",
    )


class EstimateInputs(StrictModel):
    """What the navigator chooses besides plan and program: when, how long, which network, so far."""

    start: Day = Field(title="First day", description="The first day of the program")
    weeks: int = Field(ge=0, le=104, title="Weeks", description="Length of the estimate in weeks")

    @field_validator("start")
    @classmethod
    def _start_in_range(cls, value: date) -> date:
        # Plan years, Medicare figures and poverty guidelines are dated; an episode that
        # starts outside these years has no answer (and 9999-12-31 + weeks overflows).
        if not FIRST_START <= value <= LAST_START:
            raise ValueError(
                f"{value.isoformat()} is outside the years carenav estimates; give a first "
                f"day from {FIRST_START:%d %B %Y} to {LAST_START:%d %B %Y}"
            )
        return value

    level: LevelCode = Field(
        default="2.1",
        title="Level of care",
        description="ASAM level the client attends at this program (2.1 IOP, 2.5 PHP)",
    )
    network: Network = Field(
        default="in",
        title="Network",
        description="In network: the plan has a contract with the program",
    )
    accumulators: Accumulators = Field(default_factory=Accumulators)
    coverage: Literal["self", "family"] = Field(
        default="self",
        title="Coverage",
        description="Self-only, or family coverage under the plan's family deductible and maximum",
    )
    household: Household | None = None
    dual: DualEligibility = Field(
        default_factory=DualEligibility,
        title="Medicaid with Medicare",
        description="For a Medicare client: a Medicare Savings Program status or full Medicaid",
    )
    medicaid: MedicaidClient = Field(
        default_factory=MedicaidClient,
        title="Medicaid cost sharing",
        description="For a Medicaid client: an exempt group, and what was paid this period",
    )
    medicare_setting: MedicareSetting | None = Field(
        default=None,
        title="Where the program bills Medicare",
        description="Hospital outpatient department, CMHC, FQHC, RHC, opioid treatment program "
        "or office; empty: the program's record, else deductible then 20%",
    )
    payment: PaymentOptions = Field(
        default_factory=PaymentOptions,
        title="Payment options",
        description="A scholarship or grant, and a payment plan with its interest, if any",
    )


class EnteredPlan(CostSharing):
    """A plan typed in by the navigator, flat so one form can show it.

    In-network terms and the plan year's start, plus what the plan says about the level
    being estimated (a day or session limit, prior authorization) and an optional
    out-of-network tier. `to_plan` maps it onto `CommercialPlan`, so a typed-in plan runs
    through the same engine, warnings and questions as a sample plan.
    """

    PLAN_ID: ClassVar[str] = "entered-plan"

    plan_year_start: Day = Field(
        title="Plan year starts on", description="First day of the plan year"
    )
    limit_per_plan_year: int = Field(
        default=0,
        ge=0,
        le=366,
        title="Day or session limit a plan year",
        description="Most days or sessions of this level of care the plan covers; 0 means no limit",
    )
    prior_authorization: bool = Field(
        default=False,
        title="Prior authorization required",
        description="Ticked: the plan must approve this level of care before day 1",
    )
    out_of_network_benefit: bool = Field(
        default=False,
        title="Has an out-of-network benefit",
        description="Ticked: the plan pays part of the cost at programs outside its network",
    )
    out_of_network_deductible: Money = Field(
        default=Decimal(0),
        title="Out-of-network deductible",
        description="Dollars a plan year before the plan shares the cost out of network",
    )
    out_of_network_coinsurance: Rate = Field(
        default=Decimal(0),
        title="Out-of-network coinsurance",
        description="Share of the allowed amount you pay out of network; 0.4 is 40%",
    )
    out_of_network_out_of_pocket_max: Money | None = Field(
        default=None,
        title="Out-of-network out-of-pocket maximum",
        description="Dollars a plan year; leave empty for no maximum",
    )
    # Declared after the switch above: its check reads whether the benefit is ticked.
    out_of_network_allowed_percent_of_charge: Rate | None = Field(
        default=None,
        validate_default=True,
        title="Out-of-network allowed amount",
        description="Share of the program's billed charge the plan allows; 0.6 is 60%. "
        "The program may bill you the rest (a balance bill)",
    )

    @field_validator("out_of_network_allowed_percent_of_charge")
    @classmethod
    def _allowed_when_out_of_network(
        cls, value: Decimal | None, info: ValidationInfo
    ) -> Decimal | None:
        if value is None and info.data.get("out_of_network_benefit"):
            raise ValueError(
                "Give the share of the charge the plan allows out of network, such as 0.6 for 60%."
            )
        return value

    def to_plan(self, level: str, unit: Literal["day", "session"] = "day") -> CommercialPlan:
        """The terms as a commercial plan, with the limit and prior authorization applied to `level`."""
        start = self.plan_year_start
        if (start.month, start.day) == (2, 29):
            start = start.replace(day=28)
        sharing = CostSharing.model_validate(self.model_dump(include=set(CostSharing.model_fields)))
        out_of_network = None
        if self.out_of_network_benefit:
            out_of_network = OutOfNetwork(
                deductible=self.out_of_network_deductible,
                coinsurance=self.out_of_network_coinsurance,
                out_of_pocket_max=self.out_of_network_out_of_pocket_max,
                allowed_percent_of_charge=self.out_of_network_allowed_percent_of_charge,
            )
        limits = []
        if self.limit_per_plan_year:
            limits.append(
                UnitLimit(level=level, units_per_plan_year=self.limit_per_plan_year, unit=unit)
            )
        return CommercialPlan(
            id=self.PLAN_ID,
            kind="commercial",
            name="Plan entered by hand",
            plan_year_start=start,
            in_network=sharing,
            out_of_network=out_of_network,
            limits=limits,
            prior_authorization=[level] if self.prior_authorization else [],
        )
