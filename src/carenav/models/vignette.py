"""Worked client stories: a fictional client's assessments over months, with expected outcomes.

Trainers step through a vignette in the continuum app; tests check that the shipped
rules still give each step's expected outcome.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from carenav.models.assessment import Assessment, ClinicianDecision
from carenav.models.base import Identifier, StrictModel


def _as_code(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return str(value) if value is not None and not isinstance(value, str | dict) else value


class ExpectedOutcome(StrictModel):
    """What the rule set gives at this step: the recommendation and the readiness verdict."""

    recommended_level: str
    verdict: Literal["step_down_ready", "stay", "step_up_needed", "review_needed"]
    target_level: str | None = None

    @field_validator("recommended_level", "target_level", mode="before")
    @classmethod
    def _code_as_text(cls, value: Any) -> Any:
        return _as_code(value)


class VignetteStep(StrictModel):
    """One assessment in the story: where the client is, what was found, what happened next."""

    level: str = Field(description="The level of care the client is in when assessed")
    assessment: Assessment
    expected: ExpectedOutcome
    decision: ClinicianDecision | None = None
    narrative: str = Field(min_length=10, description="What happened, for the trainer to read")

    @field_validator("level", mode="before")
    @classmethod
    def _code_as_text(cls, value: Any) -> Any:
        return _as_code(value)


class Client(StrictModel):
    """The fictional client: a first name, an age and a short description."""

    name: str = Field(min_length=2)
    age: int = Field(ge=10, le=110)
    description: str = Field(min_length=10)


class Vignette(StrictModel):
    """A fictional client's story through the continuum, read against one rule set."""

    id: Identifier
    title: str = Field(min_length=5)
    fictional: Literal[True] = Field(description="Every vignette is fictional; this says so")
    client: Client
    summary: str = Field(min_length=10)
    rule_set: Identifier
    steps: list[VignetteStep] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Vignette:
        dates = [step.assessment.date for step in self.steps]
        for earlier, later in pairwise(dates):
            if later <= earlier:
                raise ValueError(
                    f"the assessment of {later.isoformat()} comes after the one of "
                    f"{earlier.isoformat()}; steps must be in date order"
                )
        return self

    def history(self, upto: int) -> list[Assessment]:
        """The assessments from the first step through step `upto` (0-based)."""
        return [step.assessment for step in self.steps[: upto + 1]]
