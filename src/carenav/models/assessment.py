"""An assessment of a client at one date, and a clinician's placement decision.

Dimensions and scales belong to the rule set the assessment is read against
(`carenav.models.rules.RuleSet.check_assessment`), so the same model carries a
substance-use assessment rated 0–4 or a mental-health one rated 1–5.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator, model_validator

from carenav.models.base import Identifier, StrictModel
from carenav.models.limits import LevelCode

# The field `date` would shadow the type in the class body, so the type goes by another name.
Day = date


class DimensionRating(StrictModel):
    """One dimension's rating, with the rater's note on what it rests on."""

    rating: int
    note: str | None = None


class Attendance(StrictModel):
    """Sessions scheduled and attended since the previous assessment."""

    scheduled: int = Field(
        ge=0,
        title="Sessions scheduled since the last assessment",
        description="Leave empty when not recorded",
    )
    attended: int = Field(ge=0, title="Sessions attended", description="Of those scheduled")

    @model_validator(mode="after")
    def _attended_within_scheduled(self) -> Attendance:
        if self.attended > self.scheduled:
            raise ValueError(
                f"attended {self.attended} is more than the {self.scheduled} scheduled"
            )
        return self

    @property
    def missed(self) -> int:
        return self.scheduled - self.attended

    @property
    def share(self) -> Decimal | None:
        """Share of scheduled sessions attended, or None when none were scheduled."""
        return Decimal(self.attended) / Decimal(self.scheduled) if self.scheduled else None


class PlanProgress(StrictModel):
    """Treatment-plan goals for the current level, and how many are met."""

    goals_total: int = Field(
        ge=1,
        title="Treatment-plan goals set",
        description="Goals for the current level; leave empty when not recorded",
    )
    goals_met: int = Field(ge=0, title="Goals met", description="Of the goals set")

    @model_validator(mode="after")
    def _met_within_total(self) -> PlanProgress:
        if self.goals_met > self.goals_total:
            raise ValueError(f"goals met {self.goals_met} is more than the {self.goals_total} set")
        return self

    @property
    def share(self) -> Decimal:
        return Decimal(self.goals_met) / Decimal(self.goals_total)


class Assessment(StrictModel):
    """A client's ratings and flags on one date, by one rater.

    Ratings may be written as a bare number (`withdrawal: 1`) or with a note
    (`withdrawal: {rating: 1, note: "no symptoms since March"}`).
    """

    date: Day = Field(title="Date of this assessment")
    rater: str = Field(min_length=1, title="Assessed by")
    ratings: dict[Identifier, DimensionRating] = Field(min_length=1)
    flags: frozenset[Identifier] = frozenset()
    attendance: Attendance | None = None
    plan_progress: PlanProgress | None = None
    note: str | None = Field(default=None, title="Note", description="Optional")

    @field_validator("ratings", mode="before")
    @classmethod
    def _bare_numbers_are_ratings(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: {"rating": item}
                if isinstance(item, int) and not isinstance(item, bool)
                else item
                for key, item in value.items()
            }
        return value

    def rating(self, dimension: str) -> int:
        return self.ratings[dimension].rating

    def scores(self) -> dict[str, int]:
        """Ratings by dimension id, without notes."""
        return {key: value.rating for key, value in self.ratings.items()}


class ClinicianDecision(StrictModel):
    """The level a clinician chose; a reason is required when it differs from the recommendation."""

    # A level code the data defines (checked against the validation context's continuum,
    # as every level elsewhere): a typed "0" or "9.9" is refused, never recorded.
    chosen_level: LevelCode
    reason: str | None = None
    clinician: str | None = None

    @field_validator("chosen_level", mode="before")
    @classmethod
    def _code_as_text(cls, value: Any) -> Any:
        return (
            str(value)
            if isinstance(value, int | Decimal) and not isinstance(value, bool)
            else value
        )

    def check_against(self, recommended: str | None) -> None:
        """Raise InputError when the choice differs from `recommended` without a reason."""
        from carenav.errors import InputError

        if recommended is not None and self.chosen_level != recommended and not self.reason:
            raise InputError(
                "reason",
                f"the chosen level {self.chosen_level} differs from the recommended "
                f"level {recommended}, so a written reason is required",
                "a sentence saying why",
            )
