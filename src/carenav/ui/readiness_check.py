"""The readiness-check app: rate the dimensions, see the recommended level and the step-up/down verdict.

Every value from the page is checked on the server: a rating the browser pushes off
the scale is refused with a message and the slider is put back; nothing changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as widgets

from carenav import catalog as catalog_module
from carenav.catalog import Catalog
from carenav.errors import CarenavError, InputError
from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet
from carenav.placement import PlacementResult, decide, recommend_level
from carenav.present import placement as present_placement
from carenav.present import readiness as present_readiness
from carenav.transitions import TransitionResult, assess_transition, decide_transition
from carenav.ui.assessment_form import WIDE, WIDTH, AssessmentForm
from carenav.ui.base import AppShell
from carenav.ui.coverage_check import CoveragePanel
from carenav.ui.readiness_views import (
    placement_html,
    summary_html,
    trajectory_html,
    transition_html,
)
from carenav.ui.rule_set_chooser import rule_set_chooser
from carenav.ui.sharing import set_shown

NEW_CLIENT = ""
# Opened first when the data folder has it: the substance-use set the stories began with.
DEFAULT_RULE_SET = "illustrative-sud"


class ReadinessCheckApp(AppShell):
    """Assessments over time in; recommended level and step-up / stay / step-down readiness out."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        rule_set_id: str | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(
            "Readiness check",
            "Rate each area for the client. See which level of care the rules recommend now, "
            "and whether the client is ready to step down, should stay, or needs to step up.",
        )
        self.history: list[Assessment] = []
        self.placement: PlacementResult | None = None
        self.transition: TransitionResult | None = None
        try:
            self.catalog = catalog or catalog_module.load(sections=("rules",))
            if not self.catalog.rule_sets:
                raise InputError("rules", "this data folder has no placement rule sets")
            ids = [r.id for r in self.catalog.rule_sets]
            chosen = rule_set_id or (DEFAULT_RULE_SET if DEFAULT_RULE_SET in ids else ids[0])
            if chosen not in ids:
                self.catalog.coverage_set(chosen)  # an unknown id is refused here, by name
            self.rule_set: RuleSet = self.catalog.rule_set(chosen if chosen in ids else ids[0])
        except CarenavError as exc:
            self.say_error(str(exc))
            self.mount()
            return
        self.continuum = self.catalog.continuum
        self.today = today or date.today()  # the page's edge: engines never read the clock
        self.coverage: CoveragePanel | None = None
        self.chooser = rule_set_chooser(self.catalog, chosen)
        self.chooser.observe(self.guard(lambda change: self.choose(change["new"])), names="value")
        self.choose(chosen)

    def choose(self, set_id: str) -> None:
        """Show the form for the chosen set; the history is cleared (its ratings fit no other set)."""
        coverage_ids = [c.id for c in self.catalog.coverage_sets]
        had_history = bool(self.history)
        self.history.clear()
        self.placement = self.transition = None
        if set_id in coverage_ids:
            criteria = self.catalog.coverage_set(set_id)
            self.coverage = CoveragePanel(
                criteria, self.continuum, self.today, self.guard, self.say
            )
            page: widgets.Widget = self.coverage.widget
            self.guard(self.coverage.refresh)()
        else:
            self.rule_set = self.catalog.rule_set(set_id)
            self.coverage = None
            self._build_inputs(self.today)
            self._build_outputs()
            self.depends_on_inputs(self._results)
            page = widgets.HBox(
                [self._form, self._results],
                layout=dict(align_items="flex-start", gap="24px", flex_flow="row wrap"),
            )
            self.guard(self._refresh)()
        self.mount(self.chooser, page)
        if had_history:
            self.say(
                "Switched rule set; the saved assessments were cleared, because ratings made "
                "under one rule set are not read under another."
            )

    # --- building -------------------------------------------------------------------------

    def _build_inputs(self, today: date) -> None:
        name = self._level_name
        self.level = widgets.Dropdown(
            options=[("New client — not in care yet", NEW_CLIENT)]
            + [(name(c), c) for c in self.rule_set.levels],
            value=NEW_CLIENT,
            description="Current level of care",
            style=WIDE,
            layout=WIDTH,
        )
        self.level.observe(self.guard(self._refresh), names="value")
        # After a save the form is blank and counts for nothing until the navigator
        # enters the next assessment: a form never turns into an assessment by itself.
        self.entering = True
        self.form = AssessmentForm(self.rule_set, today, self.guard, self._form_changed)
        self.save = widgets.Button(
            description="Save this assessment to the history", layout={"width": "auto"}
        )
        self.clear = widgets.Button(description="Clear the history", layout={"width": "auto"})
        self.copy = widgets.Button(
            description="Start from a copy of the last saved one", layout={"width": "auto"}
        )
        set_shown(self.copy, False)
        self.copy.on_click(self.guard(lambda _b: self.copy_last()))
        self.save.on_click(self.guard(lambda _b: self.save_assessment()))
        self.clear.on_click(self.guard(lambda _b: self.clear_history()))
        self._form = widgets.VBox(
            [
                widgets.HTML("<h2>This assessment</h2>"),
                self.level,
                self.form.widget,
                widgets.HBox([self.save, self.copy, self.clear], layout={"flex_flow": "row wrap"}),
            ],
            layout=dict(flex="1 1 560px"),
        )

    def _build_outputs(self) -> None:
        self.recommendation = widgets.HTML()
        self.readiness = widgets.HTML()
        self.summary = widgets.HTML()
        self.trajectory = widgets.HTML()
        self.chosen = widgets.Dropdown(
            options=[("(not recorded)", NEW_CLIENT)]
            + [(self._level_name(c), c) for c in self.rule_set.levels],
            value=NEW_CLIENT,
            description="Clinician's chosen level",
            style=WIDE,
            layout={"width": "520px"},
        )
        self.reason = widgets.Textarea(
            description="Reason (required if it differs from the recommendation)",
            style=WIDE,
            layout=dict(width="560px"),
        )
        self.clinician = widgets.Text(description="Clinician", style=WIDE)
        for control in (self.chosen, self.reason, self.clinician):
            control.observe(self.guard(self._refresh), names="value")
        self._results = widgets.VBox(
            [
                self.recommendation,
                self.readiness,
                widgets.HTML("<h2>Clinician's decision</h2>"),
                self.chosen,
                self.reason,
                self.clinician,
                self.summary,
                self.trajectory,
            ],
            layout=dict(flex="1 1 560px"),
        )

    # --- callbacks ----------------------------------------------------------------------------

    def _form_changed(self) -> None:
        self.entering = True
        self._refresh()

    def _assessments(self) -> tuple[list[Assessment], list[str]]:
        """The assessments the verdict rests on, with chart labels: the saved ones, and the form once begun."""
        labels = [a.date.isoformat() for a in self.history]
        if self.entering or not self.history:
            assessment = self.form.assessment()
            return [*self.history, assessment], [*labels, f"{assessment.date.isoformat()} (now)"]
        return list(self.history), [*labels[:-1], f"{labels[-1]} (latest saved)"]

    def _refresh(self, _change: Any = None) -> None:
        """Recompute everything from the assessments; on a bad value nothing shown changes."""
        assessments, labels = self._assessments()
        placement = recommend_level(assessments[-1], self.rule_set)
        level = self.level.value
        transition = assess_transition(level, assessments, self.rule_set) if level else None
        self.placement, self.transition = placement, transition
        self.recommendation.value = placement_html(placement, self.continuum)
        self.readiness.value = (
            transition_html(transition, self.continuum)
            if transition
            else '<section class="carenav-readiness"><h2>Readiness</h2><p>Choose the client\'s '
            "current level of care to see whether they are ready to step down, should stay, "
            "or need to step up.</p></section>"
        )
        self.trajectory.value = trajectory_html(assessments, self.rule_set, labels)
        self._record_decision()
        verdict = f" Readiness: {transition.verdict_words}." if transition else ""
        self.say(
            f"Recommended level now: {self._level_name(placement.recommended_level)}.{verdict}"
        )

    def _record_decision(self) -> None:
        """Record the clinician's choice beside the recommendation, or say why it cannot be."""
        chosen, reason = self.chosen.value, (self.reason.value or "").strip() or None
        clinician = (self.clinician.value or "").strip() or None
        result: PlacementResult | TransitionResult | None = self.transition or self.placement
        if chosen:
            try:
                if self.transition is not None:
                    self.transition = decide_transition(self.transition, chosen, reason, clinician)
                    result = self.transition
                elif self.placement is not None:
                    self.placement = decide(
                        self.placement, chosen, reason, clinician, self.rule_set
                    )
                    result = self.placement
            finally:
                if result is not None:
                    self.summary.value = summary_html(self._summary_text(result))
        elif result is not None:
            self.summary.value = summary_html(self._summary_text(result))

    def save_assessment(self) -> None:
        """Add the form's assessment to the history; the form starts blank, dated today."""
        if not self.entering:
            raise InputError(
                "This assessment",
                "nothing was entered since the last save, so nothing was saved",
                "the next assessment's ratings, or a copy of the last one, dated",
            )
        assessment = self.form.assessment()
        if self.history and assessment.date <= self.history[-1].date:
            raise InputError(
                "Date of this assessment",
                f"{assessment.date.isoformat()} is not after the last saved assessment "
                f"({self.history[-1].date.isoformat()})",
                "a later date",
            )
        self.history.append(assessment)
        self.form.clear()
        self.entering = False
        set_shown(self.copy, True)
        self._refresh()
        self.say(
            f"Saved the assessment of {assessment.date.isoformat()} "
            f"({len(self.history)} in the history). The results show the saved assessments; "
            "the form is blank for the next one (or start from a copy of the last one and date it)."
        )

    def copy_last(self) -> None:
        """Fill the form with the last saved assessment, undated: the navigator dates the copy."""
        if not self.history:
            return
        self.form.copy_of(self.history[-1])
        self._form_changed()  # undated, so it says "not set" until the navigator dates it

    def clear_history(self) -> None:
        """Forget the saved assessments (they were only ever in this page's memory)."""
        self.history.clear()
        self.entering = True
        set_shown(self.copy, False)
        self._refresh()
        self.say("The history is cleared.")

    def _summary_text(self, result: PlacementResult | TransitionResult) -> str:
        if isinstance(result, TransitionResult):
            return present_readiness.text(result, self.continuum)
        return present_placement.text(result, self.continuum)

    def _level_name(self, code: str) -> str:
        return self.continuum.label(code)
