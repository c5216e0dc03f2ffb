"""The inputs of one assessment, generated from a rule set: ratings with their meanings, flags, attendance.

Dimensions, scales and flags come from the rule set, so an organization's own rules
(another instrument, a 1–5 scale) get the right form without code. Every value is
checked on the server: a rating the browser pushes off the scale is refused with a
message and the slider is put back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from carenav.errors import InputError
from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet
from carenav.ui.html import escape

WIDE = {"description_width": "initial"}
WIDTH = {"width": "460px"}
Guard = Callable[[Callable[..., None]], Callable[..., None]]


def _count(description: str, most: int) -> widgets.BoundedIntText:
    # A fixed width: with a long label and no width the number box shrinks to nothing.
    return widgets.BoundedIntText(
        value=0, min=0, max=most, description=description, style=WIDE, layout=WIDTH
    )


class AssessmentForm:
    """Labelled inputs for an Assessment under one rule set; `assessment()` reads them, checked."""

    def __init__(
        self, rule_set: RuleSet, today: date, guard: Guard, on_change: Callable[[], None]
    ) -> None:
        self.rule_set = rule_set
        self._on_change = on_change
        self._restoring = False
        self.when = widgets.DatePicker(
            value=today, description="Date of this assessment", style=WIDE, layout=WIDTH
        )
        self.rater = widgets.Text(
            description="Assessed by", placeholder="name or role", style=WIDE, layout=WIDTH
        )
        self.sliders: dict[str, widgets.IntSlider] = {}
        self.meanings: dict[str, widgets.HTML] = {}
        rows = [self._rating_row(d.id, guard) for d in rule_set.dimensions]
        legend = "; ".join(rule_set.scale.label(v) for v in rule_set.scale.values())
        self.flags = {
            f.id: widgets.Checkbox(
                description=f.question,
                indent=False,
                value=False,
                layout={"width": "auto"},  # the whole question, never cut short
            )
            for f in rule_set.flags
        }
        self.scheduled = _count("Sessions scheduled since the last assessment", 200)
        self.attended = _count("Sessions attended", 200)
        self.goals_total = _count("Treatment-plan goals set (0 = not recorded)", 50)
        self.goals_met = _count("Goals met", 50)
        self.note = widgets.Textarea(description="Note", placeholder="optional", style=WIDE)
        for control in (
            self.when,
            self.rater,
            self.scheduled,
            self.attended,
            self.goals_total,
            self.goals_met,
            self.note,
            *self.flags.values(),
        ):
            control.observe(guard(self._changed), names="value")
        self._today = today
        self.widget = widgets.VBox(
            [
                self.when,
                self.rater,
                widgets.HTML(f"<h3>Ratings</h3><p><small>Scale: {escape(legend)}</small></p>"),
                *rows,
                widgets.HTML("<h3>Questions that settle things outright</h3>"),
                *self.flags.values(),
                widgets.HTML("<h3>Attendance and goals</h3>"),
                self.scheduled,
                self.attended,
                self.goals_total,
                self.goals_met,
                self.note,
            ]
        )

    def _controls(self) -> list[widgets.ValueWidget]:
        return [
            self.when,
            self.rater,
            self.scheduled,
            self.attended,
            self.goals_total,
            self.goals_met,
            self.note,
            *self.flags.values(),
            *self.sliders.values(),
        ]

    def _quietly(self, values: dict[widgets.ValueWidget, Any]) -> None:
        """Set several inputs without announcing a change: the caller decides what follows."""
        self._restoring = True
        try:
            for control, value in values.items():
                control.value = value
        finally:
            self._restoring = False
        for dimension in self.sliders:
            self._show_meaning(dimension)

    def clear(self) -> None:
        """A blank assessment dated today: nothing carried over from the last one."""
        blank: dict[widgets.ValueWidget, Any] = {self.when: self._today, self.rater: ""}
        blank.update(
            {c: 0 for c in (self.scheduled, self.attended, self.goals_total, self.goals_met)}
        )
        blank.update({box: False for box in self.flags.values()})
        blank.update({s: self.rule_set.scale_for(d).minimum for d, s in self.sliders.items()})
        blank[self.note] = ""
        self._quietly(blank)

    def copy_of(self, earlier: Assessment) -> None:
        """The earlier assessment's answers, undated: the navigator dates the copy."""
        values: dict[widgets.ValueWidget, Any] = {self.when: None, self.rater: earlier.rater}
        values.update({s: earlier.rating(d) for d, s in self.sliders.items()})
        values.update({box: f in earlier.flags for f, box in self.flags.items()})
        attendance, progress = earlier.attendance, earlier.plan_progress
        values[self.scheduled] = attendance.scheduled if attendance else 0
        values[self.attended] = attendance.attended if attendance else 0
        values[self.goals_total] = progress.goals_total if progress else 0
        values[self.goals_met] = progress.goals_met if progress else 0
        values[self.note] = earlier.note or ""
        self._quietly(values)

    def _rating_row(self, dimension_id: str, guard: Guard) -> widgets.Widget:
        dimension, scale = (
            self.rule_set.dimension(dimension_id),
            self.rule_set.scale_for(dimension_id),
        )
        slider = widgets.IntSlider(
            value=scale.minimum,
            min=scale.minimum,
            max=scale.maximum,
            description=f"Dimension {dimension.number}" if dimension.number else "Rating",
            tooltip=dimension.label,
            continuous_update=False,
            style=WIDE,
            layout=widgets.Layout(width="300px"),
        )
        slider.add_class(f"carenav-rating-{dimension.id}")
        self.sliders[dimension.id], self.meanings[dimension.id] = slider, widgets.HTML()
        slider.observe(guard(self._rated(dimension.id)), names="value")
        self._show_meaning(dimension.id)
        line = widgets.HBox(
            [slider, self.meanings[dimension.id]],
            layout=widgets.Layout(align_items="center", gap="12px"),
        )
        return widgets.VBox([widgets.HTML(f"<strong>{escape(dimension.label)}</strong>"), line])

    def _changed(self, _change: dict[str, Any]) -> None:
        if not self._restoring:
            self._on_change()

    def assessment(self) -> Assessment:
        """The inputs as an Assessment (InputError, with the field named, when they do not fit)."""
        scheduled, attended = int(self.scheduled.value), int(self.attended.value)
        goals, met = int(self.goals_total.value), int(self.goals_met.value)
        if self.when.value is None:
            raise InputError("Date of this assessment", "is not set", "the date it was done")
        if scheduled and attended > scheduled:
            raise InputError(
                "Sessions attended", f"{attended} is more than the {scheduled} scheduled"
            )
        if goals and met > goals:
            raise InputError("Goals met", f"{met} is more than the {goals} goals set")
        data: dict[str, Any] = {
            "date": self.when.value,
            "rater": (self.rater.value or "").strip() or "not given",
            "ratings": {d: int(s.value) for d, s in self.sliders.items()},
            "flags": [f for f, box in self.flags.items() if box.value is True],
            "attendance": {"scheduled": scheduled, "attended": attended} if scheduled else None,
            "plan_progress": {"goals_total": goals, "goals_met": met} if goals else None,
            "note": (self.note.value or "").strip() or None,
        }
        return Assessment.model_validate(data)

    def _rated(self, dimension: str) -> Callable[[dict[str, Any]], None]:
        def changed(change: dict[str, Any]) -> None:
            if self._restoring:
                return
            scale = self.rule_set.scale_for(dimension)
            new = change["new"]
            if not (isinstance(new, int) and scale.minimum <= new <= scale.maximum):
                self._put_back(dimension, change["old"])
                raise InputError(
                    self.rule_set.dimension(dimension).label,
                    f"{new} is off the scale, so it was not accepted",
                    f"a rating from {scale.minimum} to {scale.maximum}",
                )
            self._show_meaning(dimension)
            self._on_change()

        return changed

    def _put_back(self, dimension: str, old: Any) -> None:
        """Undo what the browser pushed: the slider's bounds and its last accepted value."""
        scale, slider = self.rule_set.scale_for(dimension), self.sliders[dimension]
        self._restoring = True
        try:
            slider.min, slider.max = scale.minimum, scale.maximum
            in_scale = isinstance(old, int) and scale.minimum <= old <= scale.maximum
            slider.value = old if in_scale else scale.minimum
        finally:
            self._restoring = False

    def _show_meaning(self, dimension: str) -> None:
        rating = int(self.sliders[dimension].value)
        words = self.rule_set.scale_for(dimension).meanings.get(rating, "off the scale")
        text = escape(f"{rating} — {words}")
        self.meanings[dimension].value = f'<span class="carenav-meaning">{text}</span>'
