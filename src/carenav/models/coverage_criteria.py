"""Coverage-criteria sets as data: what a payer requires a program to document, with citations.

A coverage-criteria set is not a placement instrument: it names no level for the
client. It lists the criteria a payer (for example Medicare, for partial
hospitalization and intensive outpatient services) requires the program's record
to show, each answered "meets", "does not meet" or "not documented yet", each with
the regulation it comes from (section and paragraph), the short text quoted from
it, and the date it took effect; and the certification and recertification
schedule per level. The payer decides coverage; carenav only lists what to check.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from carenav.models.base import Day, Identifier, StrictModel

COVERAGE_CRITERIA = "coverage-criteria"


class CriterionAnswer(StrEnum):
    """What the program's record shows for one criterion."""

    MEETS = "meets"
    DOES_NOT_MEET = "does-not-meet"
    NOT_DOCUMENTED = "not-documented"

    @property
    def words(self) -> str:
        return {
            "meets": "Meets",
            "does-not-meet": "Does not meet",
            "not-documented": "Not documented yet",
        }[self.value]


class Citation(StrictModel):
    """Where a criterion comes from: the section and paragraph, the text quoted, when it took effect.

    A citation with a `quote` was compared with the published text on `checked`; one
    without is shown as "not yet checked against the current text" wherever it appears.
    """

    document: str = Field(min_length=3, description="e.g. '42 CFR 410.43'")
    paragraph: str = Field(
        min_length=3,
        description="'(a)(3)' for a regulation (each level in brackets), or a named "
        "section such as 'Indications' for a document without numbered paragraphs",
    )
    quote: str | None = Field(
        default=None,
        min_length=20,
        description="The short relevant text as published, starting at the paragraph's own "
        "markers, so a reader (and a test) can see each cited paragraph in it",
    )
    url: HttpUrl
    effective: Day | None = Field(description="When the quoted text took effect; null if unknown")
    checked: Day | None = Field(default=None, description="When the quote was compared")
    checked_against: str | None = Field(default=None, description="Which copy was read")
    note: str | None = None

    @model_validator(mode="after")
    def _a_quote_says_when_and_where_it_was_checked(self) -> Citation:
        if self.quote is not None and (self.checked is None or not self.checked_against):
            raise ValueError("a quote needs checked (a date) and checked_against (which copy)")
        return self

    @property
    def label(self) -> str:
        """'42 CFR 410.43(a)(3)', or 'LCD L34196, Indications'."""
        if self.paragraph.startswith("("):
            return f"{self.document}{self.paragraph}"
        return f"{self.document}, {self.paragraph}"

    @property
    def is_checked(self) -> bool:
        return self.quote is not None

    def markers(self) -> list[str]:
        """The paragraph's levels, outermost first: '(a)(3)' -> ['(a)', '(3)']."""
        if not self.paragraph.startswith("("):
            return [self.paragraph]
        return [f"({part}" for part in self.paragraph.split("(") if part]


class CoverageCriterion(StrictModel):
    """One thing the record must show, for the levels it applies to."""

    id: Identifier
    applies_to: list[str] = Field(min_length=1, description="Level codes, e.g. ['2.5']")
    question: str = Field(min_length=10, description="Asked of the program's record")
    explanation: str = Field(min_length=10, description="Why it matters, in plain words")
    citation: Citation

    @field_validator("applies_to", mode="before")
    @classmethod
    def _codes_as_text(cls, value: Any) -> Any:
        return [str(v) for v in value] if isinstance(value, list) else value


class CertificationSchedule(StrictModel):
    """When a physician must certify, then recertify, the need for a level's services.

    Day 1 is the day of admission. `first_recertification_day` None means the first
    recertification follows the interval from admission.
    """

    level: str
    certification: str = Field(min_length=10, description="When the first certification is due")
    first_recertification_day: int | None = Field(default=None, ge=2)
    recertify_every_days: int = Field(ge=1, description="Configurable; the regulation's ceiling")
    citation: Citation
    verified: bool = Field(
        description="False while the interval is not yet confirmed in the regulation's "
        "current text; the apps then say so beside every date"
    )
    note: str | None = None

    @field_validator("level", mode="before")
    @classmethod
    def _code_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @model_validator(mode="after")
    def _verified_means_quoted(self) -> CertificationSchedule:
        # An interval is confirmed only against text a reader can see beside it.
        if self.verified and self.citation.quote is None:
            raise ValueError(
                "verified: true needs the citation's quote of the paragraph that states "
                "the interval; set verified: false until it is quoted"
            )
        return self


class CoverageCriteriaSet(StrictModel):
    """A payer's coverage criteria for some levels of care, with certification schedules."""

    kind: Literal["coverage-criteria"]
    id: Identifier
    name: str = Field(min_length=3)
    version: str = Field(min_length=1)
    payer: str = Field(min_length=3)
    description: str
    disclaimer: str = Field(min_length=20, description="Shown with every result")
    levels: list[str] = Field(min_length=1, description="The levels the criteria apply to")
    criteria: list[CoverageCriterion] = Field(min_length=1)
    certification: list[CertificationSchedule] = Field(default_factory=list)

    @field_validator("levels", mode="before")
    @classmethod
    def _codes_as_text(cls, value: Any) -> Any:
        return [str(v) for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _references_are_known(self) -> CoverageCriteriaSet:
        problems: list[str] = []
        seen: set[str] = set()
        for criterion in self.criteria:
            if criterion.id in seen:
                problems.append(f"criterion {criterion.id} appears twice")
            seen.add(criterion.id)
            unknown = [c for c in criterion.applies_to if c not in self.levels]
            if unknown:
                problems.append(
                    f"criterion {criterion.id} applies to level {', '.join(unknown)}, "
                    f"which is not one of this set's levels ({', '.join(self.levels)})"
                )
        for schedule in self.certification:
            if schedule.level not in self.levels:
                problems.append(
                    f"the certification schedule for level {schedule.level} names a level "
                    f"not in this set's levels ({', '.join(self.levels)})"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def criteria_for(self, level: str) -> list[CoverageCriterion]:
        """The criteria that apply at a level, in the file's order."""
        return [c for c in self.criteria if level in c.applies_to]

    def schedule_for(self, level: str) -> CertificationSchedule | None:
        return next((s for s in self.certification if s.level == level), None)
