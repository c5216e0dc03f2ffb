"""Every input shown in every app says what its model says: the same label, help, bounds and choices.

The check reads the model (`Field(title=..., description=..., ge=..., le=...)`, Literal and
enum choices) and the widgets on screen, never the form code in between, so a label,
bound or list of choices restated by hand in a UI module fails here the moment it drifts.
Every other input on screen must be on a short list of controls that show no model field.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Iterator
from datetime import date
from html import unescape
from typing import Any

import annotated_types
import ipywidgets as widgets
import pytest
from pydantic import BaseModel

from carenav import catalog
from carenav.ui.cost_estimator import CostEstimatorApp
from carenav.ui.cost_inputs import ENTER_PLAN
from carenav.ui.program_finder import ProgramFinderApp
from carenav.ui.readiness_check import ReadinessCheckApp
from tests.unit.panel_support import open_every_section

TODAY = date(2026, 11, 27)
INPUTS = (
    widgets.Text,
    widgets.Textarea,
    widgets.Dropdown,
    widgets.SelectMultiple,
    widgets.Checkbox,
    widgets.BoundedIntText,
    widgets.IntText,
    widgets.FloatSlider,
    widgets.IntSlider,
    widgets.DatePicker,
    widgets.RadioButtons,
)
# Inputs that show no model field: choices from the catalog or the rule set, and switches.
NOT_MODEL_FIELDS = {
    "program_finder": {"Sort results", "Shortlist to compare (up to 4)", "How much it matters"},
    "cost_estimator": {
        "Plan",
        "Program",
        "Use household income (sliding scale, Medicaid bands)",
        "Add a scholarship or grant, or a payment plan",
        *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    },
    "readiness_check": {
        "Rule set",
        "Current level of care",
        "Clinician's chosen level",
        "Reason (required if it differs from the recommendation)",
        "Clinician",
        "Rating",  # dimensions, scales and flags come from the rule set, checked in its own tests
        "Dimension",
    },
    "navigator": {
        "Plan",  # the plans in the data, or one typed in
        "Use household income (sliding scale, Medicaid bands)",
        "Rule set",
        "Clinician's level",
        "Reason (required when it differs from the suggestion)",
        "Client's name on the handout (optional, never saved)",
        "Shortlisted program",  # one tick box per program, named by the directory
        "How much it matters",
        "Rating",
        "Dimension",
    },
}


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u200b", "")


def _walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _note_beside(root: widgets.Widget, control: widgets.Widget) -> str:
    """The help text in the field box that holds the control."""
    for box in _walk(root):
        children = list(getattr(box, "children", ()))
        if "carenav-field" in getattr(box, "_dom_classes", ()) and control in children:
            return " ".join(_text(c.value) for c in children if isinstance(c, widgets.HTML))
    return ""


def _bounds(model: type[BaseModel], name: str) -> tuple[float | None, float | None, bool]:
    low = high = None
    strict_low = False
    for item in model.model_fields[name].metadata:
        if isinstance(item, annotated_types.Ge):
            low = float(item.ge)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Gt):
            low, strict_low = float(item.gt), True  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Le):
            high = float(item.le)  # type: ignore[arg-type]
    return low, high, strict_low


def _choices(annotation: Any) -> set[str] | None:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, frozenset, set, list):
        found = [_choices(a) for a in typing.get_args(annotation) if a is not type(None)]
        return next((c for c in found if c is not None), None)
    if origin is typing.Literal:
        return {str(a) for a in typing.get_args(annotation)}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {str(m.value) for m in annotation}
    return None


def _label(control: widgets.Widget, root: widgets.Widget) -> str:
    return str(getattr(control, "description", "")) or _note_beside(root, control)


def check_field(root: widgets.Widget, model: type[BaseModel], name: str, control: Any) -> None:
    """The control's label, help, bounds and choices against the model's field."""
    info = model.model_fields[name]
    where = f"{model.__name__}.{name}"
    assert info.title, f"{where} has no title for its label"
    assert info.title in _label(control, root), f"{where}: label differs from the model's title"
    note = _note_beside(root, control)
    assert (info.description or "") in note, f"{where}: help differs from the model's description"
    low, high, strict = _bounds(model, name)

    def num(x: float) -> str:  # as a navigator reads it: 3,000, not 3000 or 1e+06
        return f"{x:,.0f}" if x == int(x) else f"{x:,}"

    words = (
        f"from {num(low)} to {num(high)}"
        if low is not None and high is not None
        else (f"{num(low)} or more" if low is not None else (f"up to {num(high)}" if high else ""))
    )
    if words:
        assert note.count(words) == 1, f"{where}: help should state '{words}' once: {note!r}"
    assert not re.search(r"\(\d+ to \d+\)", note), f"{where}: a bound restated by hand"
    assert ") (" not in note, f"{where}: two asides in a row read badly: {note!r}"
    if isinstance(control, widgets.BoundedIntText | widgets.FloatSlider | widgets.IntSlider):
        if low is not None:
            assert control.min == low, f"{where}: lowest {control.min}, the model's {low}"
        if high is not None:
            assert control.max == high, f"{where}: highest {control.max}, the model's {high}"
        else:
            assert control.max >= 10**9, f"{where}: a cap the model does not have"
    values = [v for _, v in getattr(control, "options", ()) if v is not None]
    choices = _choices(info.annotation)
    if choices is not None and isinstance(control, widgets.Dropdown | widgets.SelectMultiple):
        assert {str(getattr(v, "value", v)) for v in values} == choices, f"{where}: choices"
    numbers = [v for v in values if isinstance(v, int | float)]
    for value in numbers:  # e.g. the travel distances offered
        assert low is None or (value > low if strict else value >= low), f"{where}: {value}"
        assert high is None or value <= high, f"{where}: {value} is over {high}"


def _check_app(
    app: str,
    root: widgets.Widget,
    shown: list[tuple[type[BaseModel], str, Any]],
    from_rules: frozenset[str] = frozenset(),
) -> None:
    for model, name, control in shown:
        check_field(root, model, name, control)
    checked = {id(control) for _, _, control in shown}
    others = {
        str(getattr(w, "description", "")) or "flag"
        for w in _walk(root)
        if isinstance(w, INPUTS) and id(w) not in checked
    }
    others = {re.sub(r"^Dimension \d+$", "Dimension", o) for o in others} - from_rules
    others = {o if o in NOT_MODEL_FIELDS[app] else f"UNCHECKED: {o}" for o in others}
    assert others <= NOT_MODEL_FIELDS[app], sorted(others - NOT_MODEL_FIELDS[app])


@pytest.fixture(scope="module")
def loaded() -> catalog.Catalog:
    return catalog.load()


def test_every_input_of_the_program_finder_follows_its_model(loaded: catalog.Catalog) -> None:
    finder = ProgramFinderApp(loaded, today=TODAY)
    open_every_section(finder.inputs.sections)
    shown = [(s.model, s.name, control) for s, control in finder.inputs.shown]
    assert len(shown) >= 30  # needs, paying, reach, 7 preferences, 10 weights, weeks
    _check_app("program_finder", finder.widget, shown)


def test_every_input_of_the_cost_estimator_follows_its_model(loaded: catalog.Catalog) -> None:
    app = CostEstimatorApp(loaded, start=date(2026, 12, 7))
    open_every_section(app.inputs.more.widget)
    app.inputs.plan_choice.value = ENTER_PLAN
    app.inputs.use_household.value = True
    app.inputs.use_payment.value = True
    forms = [
        app.inputs.plan_form,
        app.inputs.rate_form,
        app.inputs.schedule_form,
        app.inputs.accumulators_form,
        app.inputs.household_form,
        app.inputs.payment_form,
    ]
    shown = [
        (form.model, name, field.control)
        for form in forms
        if form is not None
        for name, field in form.inputs.items()
    ]
    assert len(shown) >= 29
    _check_app("cost_estimator", app.widget, shown)


def test_every_input_of_the_readiness_check_follows_its_model(loaded: catalog.Catalog) -> None:
    check = ReadinessCheckApp(loaded, today=TODAY)
    shown = [(s.model, s.name, control) for s, control in check.form.shown]
    questions = frozenset(f.question for f in check.rule_set.flags)  # the rule set's own words
    _check_app("readiness_check", check.widget, shown, questions)


def test_every_input_of_the_navigator_follows_its_model(loaded: catalog.Catalog) -> None:
    from carenav.models.case import ClientCase
    from carenav.ui.forms import FieldInput
    from carenav.ui.navigator import CLIENT, COSTS, LEVEL, PROGRAMS, STEPS, NavigatorApp
    from carenav.ui.navigator_client import ENTER_PLAN as ENTER

    app = NavigatorApp(loaded, today=TODAY)
    client = app.step(CLIENT)
    client.panel.needs.value = ("substance-use",)
    client.plan.value = ENTER
    client.use_household.value = True
    open_every_section(client.panel.sections)
    for index in range(len(STEPS)):
        app.tabs.selected_index = index
    programs = app.steps[PROGRAMS]
    assert programs.boxes, "no program offered to shortlist"
    for box in programs.boxes.values():
        box.description = "Shortlisted program"  # a program's name, from the directory
    forms = [client.met, client.entered, client.household, client.notes, client.dual]
    shown = [(s.model, s.name, control) for s, control in client.panel.shown]
    shown += [
        (form.model, name, field.control)
        for form in forms
        if form is not None
        for name, field in form.inputs.items()
    ]
    shown += [(s.model, s.name, control) for s, control in app.steps[LEVEL].form.shown]
    costs = app.steps[COSTS]
    shown += [(ClientCase, "weeks", costs.weeks), (ClientCase, "start", costs.start)]
    names = {(m.__name__, n) for m, n, _ in shown}
    for expected in [
        ("Household", "annual_income"),
        ("Household", "size"),
        ("ClientCase", "notes"),
        ("ClientCase", "weeks"),
        ("EnteredPlan", "deductible"),
        ("Accumulators", "deductible_met"),
    ]:
        assert expected in names, f"the navigator shows no input for {expected}"
    assert isinstance(client.notes.inputs["notes"].control, widgets.Textarea)
    assert isinstance(
        FieldInput("weeks", ClientCase.model_fields["weeks"]).control, type(costs.weeks)
    )
    level = app.steps[LEVEL]
    questions = frozenset(f.question for f in level.rule_set.flags)
    _check_app("navigator", app.widget, shown, questions)


def test_a_label_restated_by_hand_is_caught() -> None:
    from carenav.models.coverage import EstimateInputs

    weeks = widgets.BoundedIntText(value=8, min=1, max=52, description="Estimate over (weeks)")
    box = widgets.VBox([weeks, widgets.HTML("Length of the estimate in weeks")])
    box.add_class("carenav-field")
    with pytest.raises(AssertionError, match="label differs"):
        check_field(box, EstimateInputs, "weeks", weeks)
    weeks.description = "Weeks"
    with pytest.raises(AssertionError, match="should state 'from 0 to 104' once"):
        check_field(box, EstimateInputs, "weeks", weeks)
