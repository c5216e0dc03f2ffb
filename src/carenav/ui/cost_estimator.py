"""The cost app for navigators: a plan and a program in, the week-by-week cost and its reasons out."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import ipywidgets as widgets

from carenav import catalog as catalog_module
from carenav.catalog import Catalog
from carenav.catalog.payers import plan_warnings
from carenav.costs import CostLedger, dollars, estimate, questions_to_ask
from carenav.errors import CarenavError
from carenav.models.billing import ProgramBilling, RateEntry
from carenav.models.coverage import (
    Accumulators,
    CoveragePlan,
    EnteredPlan,
    EstimateInputs,
    Household,
)
from carenav.ui.base import AppShell
from carenav.ui.cost_views import (
    Scenario,
    assumptions_html,
    chart_html,
    events_html,
    ledger_html,
    questions_html,
    scenarios_html,
    summary_html,
    warnings_html,
)
from carenav.ui.forms import ModelForm
from carenav.ui.handout import cost_handout, download_link

ENTER_PLAN = "__entered__"
ENTER_RATE = "__rate__"
MAX_SCENARIOS = 3
PLAN_FIELDS = [
    "deductible",
    "coinsurance",
    "copay_per_unit",
    "copay_before_deductible",
    "out_of_pocket_max",
    "plan_year_start",
]


def next_monday(today: date) -> date:
    """The first Monday after `today` (programs usually start a week on Monday)."""
    return today + timedelta(days=7 - today.weekday())


def _section(title: str, *children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox([widgets.HTML(f"<h2>{title}</h2>"), *children])


class CostEstimatorApp(AppShell):
    """Pick a plan and a program (or type them in); see the ledger, chart, events, scenarios and questions."""

    def __init__(self, catalog: Catalog | None = None, start: date | None = None) -> None:
        super().__init__(
            "What will it cost?",
            "An estimate of what a client pays for a program under their plan, week by week, "
            "with the reasons. The plan makes the coverage decision.",
        )
        try:
            self.catalog = catalog or catalog_module.load(
                sections=("reference", "payers", "programs")
            )
        except CarenavError as exc:
            self.say_error(str(exc))
            self.mount()
            return
        self.ledger: CostLedger | None = None
        self.asked: dict[str, list[str]] = {}
        self.scenarios: list[Scenario] = []
        self._build_inputs(start or next_monday(date.today()))
        self._build_results()
        self.mount(
            widgets.HBox(
                [self.inputs_box, self.results_box],
                layout=widgets.Layout(align_items="flex-start", gap="24px", flex_flow="row wrap"),
            )
        )
        self.refresh()

    # -- inputs ---------------------------------------------------------------------------

    def _build_inputs(self, start: date) -> None:
        plans = sorted(self.catalog.payers.values(), key=lambda p: p.name)
        self.plan_choice = widgets.Dropdown(
            options=[(p.name, p.id) for p in plans] + [("Enter a plan by hand…", ENTER_PLAN)],
            value="example-ppo-2026" if "example-ppo-2026" in self.catalog.payers else ENTER_PLAN,
            description="Plan",
        )
        self.plan_choice.add_class("carenav-plan-choice")
        self.plan_form: ModelForm[EnteredPlan] | None = None
        self.plan_form_box = widgets.VBox([])
        billed = [p for p in self.catalog.programs.programs if p.billing is not None]
        self.program_choice = widgets.Dropdown(
            options=[("Enter a rate by hand…", ENTER_RATE)] + [(p.name, p.id) for p in billed],
            value=ENTER_RATE,
            description="Program",
        )
        self.program_choice.add_class("carenav-program-choice")
        self.rate_form = ModelForm(RateEntry, ["rate", "days_per_week", "charge", "cash_price"])
        self.rate_form.set_values({"rate": "450", "days_per_week": 3})
        self.schedule_form = ModelForm(
            EstimateInputs,
            ["start", "weeks", "level", "network"],
            labels={
                "start": "First day",
                "weeks": "Weeks",
                "level": "Level of care",
                "network": "Network",
            },
        )
        self.schedule_form.set_values({"start": start, "weeks": 12})
        self.accumulators_form = ModelForm(
            Accumulators,
            ["deductible_met", "out_of_pocket_met", "days_used"],
            labels={
                "deductible_met": "Deductible met so far",
                "out_of_pocket_met": "Out-of-pocket met so far",
            },
        )
        self.use_household = widgets.Checkbox(
            value=False,
            description="Use household income (sliding scale, Medicaid bands)",
            indent=False,
        )
        self.household_form: ModelForm[Household] | None = None
        self.household_box = widgets.VBox([])
        self.plan_choice.observe(self.guard(self._plan_chosen), names="value")
        self.program_choice.observe(self.guard(self._program_chosen), names="value")
        self.use_household.observe(self.guard(self._household_toggled), names="value")
        for form in (self.rate_form, self.schedule_form, self.accumulators_form):
            self._watch(form)
        self.rate_box = widgets.VBox([self.rate_form.widget])
        self.inputs_box = widgets.VBox(
            [
                _section("Coverage", self.plan_choice, self.plan_form_box),
                _section("Program", self.program_choice, self.rate_box),
                _section("When and how long", self.schedule_form.widget),
                _section("Used so far this plan year", self.accumulators_form.widget),
                _section("Household", self.use_household, self.household_box),
            ],
            layout=widgets.Layout(width="320px"),
        )

    def _watch(self, form: ModelForm[Any]) -> None:
        for field_input in form.inputs.values():
            field_input.control.observe(self.guard(lambda _change: self.refresh()), names="value")

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
            self._watch(self.plan_form)
        self.plan_form_box.children = (
            (self.plan_form.widget,)
            if self.plan_choice.value == ENTER_PLAN and self.plan_form
            else ()
        )
        self.refresh()

    def _program_chosen(self, _change: dict[str, Any]) -> None:
        self.rate_box.children = (
            (self.rate_form.widget,) if self.program_choice.value == ENTER_RATE else ()
        )
        self.refresh()

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
        self.refresh()

    # -- results --------------------------------------------------------------------------

    def _build_results(self) -> None:
        self.summary = widgets.HTML()
        self.summary.add_class("carenav-cost-summary")
        self.plan_notes = widgets.HTML()
        self.events = widgets.HTML()
        self.ledger_table = widgets.HTML()
        self.chart = widgets.HTML()
        self.comparison = widgets.HTML()
        self.assumptions = widgets.HTML()
        self.questions = widgets.HTML()
        self.keep_button = widgets.Button(description="Keep as a scenario", icon="")
        self.clear_button = widgets.Button(description="Clear scenarios", icon="")
        self.keep_button.on_click(self.guard(lambda _b: self.keep_scenario()))
        self.clear_button.on_click(self.guard(lambda _b: self.clear_scenarios()))
        tabs = widgets.Tab(
            children=[
                self.ledger_table,
                self.chart,
                widgets.VBox(
                    [widgets.HBox([self.keep_button, self.clear_button]), self.comparison]
                ),
                self.questions,
                self.assumptions,
            ]
        )
        for index, title in enumerate(
            ["Week by week", "Chart", "Scenarios", "Questions to ask", "Assumptions"]
        ):
            tabs.set_title(index, title)
        self.handout_button = widgets.Button(
            description="Prepare a handout", tooltip="A page to print or save for the client"
        )
        self.handout_button.on_click(self.guard(lambda _b: self.prepare_handout()))
        self.handout_link = widgets.HTML("")
        self.results_box = widgets.VBox(
            [
                self.summary,
                widgets.HBox([self.handout_button, self.handout_link]),
                self.plan_notes,
                self.events,
                tabs,
            ],
            layout=widgets.Layout(flex="1 1 600px"),
        )

    def current_plan(self) -> CoveragePlan | None:
        """The chosen sample plan, or the typed-in one when every field is valid."""
        if self.plan_choice.value == ENTER_PLAN:
            entered = self.plan_form.value if self.plan_form else None
            return entered.to_plan() if entered else None
        return self.catalog.payers[self.plan_choice.value]

    def current_program(
        self, plan: CoveragePlan
    ) -> tuple[ProgramBilling, str, dict[str, bool | None]] | None:
        """The program's billing, its name, and what its record says about payment help."""
        if self.program_choice.value == ENTER_RATE:
            entry = self.rate_form.value
            if entry is None:
                return None
            return (
                entry.billing(plan.id),
                f"a program billing {dollars(entry.rate)} a {entry.unit}",
                {},
            )
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
        if schedule is None or used is None:
            return None
        return schedule.model_copy(update={"accumulators": used, "household": household})

    def refresh(self) -> None:
        """Re-estimate from the inputs; with a field in error, keep the last results and say so."""
        plan = self.current_plan()
        program = self.current_program(plan) if plan else None
        inputs = self.current_inputs()
        if plan is None or program is None or inputs is None:
            self.say_error(
                "A field needs fixing (see the message beside it); the estimate is unchanged."
            )
            return
        billing, name, help_known = program
        ledger = estimate(plan, billing, inputs, self.catalog.reference, name)
        self.ledger = ledger
        self.summary.value = summary_html(ledger)
        self.plan_notes.value = warnings_html(plan_warnings(plan, self.catalog.reference, ""))
        self.events.value = events_html(ledger)
        self.ledger_table.value = ledger_html(ledger)
        self.chart.value = chart_html(ledger, self.scenarios)
        self.comparison.value = scenarios_html(ledger, self.scenarios)
        self.assumptions.value = assumptions_html(ledger)
        self.asked = questions_to_ask(plan, ledger, **help_known)
        self.questions.value = questions_html(self.asked)
        self.handout_link.value = ""  # a handout prepared earlier no longer matches
        self.say(f"Estimated: {ledger.plan_name}, {ledger.weeks} weeks.")

    def prepare_handout(self) -> None:
        """Make the printable handout of the current estimate (only ever on a click)."""
        if self.ledger is None:
            self.say_error("There is no estimate to hand out yet: fix the fields marked in red.")
            return
        page = cost_handout(self.ledger, self.asked, prepared_on=date.today())
        self.handout_link.value = download_link(
            page,
            f"cost-estimate-{date.today():%Y-%m-%d}.html",
            "Save the handout (open it to print)",
        )
        self.say("The handout is ready: save it, then open it to print or give it to the client.")

    def keep_scenario(self) -> None:
        """Keep the current estimate for side-by-side comparison (up to three)."""
        if self.ledger is None:
            return
        if len(self.scenarios) >= MAX_SCENARIOS:
            self.say_error("Up to three scenarios can be kept; clear them to start again.")
            return
        ledger = self.ledger
        label = f"Scenario {len(self.scenarios) + 1}"
        self.scenarios.append(Scenario(label, ledger))
        self.refresh()
        self.say(f"Kept scenario {label}.")

    def clear_scenarios(self) -> None:
        self.scenarios.clear()
        self.refresh()
