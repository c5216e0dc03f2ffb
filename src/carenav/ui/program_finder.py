"""The program finder app for navigators: needs on the left; ranked programs with reasons, a shortlist to compare and near misses on the right.

Each callback reads the needs panel, calls the matching engine (and the cost engine when
the client's plan is one it knows), and assigns HTML. Nothing here filters or ranks.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from carenav import catalog as catalog_module
from carenav.catalog import Catalog
from carenav.compare import MAX_PROGRAMS
from carenav.dates import next_monday
from carenav.errors import CarenavError, InputError
from carenav.models.client import ClientNeeds
from carenav.models.coverage import CoveragePlan, EstimateInputs
from carenav.models.ranking import SORT_KEYS
from carenav.ui.base import AppShell
from carenav.ui.finder_inputs import NeedsPanel, field
from carenav.ui.forms import spec
from carenav.ui.html import escape

if TYPE_CHECKING:
    import pandas as pd

    from carenav.matching import Matches

# The page opens without the engines and their pandas (about 0.6 s of a kernel's start):
# the directory's facts name its options, and the first search imports and reads the rest.

SECTIONS = ("programs", "payers", "reference", "ranking")


class ProgramFinderApp(AppShell):
    """Find, rank and compare programs for one client. ``today`` counts record ages (default: the clock)."""

    def __init__(self, catalog: Catalog | None = None, today: date | None = None) -> None:
        super().__init__(
            "Program finder",
            "Enter what the client needs. Programs that fit are ranked on the right with the reasons; "
            "'not confirmed — call to check' means the directory does not say.",
        )
        self.today = today or date.today()
        self.matches: Matches | None = None
        try:
            self.catalog = catalog or catalog_module.load(sections=SECTIONS)
        except CarenavError as exc:
            self.say_error(str(exc))
            self.mount()
            return
        self.directory = self.catalog.programs
        names = {
            lvl.code: self.catalog.continuum.label(lvl.code)
            for lvl in self.catalog.continuum.levels
        }
        offered = [code for code in names if self.directory.offers_level(code)]
        self.level_names = {code: names[code] for code in offered}
        levels = {lvl.code: lvl for lvl in self.catalog.continuum.levels}
        level_labels = {
            code: f"{name} — {levels[code].setting.split(';')[0]}; "
            f"{levels[code].hours_adults.describe(with_note=False)}"
            for code, name in self.level_names.items()
        }
        names = self.catalog.plan_names()
        self.inputs = NeedsPanel(
            level_labels,
            {p: names.get(p, p) for p in self.directory.options("plan")},
            self.directory.options("medicaid"),
            self.directory.options("lang"),
            default_weights=self.catalog.ranking.default_weights(),
        )
        self._build_outputs()
        self.inputs.watch(self.guard(self._changed))
        self.inputs.zip.observe(self.guard(self._zip_changed), names="value")
        self.sort_by.observe(self.guard(self._changed), names="value")
        self.cost_weeks.observe(self.guard(self._changed), names="value")
        self.shortlist.observe(self.guard(self._shortlisted), names="value")
        self.refresh()
        left = widgets.VBox(
            [widgets.HTML("<h2>Client needs</h2>"), self.inputs.widget],
            layout=dict(width="500px", flex="0 0 500px"),
        )
        right = widgets.VBox(
            [
                self.count,
                widgets.HBox(
                    [
                        field("Sort results", self.sort_by),
                        self.inputs.labelled(spec(EstimateInputs, "weeks"), self.cost_weeks),
                    ]
                ),
                self.cost_note,
                self.results,
                field(f"Shortlist to compare (up to {MAX_PROGRAMS})", self.shortlist),
                self.comparison,
                self.near,
            ],
            layout=dict(flex="1 1 560px"),
        )
        self.depends_on_inputs(right)
        self.mount(widgets.HBox([left, right], layout=dict(align_items="flex-start", gap="24px")))

    def _build_outputs(self) -> None:
        self.count = widgets.HTML("")
        self.count.add_class("carenav-result-count")
        self.sort_by = widgets.Dropdown(
            options=[(words, key) for key, words in SORT_KEYS.items() if key != "cost"],
            value="score",
        )
        weeks = spec(EstimateInputs, "weeks")
        self.cost_weeks = widgets.BoundedIntText(
            value=8, min=weeks.low, max=weeks.high, layout=dict(width="120px")
        )
        self.cost_note = widgets.HTML("")
        self.results = widgets.HTML("")
        self.results.add_class("carenav-results")
        self.shortlist = widgets.SelectMultiple(options=[], rows=6, layout=dict(width="100%"))
        self.comparison = widgets.HTML("")
        self.comparison.add_class("carenav-comparison")
        self.near = widgets.HTML("")
        self.near.add_class("carenav-near-misses")

    def _changed(self, _change: dict[str, Any]) -> None:
        self.refresh()

    def _zip_changed(self, _change: dict[str, Any]) -> None:
        if self.inputs.check_zip():  # an unknown ZIP shows beside the field and changes nothing
            self.refresh()

    def _cost_plan(self, needs: ClientNeeds) -> CoveragePlan | None:
        payers = self.catalog.payers
        if needs.plan and needs.plan in payers:
            return payers[needs.plan]
        if "self-pay" in needs.other_payment and "self-pay" in payers:
            return payers["self-pay"]
        return None

    def _costs(self, needs: ClientNeeds) -> pd.Series | None:
        plan = self._cost_plan(needs)
        if plan is None:
            self.cost_note.value = "<p><small>Choose a coverage plan the cost estimator knows (or self-pay) to see estimated costs.</small></p>"
            return None
        inputs = EstimateInputs(
            start=next_monday(self.today),
            weeks=int(self.cost_weeks.value),
            level=min(needs.levels, key=float, default="2.1"),
        )
        from carenav.matching.costs import estimated_costs

        totals = estimated_costs(self.directory.frame, plan, inputs, self.catalog.reference)
        self.cost_note.value = (
            f"<p><small>Estimated cost: {escape(plan.name)}, in network, {inputs.weeks} weeks from "
            f"{inputs.start:%d %b %Y}, nothing met yet this plan year. Open the cost estimator for the week-by-week ledger.</small></p>"
        )
        return totals["client_cents"]

    def refresh(self) -> None:
        """Read the needs, find and rank programs, and show results, near misses and the comparison."""
        if not self.inputs.check_zip():
            return
        if not self.inputs.needs.value:
            self._ask_for_a_need()
            return
        try:
            needs = self.inputs.client_needs()
        except InputError as exc:
            self.say_error(str(exc))
            return
        from carenav.matching import find_programs
        from carenav.ui.finder_views import SHOWN_RESULTS, near_misses_html, results_html

        costs = self._costs(needs)
        self._offer_cost_sort(costs is not None)
        self.matches = find_programs(
            needs,
            self.directory.frame,
            today=self.today,
            ranking=self.catalog.ranking,
            weights=self.inputs.weights_value(),
            sort_by=self.sort_by.value,
            explain=SHOWN_RESULTS,
            level_names=self.level_names,
            plan_names=self.catalog.plan_names(),
            estimated_cost_cents=costs,
        )
        summary = self.matches.summary()
        self.count.value = (
            f'<p role="status" aria-live="polite"><strong>{escape(summary)}</strong></p>'
        )
        self.results.value = results_html(self.matches.results, summary)
        self.near.value = near_misses_html(self.matches.near_misses)
        shown = self.matches.results.head(SHOWN_RESULTS)
        kept = tuple(v for v in self.shortlist.value if v in set(shown["id"]))
        self.shortlist.options = [
            (f"{r['name']} ({r['city']}, {r['state']})", r["id"]) for _, r in shown.iterrows()
        ]
        self.shortlist.value = kept
        self._show_comparison()
        self.say(summary)

    def _ask_for_a_need(self) -> None:
        """Before a need is chosen nothing is ranked: every program would score alike."""
        self.matches = None
        words = "Choose what the client needs treatment for (under Needs and level) to see programs that fit."
        self.count.value = (
            f'<p role="status" aria-live="polite"><strong>{escape(words)}</strong></p>'
        )
        self.results.value = self.near.value = self.cost_note.value = ""
        self.shortlist.options = []
        self._show_comparison()
        self.say(words)

    def _offer_cost_sort(self, available: bool) -> None:
        keys = [k for k in SORT_KEYS if available or k != "cost"]
        if [value for _, value in self.sort_by.options] != keys:
            current = self.sort_by.value if self.sort_by.value in keys else "score"
            self.sort_by.options = [(SORT_KEYS[k], k) for k in keys]
            self.sort_by.value = current

    def _shortlisted(self, _change: dict[str, Any]) -> None:
        self._show_comparison()

    def _show_comparison(self) -> None:
        chosen = list(self.shortlist.value)
        if not chosen or self.matches is None:
            self.comparison.value = "<p><small>Choose programs in the shortlist to compare them side by side.</small></p>"
            return
        if len(chosen) > MAX_PROGRAMS:
            self.comparison.value = f'<p role="alert">Choose at most {MAX_PROGRAMS} programs to compare; {len(chosen)} are chosen.</p>'
            return
        import pandas as pd

        from carenav.compare import compare
        from carenav.ui.finder_views import comparison_html

        results = self.matches.results
        rows = results[results["id"].isin(chosen)]
        miles = {
            str(k): float(v) for k, v in zip(rows["id"], rows["miles"], strict=True) if pd.notna(v)
        }
        cost: dict[str, Decimal | None] | None = None
        if "estimated_cost_cents" in results:
            cents = (
                rows["estimated_cost_cents"]
                .astype("Float64")
                .to_numpy(dtype=float, na_value=float("nan"))
            )
            cost = {
                str(k): (None if c != c else Decimal(int(c)) / 100)
                for k, c in zip(rows["id"], cents, strict=True)
            }
        programs = [self.directory.program(pid) for pid in chosen]
        self.comparison.value = comparison_html(
            compare(
                programs,
                today=self.today,
                miles=miles or None,
                estimated_cost=cost,
                plan_names=self.catalog.plan_names(),
            )
        )
