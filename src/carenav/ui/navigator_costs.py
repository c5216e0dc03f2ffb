"""The navigator's costs step: each shortlisted program under the client's coverage, side by side, with a chart and each ledger."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from carenav.casework import ProgramCost, estimate_start, program_cost
from carenav.catalog import Catalog
from carenav.models.base import dollars
from carenav.models.case import ClientCase
from carenav.placement import level_namer
from carenav.ui.cost_views import ledger_html
from carenav.ui.forms import FieldInput
from carenav.ui.html import escape, line_chart, table

NO_ESTIMATE = {
    "no_plan": "No plan or way of paying is given yet (Client and coverage).",
    "no_billing": "The directory has no billing facts for this program (no rates or prices), so it cannot be estimated; ask the program.",
    "cannot_estimate": "Cannot be estimated",
}


class CostsStep:
    """The weeks and first day of the estimate, and what each shortlisted program costs this client."""

    def __init__(
        self,
        catalog: Catalog,
        case: ClientCase,
        update: Callable[..., None],
        guard: Callable[[Any], Any],
        today: date,
    ) -> None:
        self.catalog = catalog
        self.today = today
        self._update = update
        # Label, help and bounds from the case model's own fields.
        weeks = FieldInput("weeks", ClientCase.model_fields["weeks"], ClientCase)
        start = FieldInput("start", ClientCase.model_fields["start"], ClientCase)
        self.weeks = weeks.control
        self.weeks.value = case.weeks
        self.weeks.add_class("carenav-case-weeks")
        self.start = start.control
        self.start.value = estimate_start(case, today)
        for control in (self.weeks, self.start):
            control.observe(guard(self._changed), names="value")
        self.comparison = widgets.HTML()
        self.comparison.add_class("carenav-case-costs")
        self.chart = widgets.HTML()
        self.ledgers = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [weeks.widget, start.widget],
                    layout=dict(gap="16px", flex_flow="row wrap"),
                ),
                self.comparison,
                self.chart,
                self.ledgers,
            ]
        )

    def _changed(self, _change: Any = None) -> None:
        if self.start.value is None:
            from carenav.errors import InputError

            raise InputError("First day", "is not set", "a date")
        self._update(weeks=int(self.weeks.value), start=self.start.value)

    def costs(self, case: ClientCase) -> list[tuple[str, ProgramCost]]:
        """Each shortlisted program's name and estimate."""
        found = []
        for pid in case.shortlist:
            program = self.catalog.programs.program(pid)
            found.append((program.name, program_cost(case, program, self.catalog, self.today)))
        return found

    def show(self, case: ClientCase) -> None:
        """Estimate every shortlisted program again for the case as it is now."""
        if not case.shortlist:
            self.comparison.value = "<p>Tick programs in <strong>Programs</strong> to compare what each would cost the client.</p>"
            self.chart.value = self.ledgers.value = ""
            return
        name = level_namer(self.catalog.continuum)
        rows, series, ledgers = [], {}, []
        for program, cost in self.costs(case):
            ledger = cost.ledger
            rows.append(
                {
                    "Program": program,
                    "Level there": name(cost.level),
                    f"Client pays over {case.weeks} weeks": dollars(ledger.totals.client_pays)
                    if ledger
                    else "—",
                    "Plan pays": dollars(ledger.totals.plan_pays) if ledger else "—",
                    "Days or sessions": ledger.totals.units if ledger else "—",
                    "Note": (ledger.assumptions[0] if ledger and ledger.assumptions else "")
                    if ledger
                    else (cost.detail or NO_ESTIMATE[cost.missing or "cannot_estimate"]),
                }
            )
            if ledger is not None:
                series[program] = [float(r.cumulative_client_pays) for r in ledger.rows]
                ledgers.append(
                    f"<details><summary>{escape(program)}: week by week</summary>{ledger_html(ledger)}</details>"
                )
        self.comparison.value = table(
            rows,
            f"Estimated cost to the client, side by side, from {estimate_start(case, self.today):%d %B %Y}",
        )
        weeks = max((len(v) for v in series.values()), default=0)
        self.chart.value = (
            f'<figure class="carenav-cost-chart">{line_chart(series, [str(w) for w in range(1, weeks + 1)], title="What the client pays, added up week by week", y_label="US dollars")}</figure>'
            if weeks
            else ""
        )
        self.ledgers.value = "".join(ledgers)
