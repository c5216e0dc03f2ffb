"""The cost app's inputs: plan, program and its days, schedule, what is used so far and household.

Every value passes through its pydantic model (EnteredPlan, RateEntry, EstimateInputs,
Accumulators, Household) on the server, whatever the browser sent; a problem is shown
beside its field and `current()` is None until every field is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import ipywidgets as widgets
import traitlets

from carenav.catalog import Catalog
from carenav.models.base import dollars
from carenav.models.billing import BillingUnit, ProgramBilling, RateEntry, Weekday
from carenav.models.coverage import (
    Accumulators,
    CoveragePlan,
    EnteredPlan,
    EstimateInputs,
    Household,
)
from carenav.models.payment import PaymentOptions
from carenav.ui.forms import FieldInput, ModelForm, field_box, note_html, spec
from carenav.ui.html import escape
from carenav.ui.lazy import LazyPanels

ENTER_PLAN = "__entered__"
ENTER_RATE = "__rate__"
# Every field of the typed-in plan gets an input, in the model's order.
PLAN_FIELDS = list(EnteredPlan.model_fields)
# Shown only while "Has an out-of-network benefit" is ticked.
OUT_OF_NETWORK_FIELDS = [n for n in PLAN_FIELDS if n.startswith("out_of_network_")]
OUT_OF_NETWORK_FIELDS.remove("out_of_network_benefit")
# Full names label the checkboxes: a screen reader says "Wed" as a word.
FULL_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_NAMES = dict(zip(Weekday, FULL_NAMES, strict=True))

Handler = Callable[[dict[str, Any]], None]
Guard = Callable[[Handler], Callable[[dict[str, Any]], None]]


def section(title: str, *children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox([widgets.HTML(f"<h2>{escape(title)}</h2>"), *children])


class WeekdayBoxes(widgets.HBox):  # type: ignore[misc]
    """One labelled checkbox per weekday; `value` is the days ticked, in week order.

    `value` is kept on the server only (not synced): the browser can tick or untick the
    seven known days and nothing else, and the form still checks the days through RateEntry.
    """

    value = traitlets.Tuple()

    def __init__(self, chosen: list[Weekday]) -> None:
        self.boxes = {
            day: widgets.Checkbox(
                value=day in chosen,
                description=DAY_NAMES[day],
                indent=False,
                layout=dict(width="150px"),
            )
            for day in Weekday
        }
        super().__init__(
            list(self.boxes.values()), layout=dict(flex_flow="row wrap", width="330px")
        )
        self.value = self._ticked()
        for box in self.boxes.values():
            box.observe(self._box_changed, names="value")

    def _ticked(self) -> tuple[str, ...]:
        return tuple(day.value for day, box in self.boxes.items() if box.value is True)

    def _box_changed(self, _change: dict[str, Any]) -> None:
        self.value = self._ticked()


class WeekdayInput(FieldInput):
    """The meeting days as a form field: label and help from the model, the error beside it."""

    def __init__(self, model: type[RateEntry], name: str) -> None:
        info = model.model_fields[name]
        self.name = name
        self.kind, self.optional = list, False
        self.spec = spec(model, name)
        self.label_text = self.spec.label
        self.control = WeekdayBoxes(info.get_default(call_default_factory=True))
        self.help_text, self.error_text = self.spec.help, ""
        # One HTML for the label, help and error: a group of checkboxes has no single <label>.
        self.label = widgets.HTML(f"<strong>{escape(self.label_text)}</strong>")
        self.note = widgets.HTML(note_html(self.help_text))
        self.widget = field_box(self.label, self.control, self.note)
        self.widget.add_class("carenav-meeting-days")

    def raw(self) -> Any:
        return list(self.control.value)


class RateForm(ModelForm[RateEntry]):
    """The rate typed in, with the days it meets chosen as labelled checkboxes."""

    def __init__(self) -> None:
        super().__init__(RateEntry, ["rate", "charge", "cash_price"])
        days = WeekdayInput(RateEntry, "meeting_days")
        rate = self.inputs.pop("rate")
        self.inputs = {"rate": rate, "meeting_days": days, **self.inputs}
        self.widget.children = tuple(self.children())
        days.control.observe(self._changed, names="value")
        self.validate()

    def tick(self, *days: Weekday) -> None:
        """Tick exactly these days (as a navigator would, box by box)."""
        control = self.inputs["meeting_days"].control
        for day, box in control.boxes.items():
            box.value = day in days


@dataclass(frozen=True)
class Chosen:
    """Everything one estimate needs, each part validated."""

    plan: CoveragePlan
    billing: ProgramBilling
    program_name: str
    help_known: dict[str, bool | None]
    inputs: EstimateInputs


class CostInputs:
    """Builds the input widgets; `on_change` runs (guarded) whenever any of them changes."""

    def __init__(
        self, catalog: Catalog, start: date, guard: Guard, on_change: Callable[[], None]
    ) -> None:
        self.catalog = catalog
        self._guard = guard
        self._on_change = on_change
        plans = sorted(catalog.payers.values(), key=lambda p: p.name)
        self.plan_choice = widgets.Dropdown(
            options=[(p.name, p.id) for p in plans] + [("Enter a plan by hand…", ENTER_PLAN)],
            value="example-ppo-2026" if "example-ppo-2026" in catalog.payers else ENTER_PLAN,
            description="Plan",
        )
        self.plan_choice.add_class("carenav-plan-choice")
        self.plan_form: ModelForm[EnteredPlan] | None = None
        self.plan_form_box = widgets.VBox([])
        # Names and ids from the directory's facts: no model per program (20,000 took
        # seconds), and no frame until a program is chosen.
        self.program_choice = widgets.Dropdown(
            options=[
                ("Enter a rate by hand…", ENTER_RATE),
                *((name, pid) for pid, name in catalog.programs.billed()),
            ],
            value=ENTER_RATE,
            description="Program",
        )
        self.program_choice.add_class("carenav-program-choice")
        self.rate_form = RateForm()
        self.rate_form.set_values({"rate": "450"})
        self.schedule_form = ModelForm(
            EstimateInputs,
            ["start", "weeks", "level", "network"],
            context=catalog.known_codes().context(),
        )
        self.schedule_form.set_values({"start": start, "weeks": 12})
        self.accumulators_form = ModelForm(
            Accumulators, ["deductible_met", "out_of_pocket_met", "days_used"]
        )
        self.use_household = widgets.Checkbox(
            value=False,
            description="Use household income (sliding scale, Medicaid bands)",
            indent=False,
        )
        self.household_form: ModelForm[Household] | None = None
        self.household_box = widgets.VBox([])
        self.use_payment = widgets.Checkbox(
            value=False,
            description="Add a scholarship or grant, or a payment plan",
            indent=False,
        )
        self.payment_form: ModelForm[PaymentOptions] | None = None
        self.payment_box = widgets.VBox([])
        self.plan_choice.observe(guard(self._plan_chosen), names="value")
        self.program_choice.observe(guard(self._program_chosen), names="value")
        self.use_household.observe(guard(self._household_toggled), names="value")
        self.use_payment.observe(guard(self._payment_toggled), names="value")
        for form in (self.rate_form, self.schedule_form, self.accumulators_form):
            self._watch(form)
        self.rate_box = widgets.VBox([self.rate_form.widget])
        # What most estimates leave at zero or unused is in closed sections, drawn when
        # first opened (`carenav.ui.lazy`): the page opens sooner with fewer drawn widgets.
        self.more = LazyPanels(
            widgets.Accordion,
            ("Used so far this plan year", "Household income", "Scholarship or payment plan"),
            (
                self.accumulators_form.widget,
                widgets.VBox([self.use_household, self.household_box]),
                widgets.VBox([self.use_payment, self.payment_box]),
            ),
            waiting="Opening this section shows its fields.",
            opened=None,
            guard=guard,
        )
        self.more.widget.add_class("carenav-more-inputs")
        self.widget = widgets.VBox(
            [
                section("Coverage", self.plan_choice, self.plan_form_box),
                section("Program", self.program_choice, self.rate_box),
                section("When and how long", self.schedule_form.widget),
                self.more.widget,
            ],
            layout=dict(width="340px"),
        )

    def _watch(self, form: ModelForm[Any]) -> None:
        for field_input in form.inputs.values():
            field_input.control.observe(self._guard(lambda _c: self._on_change()), names="value")

    def _plan_chosen(self, _change: dict[str, Any]) -> None:
        if self.plan_choice.value == ENTER_PLAN and self.plan_form is None:
            self.plan_form = ModelForm(EnteredPlan, PLAN_FIELDS)
            start = self.schedule_form.value.start if self.schedule_form.value else date.today()
            self.plan_form.set_values(
                {
                    "deductible": "1500",
                    "coinsurance": "0.2",
                    "plan_year_start": date(start.year, 1, 1),
                }
            )
            self._show_out_of_network_fields({})
            benefit = self.plan_form.inputs["out_of_network_benefit"].control
            benefit.observe(self._guard(self._show_out_of_network_fields), names="value")
            self._watch(self.plan_form)
        self.plan_form_box.children = (
            (self.plan_form.widget,)
            if self.plan_choice.value == ENTER_PLAN and self.plan_form
            else ()
        )
        self._on_change()

    def _show_out_of_network_fields(self, _change: dict[str, Any]) -> None:
        """Show the out-of-network terms only while the plan has that benefit ticked."""
        assert self.plan_form is not None
        shown = self.plan_form.inputs["out_of_network_benefit"].control.value is True
        for name in OUT_OF_NETWORK_FIELDS:
            self.plan_form.inputs[name].show(shown)

    def _program_chosen(self, _change: dict[str, Any]) -> None:
        self.rate_box.children = (
            (self.rate_form.widget,) if self.program_choice.value == ENTER_RATE else ()
        )
        offered = self.offered_levels()
        level = self.schedule_form.value.level if self.schedule_form.value else None
        if offered and level not in offered:
            # The level is the one the client would attend there: a level-1 program is
            # never estimated (or warned about) as IOP.
            self.schedule_form.set_values({"level": offered[0]})
        self._on_change()

    def offered_levels(self) -> list[str]:
        """The levels the chosen directory program offers; empty for a rate typed in."""
        if self.program_choice.value == ENTER_RATE:
            return []
        return list(self.catalog.programs.program(str(self.program_choice.value)).levels)

    def _household_toggled(self, _change: dict[str, Any]) -> None:
        if self.use_household.value and self.household_form is None:
            self.household_form = ModelForm(Household, ["size", "annual_income", "region"])
            self.household_form.set_values({"size": 1, "annual_income": "30000"})
            self._watch(self.household_form)
        self.household_box.children = (
            (self.household_form.widget,)
            if self.use_household.value and self.household_form
            else ()
        )
        self._on_change()

    def _payment_toggled(self, _change: dict[str, Any]) -> None:
        if self.use_payment.value and self.payment_form is None:
            self.payment_form = ModelForm(PaymentOptions, list(PaymentOptions.model_fields))
            self._watch(self.payment_form)
        self.payment_box.children = (
            (self.payment_form.widget,) if self.use_payment.value and self.payment_form else ()
        )
        self._on_change()

    # -- reading the inputs -----------------------------------------------------------------

    def current(self) -> Chosen | None:
        """Plan, program and inputs when every field is valid; None while one needs fixing."""
        inputs = self.current_inputs()
        program = self.current_program()
        if inputs is None or program is None:
            return None
        billing, name, help_known = program
        plan = self.current_plan(inputs.level, billing.unit)
        if plan is None:
            return None
        return Chosen(plan, billing, name, help_known, inputs)

    def plan_id(self) -> str:
        return (
            EnteredPlan.PLAN_ID if self.plan_choice.value == ENTER_PLAN else self.plan_choice.value
        )

    def current_plan(self, level: str, unit: BillingUnit) -> CoveragePlan | None:
        """The chosen sample plan, or the typed-in one (its limit and approval for `level`)."""
        if self.plan_choice.value == ENTER_PLAN:
            entered = self.plan_form.value if self.plan_form else None
            return entered.to_plan(level, unit) if entered else None
        return self.catalog.payers[self.plan_choice.value]

    def current_program(self) -> tuple[ProgramBilling, str, dict[str, bool | None]] | None:
        """The program's billing, its name, and what its record says about payment help."""
        if self.program_choice.value == ENTER_RATE:
            entry = self.rate_form.value
            if entry is None:
                return None
            days = ", ".join(day.value for day in entry.meeting_days)
            name = f"a program billing {dollars(entry.rate)} a {entry.unit} ({days})"
            return entry.billing(self.plan_id()), name, {}
        program = self.catalog.programs.program(str(self.program_choice.value))
        assert program.billing is not None  # only programs with billing are offered
        help_known = {
            "payment_plan": program.payment.payment_plan,
            "scholarship": program.payment.scholarship,
        }
        return program.billing, program.name, help_known

    def current_inputs(self) -> EstimateInputs | None:
        schedule, used = self.schedule_form.value, self.accumulators_form.value
        household = None
        if self.use_household.value:
            household = self.household_form.value if self.household_form else None
            if household is None:
                return None
        payment = PaymentOptions()
        if self.use_payment.value:
            chosen = self.payment_form.value if self.payment_form else None
            if chosen is None:
                return None
            payment = chosen
        if schedule is None or used is None:
            return None
        offered = self.offered_levels()
        if offered and schedule.level not in offered:
            self.schedule_form.inputs["level"].show_error(
                f"This program offers level {' or '.join(offered)}; choose one of those."
            )
            return None
        return schedule.model_copy(
            update={"accumulators": used, "household": household, "payment": payment}
        )
