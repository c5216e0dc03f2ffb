"""The cost app for navigators: a plan and a program in, the week-by-week cost and its reasons out."""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from carenav import catalog as catalog_module
from carenav.catalog import Catalog
from carenav.catalog.payers import plan_warnings
from carenav.costs import CostLedger, estimate, next_monday, questions_to_ask
from carenav.errors import CarenavError
from carenav.ui.base import AppShell
from carenav.ui.cost_inputs import CostInputs
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
from carenav.ui.handout import cost_handout, download_link

MAX_SCENARIOS = 3


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
        self.inputs = CostInputs(
            self.catalog, start or next_monday(date.today()), self.guard, self.refresh
        )
        self._build_results()
        self.depends_on_inputs(self.results_box)
        self.mount(
            widgets.HBox(
                [self.inputs.widget, self.results_box],
                layout=dict(align_items="flex-start", gap="24px", flex_flow="row wrap"),
            )
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
            layout=dict(flex="1 1 600px"),
        )

    def refresh(self) -> None:
        """Re-estimate from the inputs; with a field in error, keep the last results and say so."""
        chosen = self.inputs.current()
        if chosen is None:
            self.say_error(
                "A field needs fixing (see the message beside it); the estimate is unchanged."
            )
            return
        plan = chosen.plan
        ledger = estimate(
            plan, chosen.billing, chosen.inputs, self.catalog.reference, chosen.program_name
        )
        self.ledger = ledger
        self.summary.value = summary_html(ledger)
        self.plan_notes.value = warnings_html(plan_warnings(plan, self.catalog.reference, ""))
        self.events.value = events_html(ledger)
        self.ledger_table.value = ledger_html(ledger)
        self.chart.value = chart_html(ledger, self.scenarios)
        self.comparison.value = scenarios_html(ledger, self.scenarios)
        self.assumptions.value = assumptions_html(ledger)
        self.asked = questions_to_ask(plan, ledger, **chosen.help_known)
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
