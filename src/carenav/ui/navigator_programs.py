"""The navigator's programs step: the finder's matching and results for the case's level, and a shortlist of up to four."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets
import pandas as pd

from carenav.catalog import Catalog
from carenav.matching import find_programs
from carenav.models.case import MAX_CHOSEN, MAX_SHORTLIST, ClientCase
from carenav.ui.finder_views import results_html
from carenav.ui.html import escape
from carenav.ui.navigator_paying import finder_needs

SHOWN = 10


class ProgramsStep:
    """Programs that fit the case (its needs, plan and level), ranked with reasons; tick up to four."""

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
        self._guard = guard
        self.level_names = {
            lvl.code: f"{lvl.code} {lvl.common_name}" for lvl in catalog.continuum.levels
        }
        self.heading = widgets.HTML()
        self.results = widgets.HTML()
        self.results.add_class("carenav-results")
        self.boxes: dict[str, widgets.Checkbox] = {}
        self.shortlist_box = widgets.VBox([])
        self.shortlist_box.add_class("carenav-case-shortlist")
        self._filling = False
        self.widget = widgets.VBox(
            [
                self.heading,
                widgets.HTML(
                    f"<h3>Shortlist (up to {MAX_SHORTLIST})</h3><p>Tick a program to compare its cost; the first {MAX_CHOSEN} ticked go on the handout.</p>"
                ),
                self.shortlist_box,
                self.results,
            ]
        )

    def show(self, case: ClientCase) -> None:
        """Match again for the case as it is now and offer the top programs to tick."""
        needs, note = finder_needs(case, self.catalog)
        if needs is None:
            self.heading.value = "<p>Enter what the client needs treatment for in <strong>Client and coverage</strong> first; the programs that fit appear here.</p>"
            self.results.value = ""
            self._offer(case, pd.DataFrame(columns=["id", "name", "city", "state", "miles"]))
            return
        matches = find_programs(
            needs,
            self.catalog.programs.frame,
            today=self.today,
            ranking=self.catalog.ranking,
            explain=SHOWN,
            level_names=self.level_names,
            plan_names=self.catalog.plan_names(),
        )
        level = case.level
        where = f" at level {escape(self.level_names.get(level, level))}" if level else ""
        self.heading.value = f'<p class="carenav-result-count" role="status">{escape(matches.summary())} Filtered to the case{where}.{escape(note)}</p>'
        self.results.value = results_html(matches.results, matches.summary(), limit=SHOWN)
        self._offer(case, matches.results.head(SHOWN))

    def _offer(self, case: ClientCase, top: pd.DataFrame) -> None:
        rows = [(str(r["id"]), _label(r)) for _, r in top.iterrows()]
        listed = {pid for pid, _ in rows}
        for pid in case.shortlist:
            if pid not in listed:
                program = self.catalog.programs.program(pid)
                rows.append((pid, f"{program.name} — {program.address.city} (no longer matches)"))
        self._filling = True
        self.boxes = {}
        for pid, text in rows:
            box = widgets.Checkbox(
                value=pid in case.shortlist,
                description=text,
                indent=False,
                layout=dict(width="auto"),
            )
            box.add_class(f"carenav-shortlist-{pid}")
            box.observe(self._guard(self._ticked(pid)), names="value")
            self.boxes[pid] = box
        self.shortlist_box.children = tuple(self.boxes.values())
        self._order = [pid for pid in case.shortlist]
        self._filling = False

    def _ticked(self, program_id: str) -> Callable[[dict[str, Any]], None]:
        def ticked(change: dict[str, Any]) -> None:
            if self._filling:
                return
            order = [p for p in self._order if p != program_id]
            if change["new"]:
                if len(order) >= MAX_SHORTLIST:
                    self._filling = True
                    self.boxes[program_id].value = False
                    self._filling = False
                    from carenav.errors import InputError

                    raise InputError(
                        "shortlist", f"holds up to {MAX_SHORTLIST} programs; untick one first"
                    )
                order.append(program_id)
            self._order = order
            self._update(shortlist=order, chosen_programs=order[:MAX_CHOSEN])

        return ticked


def _label(row: pd.Series) -> str:
    miles = "" if pd.isna(row["miles"]) else f", {row['miles']:.0f} mi"
    return f"{row['name']} — {row['city']}, {row['state']}{miles}"
