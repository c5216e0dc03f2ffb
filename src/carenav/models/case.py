"""One client's case: everything said on a navigation call, in one versioned model.

The navigator app reads and writes a `ClientCase`; `carenav handout` renders one from a
case file. It holds no name, no date of birth and no address beyond a ZIP code: a name
typed into the handout field is used for that handout only and never stored here.
Ids (plans, programs, levels, rule sets) are checked against the data when a case file
is opened (`carenav.io.case_file`); this model checks shape, ranges and consistency.

>>> case = ClientCase(coverage=CaseCoverage(plan_id="example-ppo-2026"), weeks=8)
>>> case.schema_version, case.coverage.plan_id, case.shortlist
(1, 'example-ppo-2026', [])
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from carenav.models.assessment import Assessment, ClinicianDecision
from carenav.models.base import Day, Identifier, StrictModel
from carenav.models.client import ClientNeeds
from carenav.models.coverage import Accumulators, EnteredPlan, Household, LevelCode, Network
from carenav.models.medicare import DualEligibility

# Bump when a field changes meaning or is removed; docs/case-format.md lists each version.
SCHEMA_VERSION: Literal[1] = 1
MAX_SHORTLIST = 4
MAX_CHOSEN = 3
MAX_NOTE_CHARACTERS = 5000


class CaseCoverage(StrictModel):
    """How the client pays: a plan the data knows (by id) or one typed in, and what is already met."""

    plan_id: Identifier | None = Field(
        default=None, description="A plan id in the data's payers/, e.g. example-ppo-2026"
    )
    entered_plan: EnteredPlan | None = Field(
        default=None, description="A plan typed in by the navigator, when it is not in the data"
    )
    network: Network = Field(
        default="in", description="Estimate the plan's in-network or out-of-network tier"
    )
    accumulators: Accumulators = Field(
        default_factory=Accumulators, description="Amounts already met this plan year"
    )
    household: Household | None = Field(
        default=None, description="For sliding scales and Medicaid income bands"
    )
    dual: DualEligibility = Field(
        default_factory=DualEligibility,
        description="With Original Medicare: a Medicare Savings Program status (QMB, SLMB, QI) "
        "or full Medicaid; whether a program takes that Medicaid is read from its record",
    )

    @model_validator(mode="after")
    def _one_plan(self) -> CaseCoverage:
        if self.plan_id is not None and self.entered_plan is not None:
            raise ValueError("give plan_id or entered_plan, not both")
        return self

    @property
    def known(self) -> bool:
        """Whether a plan has been given at all."""
        return self.plan_id is not None or self.entered_plan is not None


class LevelOfCareChoice(StrictModel):
    """The level the rules suggest, the rule set behind it, and the clinician's choice."""

    rule_set_id: Identifier | None = Field(
        default=None, description="The placement rule set the assessments are read against"
    )
    rule_set_version: str | None = Field(
        default=None,
        max_length=200,
        description="That rule set's version when the level was suggested (named on the handout)",
    )
    suggested_level: LevelCode | None = Field(
        default=None, description="The level the rule set recommends for the latest assessment"
    )
    decision: ClinicianDecision | None = Field(
        default=None, description="The clinician's chosen level, with a reason when it differs"
    )

    @model_validator(mode="after")
    def _reason_when_it_differs(self) -> LevelOfCareChoice:
        decision = self.decision
        if (
            decision is not None
            and self.suggested_level is not None
            and decision.chosen_level != self.suggested_level
            and not decision.reason
        ):
            raise ValueError(
                f"the clinician's level {decision.chosen_level} differs from the suggested level "
                f"{self.suggested_level}, so a reason is required"
            )
        return self

    @property
    def level(self) -> str | None:
        """The level the case works with: the clinician's choice, else the suggestion."""
        return self.decision.chosen_level if self.decision else self.suggested_level


class ClientCase(StrictModel):
    """Everything said on the call, in one file a navigator can download and open again."""

    schema_version: Literal[1] = Field(
        default=SCHEMA_VERSION, description="The case format's version (docs/case-format.md)"
    )
    needs: ClientNeeds | None = Field(
        default=None,
        description="Needs and preferences, ZIP and distance; its plan and levels come from "
        "coverage and level_of_care, so leave them out here",
    )
    coverage: CaseCoverage = Field(default_factory=CaseCoverage)
    assessments: list[Assessment] = Field(
        default_factory=list, max_length=50, description="Assessments over time, oldest first"
    )
    level_of_care: LevelOfCareChoice = Field(default_factory=LevelOfCareChoice)
    shortlist: list[Identifier] = Field(
        default_factory=list,
        max_length=MAX_SHORTLIST,
        description="Program ids being compared, up to four",
    )
    chosen_programs: list[Identifier] = Field(
        default_factory=list,
        max_length=MAX_CHOSEN,
        description="Program ids on the handout, up to three, each on the shortlist",
    )
    start: Day | None = Field(
        default=None, title="First day", description="First day of the cost estimate"
    )
    weeks: int = Field(
        default=8, ge=1, le=104, title="Weeks", description="Weeks the cost estimate covers"
    )
    notes: str = Field(
        default="",
        max_length=MAX_NOTE_CHARACTERS,
        title="Navigator's notes",
        description="Kept in this page and in the case file you download, never on the server "
        "or on the handout",
    )

    @field_validator("shortlist", "chosen_programs")
    @classmethod
    def _each_once(cls, ids: list[str]) -> list[str]:
        if len(set(ids)) != len(ids):
            raise ValueError("a program is listed twice; list each program once")
        return ids

    @field_validator("chosen_programs")
    @classmethod
    def _chosen_from_the_shortlist(cls, ids: list[str], info: ValidationInfo) -> list[str]:
        shortlist = info.data.get("shortlist", [])
        stray = [p for p in ids if p not in shortlist]
        if stray:
            raise ValueError(f"chosen program '{stray[0]}' is not on the shortlist")
        return ids

    @field_validator("assessments")
    @classmethod
    def _oldest_first(cls, assessments: list[Assessment]) -> list[Assessment]:
        dates = [a.date for a in assessments]
        if dates != sorted(dates):
            raise ValueError("assessments are out of date order; list the oldest first")
        return assessments

    @model_validator(mode="after")
    def _consistent(self) -> ClientCase:
        if self.needs is not None and (self.needs.plan is not None or self.needs.levels):
            raise ValueError(
                "needs.plan and needs.levels come from coverage and level_of_care; leave them out"
            )
        return self

    @property
    def level(self) -> str | None:
        """The level of care the case works with (the clinician's, else the suggested one)."""
        return self.level_of_care.level

    def finder_needs(self) -> ClientNeeds | None:
        """The needs as the program finder reads them: the case's plan and level filled in."""
        if self.needs is None:
            return None
        update: dict[str, Any] = {"plan": self.coverage.plan_id}
        if self.level is not None:
            update["levels"] = frozenset({self.level})
        return ClientNeeds.model_validate({**self.needs.model_dump(), **update})

    def changed(self, **fields: Any) -> ClientCase:
        """A copy with these fields replaced, validated again (ValidationError when not valid)."""
        return ClientCase.model_validate({**self.model_dump(), **fields})

    def handout_programs(self) -> list[str]:
        """The programs a handout shows: the chosen ones, else the first three shortlisted."""
        return list(self.chosen_programs or self.shortlist[:MAX_CHOSEN])
