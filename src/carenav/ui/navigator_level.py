"""The navigator's level-of-care step: the readiness check's assessment form, the rules that fired, the clinician's choice.

The suggestion comes from the placement engine; the clinician's level is recorded only
with a written reason when it differs. Both go into the case, and the programs follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from carenav.catalog import Catalog
from carenav.errors import InputError
from carenav.models.case import ClientCase, LevelOfCareChoice
from carenav.placement import PlacementResult, decide, level_namer, recommend_level
from carenav.present import placement as present_placement
from carenav.ui.assessment_form import AssessmentForm
from carenav.ui.readiness_views import placement_html, summary_html
from carenav.ui.rule_set_chooser import rule_set_chooser

AS_SUGGESTED = ""


class LevelStep:
    """Rate the dimensions; see the suggested level and why; record the clinician's level."""

    def __init__(
        self,
        catalog: Catalog,
        case: ClientCase,
        update: Callable[..., None],
        guard: Callable[[Any], Any],
        today: date,
    ) -> None:
        self.catalog = catalog
        self._update = update
        choice = case.level_of_care
        self.rule_set = catalog.rule_set(choice.rule_set_id or _default_rule_set(catalog, case))
        self._guard, self._today = guard, today
        name = level_namer(catalog.continuum)
        self._filling = True
        # The readiness check's own chooser; placement sets only, since this step suggests a level.
        self.rule_set_choice = rule_set_chooser(catalog, self.rule_set.id, coverage=False)
        self.form = AssessmentForm(self.rule_set, today, guard, self._changed)
        if case.assessments:
            _fill(self.form, case)
        self.form_box = widgets.VBox([self.form.widget])
        self.rule_set_choice.observe(guard(self._rule_set_chosen), names="value")
        self.recommendation = widgets.HTML()
        self.chosen = widgets.Dropdown(
            options=[("As suggested", AS_SUGGESTED), *[(name(c), c) for c in self.rule_set.levels]],
            value=choice.decision.chosen_level
            if choice.decision and choice.decision.chosen_level in self.rule_set.levels
            else AS_SUGGESTED,
            description="Clinician's level",
            style={"description_width": "initial"},
        )
        self.chosen.add_class("carenav-case-level")
        self.reason = widgets.Textarea(
            value=(choice.decision.reason or "") if choice.decision else "",
            description="Reason (required when it differs from the suggestion)",
            style={"description_width": "initial"},
            layout=dict(width="100%"),
        )
        self.reason.add_class("carenav-case-reason")
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        for control in (self.chosen, self.reason):
            control.observe(guard(self._changed), names="value")
        self._filling = False
        self.widget = widgets.HBox(
            [
                widgets.VBox(
                    [widgets.HTML("<h3>Assessment</h3>"), self.rule_set_choice, self.form_box],
                    layout=dict(flex="1 1 480px"),
                ),
                widgets.VBox(
                    [
                        self.recommendation,
                        widgets.HTML(
                            "<h3>Clinician's decision</h3><p>A clinician decides the level of care; the suggestion supports that decision.</p>"
                        ),
                        self.chosen,
                        self.reason,
                        self.message,
                        self.summary,
                    ],
                    layout=dict(flex="1 1 420px"),
                ),
            ],
            layout=dict(flex_flow="row wrap", gap="24px", align_items="flex-start"),
        )

    def _rule_set_chosen(self, _change: Any = None) -> None:
        """Rate again under another rule set: its own dimensions and scale, a fresh form."""
        self.rule_set = self.catalog.rule_set(self.rule_set_choice.value)
        self._filling = True
        self.form = AssessmentForm(self.rule_set, self._today, self._guard, self._changed)
        name = level_namer(self.catalog.continuum)
        self.chosen.options = [
            ("As suggested", AS_SUGGESTED),
            *[(name(c), c) for c in self.rule_set.levels],
        ]
        self.chosen.value = AS_SUGGESTED
        self.form_box.children = (self.form.widget,)
        self._filling = False
        self._changed()

    def _changed(self, _change: Any = None) -> None:
        if self._filling:
            return
        assessment = self.form.assessment()
        result = recommend_level(assessment, self.rule_set)
        self.recommendation.value = placement_html(result, self.catalog.continuum)
        chosen = self.chosen.value or None
        reason = (self.reason.value or "").strip() or None
        decision = None
        self.message.value = ""
        if chosen is not None:
            if chosen != result.recommended_level and not reason:
                self.message.value = '<p role="alert" class="carenav-error">Write the reason the clinician chose a different level; until then the suggested level is used.</p>'
            else:
                decision = {"chosen_level": chosen, "reason": reason}
                result = self._decided(result, chosen, reason)
        self.summary.value = summary_html(present_placement.text(result, self.catalog.continuum))
        choice = LevelOfCareChoice.model_validate(
            {
                "rule_set_id": self.rule_set.id,
                "rule_set_version": self.rule_set.version,
                "suggested_level": result.recommended_level,
                "decision": decision,
            }
        )
        self._update(assessments=[assessment], level_of_care=choice)

    def _decided(self, result: PlacementResult, chosen: str, reason: str | None) -> PlacementResult:
        """The result with the clinician's level beside it, for the summary (checked as the readiness check does)."""
        try:
            return decide(result, chosen, reason, None, self.rule_set)
        except InputError:
            return result

    def show(self, case: ClientCase) -> None:
        """Show the suggestion for the case's assessment (the first time the step opens)."""
        if not self.recommendation.value:
            result = recommend_level(self.form.assessment(), self.rule_set)
            self.recommendation.value = placement_html(result, self.catalog.continuum)
            decision = case.level_of_care.decision
            if decision is not None and case.level_of_care.rule_set_id == self.rule_set.id:
                result = self._decided(result, decision.chosen_level, decision.reason)
            self.summary.value = summary_html(
                present_placement.text(result, self.catalog.continuum)
            )


def _default_rule_set(catalog: Catalog, case: ClientCase) -> str:
    """The rule set to start with: one about substance use when the client needs that care."""
    needs = {str(n) for n in case.needs.needs} if case.needs else set()
    if needs & {"substance-use", "co-occurring"}:
        for rule_set in catalog.rule_sets:
            if "substance" in rule_set.name.lower():
                return rule_set.id
    return catalog.rule_sets[0].id


def _fill(form: AssessmentForm, case: ClientCase) -> None:
    """Set the form from the case's latest assessment."""
    latest = case.assessments[-1]
    form.when.value = latest.date
    form.rater.value = latest.rater
    for dimension, slider in form.sliders.items():
        if dimension in latest.ratings:
            slider.value = latest.rating(dimension)
    for flag, box in form.flags.items():
        box.value = flag in latest.flags
    if latest.note:
        form.note.value = latest.note
