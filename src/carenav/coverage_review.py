"""Coverage review: a payer's criteria answered from the program's record, and the certification dates.

The answer to each criterion is "meets", "does not meet" or "not documented yet"
(unanswered counts as not documented). The result never recommends a level of care:
a clinician decides placement and the payer decides coverage. Dates are computed
from the admission date; day 1 is the day of admission, so "recertify by day 18"
for an admission on 2 March is 19 March.

>>> from datetime import date
>>> from carenav import catalog
>>> medicare = catalog.load(sections=("rules",)).coverage_set("medicare-php-iop-coverage")
>>> review = review_coverage(medicare, "2.5", date(2026, 3, 2), {})
>>> review.recertifications[0].due, review.recertifications[0].day
(datetime.date(2026, 3, 19), 18)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from pydantic import Field

from carenav.errors import InputError
from carenav.models.base import StrictModel
from carenav.models.coverage_criteria import (
    CertificationSchedule,
    CoverageCriteriaSet,
    CriterionAnswer,
)

__all__ = [
    "COVERAGE_LABEL",
    "CoverageReview",
    "CriterionFinding",
    "Recertification",
    "recertification_days",
    "recertifications",
    "review_coverage",
]

COVERAGE_LABEL = (
    "Coverage checklist, not a clinical recommendation — a clinician decides placement and "
    "the payer decides coverage."
)
# How many recertification dates a review lists (a year of 30-day intervals).
RECERTIFICATIONS_SHOWN = 12


class CriterionFinding(StrictModel):
    """One criterion, the answer from the record, and where the criterion comes from."""

    criterion_id: str
    question: str
    answer: CriterionAnswer
    explanation: str
    citation: str
    citation_checked: bool
    effective: date | None


class Recertification(StrictModel):
    """The nth recertification and the day it is due by."""

    number: int = Field(ge=1)
    day: int = Field(ge=2, description="Day of services, the admission day being day 1")
    due: date


class CoverageReview(StrictModel):
    """Every criterion for the level with its answer, and the certification dates."""

    label: str = COVERAGE_LABEL
    set_id: str
    set_name: str
    set_version: str
    payer: str
    disclaimer: str
    level: str
    admission_date: date
    findings: list[CriterionFinding]
    certification_due: str | None
    recertifications: list[Recertification]
    schedule_verified: bool | None = Field(description="None when the set has no schedule")
    schedule_note: str | None

    @property
    def provenance(self) -> str:
        return f"Rule set: {self.set_name}, version {self.set_version}. {self.disclaimer}"

    def count(self, answer: CriterionAnswer) -> int:
        return sum(1 for f in self.findings if f.answer is answer)

    @property
    def outcome(self) -> str:
        """The checklist in one sentence; never a coverage decision."""
        unmet, missing = (
            self.count(CriterionAnswer.DOES_NOT_MEET),
            self.count(CriterionAnswer.NOT_DOCUMENTED),
        )
        if unmet:
            return f"{_criteria(unmet)} not met; {missing} not documented yet."
        if missing:
            return f"No criterion is unmet; {_criteria(missing)} not documented yet."
        return "Every criterion is documented as met. The payer still decides coverage."

    def next_recertification(self, today: date) -> Recertification | None:
        """The first recertification due on or after today, if one is listed."""
        return next((r for r in self.recertifications if r.due >= today), None)

    def summary(self) -> str:
        """Plain text for the CLI, a notebook or a handout."""
        lines = [
            self.label,
            self.provenance,
            f"Payer: {self.payer}. Level {self.level}, admitted {self.admission_date.isoformat()}.",
            self.outcome,
        ]
        for number, finding in enumerate(self.findings, start=1):
            checked = "" if finding.citation_checked else " (citation not yet checked)"
            lines.append(
                f"  {number}. {finding.answer.words}: {finding.question} "
                f"[{finding.criterion_id}; {finding.citation}{checked}]"
            )
        if self.certification_due:
            lines.append(f"Certification: {self.certification_due}")
        for recert in self.recertifications[:3]:
            lines.append(
                f"Recertification {recert.number}: by day {recert.day} ({recert.due.isoformat()})."
            )
        if self.schedule_verified is False:
            lines.append(
                "The recertification interval is not yet confirmed in the regulation's "
                "current text; confirm it before relying on these dates."
            )
        return "\n".join(lines)


def _criteria(count: int) -> str:
    return f"{count} criterion" if count == 1 else f"{count} criteria"


def recertification_days(schedule: CertificationSchedule, count: int) -> list[int]:
    """The service days by which recertifications 1..count are due."""
    first = schedule.first_recertification_day or schedule.recertify_every_days
    return [first + n * schedule.recertify_every_days for n in range(count)]


def recertifications(
    schedule: CertificationSchedule, admission: date, count: int = RECERTIFICATIONS_SHOWN
) -> list[Recertification]:
    """Recertification due dates for an admission date (day 1 is the admission day)."""
    return [
        Recertification(number=n, day=day, due=admission + timedelta(days=day - 1))
        for n, day in enumerate(recertification_days(schedule, count), start=1)
    ]


def review_coverage(
    criteria: CoverageCriteriaSet,
    level: str,
    admission_date: date,
    answers: Mapping[str, CriterionAnswer | str],
) -> CoverageReview:
    """Each criterion for `level` with its answer (unanswered: not documented yet), and the dates."""
    if level not in criteria.levels:
        raise InputError(
            "level",
            f"{criteria.name} has no criteria for level {level}",
            "one of " + ", ".join(criteria.levels),
        )
    applicable = criteria.criteria_for(level)
    known = {c.id for c in applicable}
    for criterion_id in answers:
        if criterion_id not in known:
            raise InputError(
                f"answers.{criterion_id}",
                f"{criteria.name} has no criterion '{criterion_id}' for level {level}",
                "one of " + ", ".join(sorted(known)),
            )
    findings = [
        CriterionFinding(
            criterion_id=c.id,
            question=c.question,
            answer=_answer(c.id, answers.get(c.id, CriterionAnswer.NOT_DOCUMENTED)),
            explanation=c.explanation,
            citation=c.citation.label,
            citation_checked=c.citation.is_checked,
            effective=c.citation.effective,
        )
        for c in applicable
    ]
    schedule = criteria.schedule_for(level)
    return CoverageReview(
        set_id=criteria.id,
        set_name=criteria.name,
        set_version=criteria.version,
        payer=criteria.payer,
        disclaimer=criteria.disclaimer,
        level=level,
        admission_date=admission_date,
        findings=findings,
        certification_due=schedule.certification if schedule else None,
        recertifications=recertifications(schedule, admission_date) if schedule else [],
        schedule_verified=schedule.verified if schedule else None,
        schedule_note=schedule.citation.note if schedule else None,
    )


def _answer(criterion_id: str, given: CriterionAnswer | str) -> CriterionAnswer:
    try:
        return CriterionAnswer(given)
    except ValueError:
        raise InputError(
            f"answers.{criterion_id}",
            f"'{given}' is not an answer",
            "one of " + ", ".join(a.value for a in CriterionAnswer),
        ) from None


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
