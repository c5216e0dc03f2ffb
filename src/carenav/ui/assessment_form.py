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
from pydantic import BaseModel, ValidationError

from carenav.errors import InputError
from carenav.models.assessment import Assessment, Attendance, PlanProgress
from carenav.models.rules import RuleSet
from carenav.ui.forms import FieldSpec, field_box, note_html, spec
from carenav.ui.html import escape
from carenav.ui.sharing import relayout, restyle

WIDE = {"description_width": "initial"}
WIDTH = {"width": "460px"}
Guard = Callable[[Callable[..., None]], Callable[..., None]]


def _labelled(control: widgets.ValueWidget, field: FieldSpec) -> widgets.ValueWidget:
    """Name the control by the model field's title (a <label for=...>); its help shows as a tooltip-free note."""
    control.description = field.label
    restyle(control, description_width="initial")
    relayout(control, width=WIDTH["width"])
    return control


def _count(model: type[BaseModel], name: str) -> widgets.Text:
    """A count as the model has it; empty means 'not recorded' (the model's part is then left out)."""
    control = widgets.Text(value="", placeholder="not recorded", continuous_update=False)
    return _labelled(control, spec(model, name))


def _boxed(control: widgets.ValueWidget, field: FieldSpec) -> widgets.Widget:
    """The control with the field's help under it, in one field box (alone when it has no help)."""
    if not field.help:
        return control
    return field_box(control, widgets.HTML(note_html(field.help)))


class AssessmentForm:
    """Labelled inputs for an Assessment under one rule set; `assessment()` reads them, checked."""

    def __init__(
        self, rule_set: RuleSet, today: date, guard: Guard, on_change: Callable[[], None]
    ) -> None:
        self.rule_set = rule_set
        self._on_change = on_change
        self._restoring = False
        self.when = _labelled(widgets.DatePicker(value=today), spec(Assessment, "date"))
        self.rater = _labelled(
            widgets.Text(placeholder="name or role"),
            spec(Assessment, "rater"),
        )
        self.sliders: dict[str, widgets.IntSlider] = {}
        self.meanings: dict[str, widgets.HTML] = {}
        # Each rating is its title and, below it, the slider beside its meaning.
        rows = [part for d in rule_set.dimensions for part in self._rating_row(d.id, guard)]
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
        self.scheduled = _count(Attendance, "scheduled")
        self.attended = _count(Attendance, "attended")
        self.goals_total = _count(PlanProgress, "goals_total")
        self.goals_met = _count(PlanProgress, "goals_met")
        note = spec(Assessment, "note")
        self.note = _labelled(widgets.Textarea(placeholder=note.description), note)
        # Each control and the model field it shows: the forms test checks them against the models.
        self.shown: list[tuple[FieldSpec, widgets.Widget]] = [
            (spec(Assessment, "date"), self.when),
            (spec(Assessment, "rater"), self.rater),
            (spec(Attendance, "scheduled"), self.scheduled),
            (spec(Attendance, "attended"), self.attended),
            (spec(PlanProgress, "goals_total"), self.goals_total),
            (spec(PlanProgress, "goals_met"), self.goals_met),
            (note, self.note),
        ]
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
                _boxed(self.when, spec(Assessment, "date")),
                _boxed(self.rater, spec(Assessment, "rater")),
                widgets.HTML(f"<h3>Ratings</h3><p><small>Scale: {escape(legend)}</small></p>"),
                *rows,
                widgets.HTML("<h3>Questions that settle things outright</h3>"),
                *self.flags.values(),
                widgets.HTML("<h3>Attendance and goals</h3>"),
                _boxed(self.scheduled, spec(Attendance, "scheduled")),
                _boxed(self.attended, spec(Attendance, "attended")),
                _boxed(self.goals_total, spec(PlanProgress, "goals_total")),
                _boxed(self.goals_met, spec(PlanProgress, "goals_met")),
                _boxed(self.note, note),
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
            {c: "" for c in (self.scheduled, self.attended, self.goals_total, self.goals_met)}
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
        values[self.scheduled] = str(attendance.scheduled) if attendance else ""
        values[self.attended] = str(attendance.attended) if attendance else ""
        values[self.goals_total] = str(progress.goals_total) if progress else ""
        values[self.goals_met] = str(progress.goals_met) if progress else ""
        values[self.note] = earlier.note or ""
        self._quietly(values)

    def _rating_row(self, dimension_id: str, guard: Guard) -> tuple[widgets.Widget, widgets.Widget]:
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
            layout=dict(width="300px"),
        )
        slider.add_class(f"carenav-rating-{dimension.id}")
        self.sliders[dimension.id], self.meanings[dimension.id] = slider, widgets.HTML()
        slider.observe(guard(self._rated(dimension.id)), names="value")
        self._show_meaning(dimension.id)
        line = widgets.HBox(
            [slider, self.meanings[dimension.id]],
            layout=dict(align_items="center", gap="12px"),
        )
        return widgets.HTML(f"<strong>{escape(dimension.label)}</strong>"), line

    def _changed(self, _change: dict[str, Any]) -> None:
        if not self._restoring:
            self._on_change()

    def assessment(self) -> Assessment:
        """The inputs as an Assessment (InputError, with the field named, when they do not fit)."""
        scheduled, attended = self._number(self.scheduled), self._number(self.attended)
        goals, met = self._number(self.goals_total), self._number(self.goals_met)
        if self.when.value is None:
            raise InputError("Date of this assessment", "is not set", "the date it was done")
        if scheduled is not None and attended is not None and attended > scheduled:
            raise InputError(
                "Sessions attended", f"{attended} is more than the {scheduled} scheduled"
            )
        if goals is not None and met is not None and met > goals:
            raise InputError("Goals met", f"{met} is more than the {goals} goals set")
        data: dict[str, Any] = {
            "date": self.when.value,
            "rater": (self.rater.value or "").strip() or "not given",
            "ratings": {d: int(s.value) for d, s in self.sliders.items()},
            "flags": [f for f, box in self.flags.items() if box.value is True],
            "attendance": None
            if scheduled is None
            else {"scheduled": scheduled, "attended": attended or 0},
            "plan_progress": None
            if goals is None
            else {"goals_total": goals, "goals_met": met or 0},
            "note": (self.note.value or "").strip() or None,
        }
        try:
            return Assessment.model_validate(data)
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            where = [str(part) for part in error["loc"]]
            name = where[-1] if where else "assessment"
            parts: dict[str, type[BaseModel]] = {
                "attendance": Attendance,
                "plan_progress": PlanProgress,
            }
            model = parts.get(where[0], Assessment) if where else Assessment
            label = spec(model, name).label if name in model.model_fields else name
            raise InputError(
                label, str(error["msg"]).removeprefix("Value error, ").lower()
            ) from None

    @staticmethod
    def _number(control: widgets.Text) -> int | None:
        """A count typed in: empty is 'not recorded'; anything but a whole number is refused."""
        text = (control.value or "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise InputError(control.description, f"'{text}' is not a whole number", "0, 1, 2, …")
        return int(text)

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
