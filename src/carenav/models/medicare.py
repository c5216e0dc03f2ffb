"""Medicare's rules that depend on who the client is and where the program bills.

Two kinds of dated rule, each loaded from data/reference/medicare_rules.yaml with its
source: what a Medicare Savings Program status (QMB, SLMB, QI) or full Medicaid does to
Medicare's cost sharing, and what the program's billing setting (a hospital outpatient
department, a community mental health center, an FQHC or RHC, an opioid treatment
program, a physician's office) does to the Part B deductible and coinsurance.

QMB means Qualified Medicare Beneficiary; SLMB, Specified Low-Income Medicare
Beneficiary; QI, Qualifying Individual; a "full dual" has full Medicaid benefits too.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from carenav.models.base import Day, Rate, Source, StrictModel
from carenav.models.known import StateCode

MedicareSetting = Literal["hopd", "cmhc", "fqhc", "rhc", "otp", "office"]
SETTING_NAMES: dict[str, str] = {
    "hopd": "a hospital outpatient department",
    "cmhc": "a community mental health center",
    "fqhc": "a federally qualified health center (FQHC)",
    "rhc": "a rural health clinic (RHC)",
    "otp": "an opioid treatment program (OTP)",
    "office": "a physician's or clinic office",
}

DualStatus = Literal["none", "qmb", "slmb", "qi", "full_dual"]
DUAL_NAMES: dict[str, str] = {
    "none": "Medicare only",
    "qmb": "Qualified Medicare Beneficiary (QMB)",
    "slmb": "Specified Low-Income Medicare Beneficiary (SLMB)",
    "qi": "Qualifying Individual (QI)",
    "full_dual": "full Medicaid without QMB",
}


class MedicareSettingRule(StrictModel):
    """How Part B shares the cost of a program billed from one setting, from a date on."""

    setting: MedicareSetting
    effective: Day = Field(description="The first day the rule applies")
    deductible_applies: bool = Field(description="False: the Part B deductible is not charged")
    coinsurance: Rate | None = Field(
        default=None,
        description="Share of the approved amount; empty: the year's Part B coinsurance (20%)",
    )
    coinsurance_capped_at_part_a_deductible: bool = Field(
        default=False,
        description="True: the coinsurance for one service is at most the year's Part A deductible",
    )
    explanation: str = Field(min_length=10, description="The rule in words a client can read")
    source: Source


CostSharingOwed = Literal["none", "medicaid_copay", "all"]


class DualRule(StrictModel):
    """What a client with Medicaid alongside Medicare owes of Medicare's cost sharing."""

    status: DualStatus
    effective: Day
    medicare_cost_sharing: CostSharingOwed = Field(
        description="none: the client owes none of it; medicaid_copay: at most Medicaid's own "
        "copay when the program takes Medicaid; all: the client owes it as anyone would"
    )
    any_provider: bool = Field(
        description="True: the protection holds at every Medicare provider, "
        "whether or not it takes Medicaid"
    )
    explanation: str = Field(min_length=10)
    source: Source


class DualEligibility(StrictModel):
    """Medicaid alongside Medicare: the Medicare Savings Program status a navigator can be told."""

    status: DualStatus = Field(
        default="none",
        title="Medicare Savings Program",
        description="QMB, SLMB or QI as the state's notice says, or full Medicaid without QMB",
    )
    medicaid_state: StateCode | None = Field(
        default=None,
        title="Medicaid state",
        description="Two-letter code of the state whose Medicaid the client has, e.g. NY",
    )
    program_takes_medicaid: bool | None = Field(
        default=None,
        title="The program takes Medicaid",
        description="Ticked: the program is enrolled with the client's Medicaid; empty: not known",
    )
