"""The coverage-checklist panel of the readiness check: a payer's criteria answered from the record.

Chosen in the readiness check's rule-set chooser when the set is a coverage-criteria
set. It asks for the level and the admission date, one answer per criterion (meets /
does not meet / not documented yet), and shows the checklist and the recertification
dates, with when the next one is due. It never recommends a level.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as widgets

from carenav.coverage_review import CoverageReview, review_coverage
from carenav.errors import InputError
from carenav.models.coverage_criteria import CoverageCriteriaSet, CriterionAnswer
from carenav.models.levels import Continuum
from carenav.placement import level_namer
from carenav.ui.assessment_form import WIDE, WIDTH, Guard
from carenav.ui.coverage_views import coverage_html, due_words
from carenav.ui.html import escape

ANSWERS = [(a.words, a.value) for a in CriterionAnswer]


class CoveragePanel:
    """Level, admission date and answers in; the checklist and certification dates out."""

    def __init__(
        self,
        criteria: CoverageCriteriaSet,
        continuum: Continuum,
        today: date,
        guard: Guard,
        say: Callable[[str], None],
    ) -> None:
        self.criteria, self.continuum, self.today, self._say = criteria, continuum, today, say
        self.review: CoverageReview | None = None
        name = level_namer(continuum)
        self.level = widgets.Dropdown(
            options=[(name(c), c) for c in criteria.levels],
            value=criteria.levels[-1],
            description="Level of care admitted to",
            style=WIDE,
            layout=WIDTH,
        )
        self.admitted = widgets.DatePicker(
            value=today, description="Admission date (day 1)", style=WIDE, layout=WIDTH
        )
        self.answers: dict[str, widgets.Dropdown] = {}
        self._answer_box = widgets.VBox([])
        self.result = widgets.HTML()
        for control in (self.level, self.admitted):
            control.observe(guard(lambda _c: self.refresh()), names="value")
        self._guard = guard
        self._build_answers()
        self.widget = widgets.HBox(
            [
                widgets.VBox(
                    [
                        widgets.HTML(
                            f"<h2>What the program's record shows</h2><p>{escape(criteria.payer)}: "
                            "answer each criterion from the record. Unanswered means not "
                            "documented yet.</p>"
                        ),
                        self.level,
                        self.admitted,
                        self._answer_box,
                    ],
                    layout=dict(flex="1 1 560px"),
                ),
                widgets.VBox([self.result], layout=dict(flex="1 1 560px")),
            ],
            layout=dict(align_items="flex-start", gap="24px", flex_flow="row wrap"),
        )

    def _build_answers(self) -> None:
        """One labelled answer per criterion for the chosen level, each starting 'not documented'."""
        rows: list[widgets.Widget] = []
        self.answers = {}
        for number, criterion in enumerate(self.criteria.criteria_for(self.level.value), 1):
            answer = widgets.Dropdown(
                options=ANSWERS,
                value=CriterionAnswer.NOT_DOCUMENTED.value,
                description=f"{number}. {criterion.question}",
                style=WIDE,
                layout={"width": "auto"},
            )
            answer.add_class(f"carenav-criterion-{criterion.id}")
            answer.observe(self._guard(lambda _c: self.refresh()), names="value")
            self.answers[criterion.id] = answer
            rows.append(answer)
        self._answer_box.children = tuple(rows)

    def refresh(self) -> None:
        """Recompute the checklist; a level change asks its own criteria afresh."""
        if set(self.answers) != {c.id for c in self.criteria.criteria_for(self.level.value)}:
            self._build_answers()
        admitted = self.admitted.value
        if not isinstance(admitted, date):
            raise InputError("Admission date (day 1)", "no admission date is given", "a date")
        review = review_coverage(
            self.criteria,
            self.level.value,
            admitted,
            {cid: box.value for cid, box in self.answers.items()},
        )
        self.review = review
        self.result.value = coverage_html(review, self.continuum, self.today)
        self._say(f"{review.outcome} {due_words(review, self.today)}")
