"""The navigator app: one client's case carried through coverage, level of care, programs, costs and the handout.

Every step reads and writes the one `ClientCase`; a change is validated into a new case
(a bad value changes nothing), then the step on screen is refreshed at once and the
others when they are next opened. Steps are built the first time they are opened, so
the page shows quickly; opening a case file rebuilds them from it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

import ipywidgets as widgets
from pydantic import ValidationError

from carenav import catalog as catalog_module
from carenav.catalog import Catalog
from carenav.dates import next_monday
from carenav.errors import CarenavError, InputError
from carenav.models.case import ClientCase
from carenav.ui.base import AppShell
from carenav.ui.lazy import placeholder

SECTIONS = ("reference", "payers", "programs", "rules", "ranking")
STEPS = ("Client and coverage", "Level of care", "Programs", "Costs", "Next steps and handout")
CLIENT, LEVEL, PROGRAMS, COSTS, HANDOUT = range(len(STEPS))


class Step(Protocol):
    widget: widgets.Widget

    def show(self, case: ClientCase) -> None: ...


class NavigatorApp(AppShell):
    """One client, five steps in any order, one case; ``today`` dates the handout (default: the clock)."""

    def __init__(self, catalog: Catalog | None = None, today: date | None = None) -> None:
        super().__init__(
            "Navigator",
            "One client from the first call to the handout. Move through the steps in any order; "
            "each one reads and writes the same case, and nothing is saved unless you download it.",
        )
        self.today = today or date.today()
        try:
            self.catalog = catalog or catalog_module.load(sections=SECTIONS)
        except CarenavError as exc:
            self.say_error(str(exc))
            self.mount()
            return
        self.case = ClientCase(start=next_monday(self.today))
        self.steps: dict[int, Step] = {}
        self._stale: set[int] = set()
        # Each tab holds a box that the step is put into when first opened: the tabs'
        # children never change, so the front end keeps the chosen tab on screen.
        self.panels = [widgets.VBox([self._placeholder()]) for _ in STEPS]
        self.tabs = widgets.Tab(children=self.panels)
        self.tabs.titles = STEPS
        self.tabs.add_class("carenav-navigator-steps")
        self.tabs.observe(self.guard(self._opened), names="selected_index")
        self.tabs.selected_index = CLIENT
        self.guard(self._open)(CLIENT)
        self.mount(self.tabs)

    @staticmethod
    def _placeholder() -> widgets.HTML:
        return placeholder("Opening this step shows it.")

    # -- steps ---------------------------------------------------------------------------

    def _build(self, index: int) -> Step:
        # Each step's module is imported when the step is first opened: the page opens on
        # the client step without the engines (and pandas) the later steps need.
        case, update, guard, today = self.case, self.update, self.guard, self.today
        if index == CLIENT:
            from carenav.ui.navigator_client import ClientStep

            return ClientStep(self.catalog, case, update, guard, today)
        if index == LEVEL:
            from carenav.ui.navigator_level import LevelStep

            return LevelStep(self.catalog, case, update, guard, today)
        if index == PROGRAMS:
            from carenav.ui.navigator_programs import ProgramsStep

            return ProgramsStep(self.catalog, case, update, guard, today)
        if index == COSTS:
            from carenav.ui.navigator_costs import CostsStep

            return CostsStep(self.catalog, case, update, guard, today)
        from carenav.ui.navigator_handout import HandoutStep

        return HandoutStep(self.catalog, case, guard, today, self.open_case, self.say)

    def step(self, index: int) -> Step:
        """The step at this position, built (and put in its tab) the first time it is asked for."""
        if index not in self.steps:
            built = self._build(index)
            self.steps[index] = built
            self.panels[index].children = (built.widget,)
            self._stale.add(index)
        return self.steps[index]

    def _open(self, index: int) -> None:
        step = self.step(index)
        if index in self._stale:
            self._stale.discard(index)
            step.show(self.case)

    def _opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self._open(int(change["new"]))

    # -- the case ------------------------------------------------------------------------

    def update(self, **fields: Any) -> None:
        """Change the case; the step on screen follows at once, the others when next opened."""
        try:
            case = self.case.changed(**fields)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"]) or "case"
            raise InputError(
                where.replace("_", " "), str(first["msg"]).removeprefix("Value error, ")
            ) from None
        if case == self.case:
            return
        self.case = case
        self._stale = set(self.steps)
        current = self.tabs.selected_index
        if current is not None and current in self.steps:
            self._open(current)
        self.say("Saved in this case.")

    def open_case(self, case: ClientCase) -> None:
        """Replace the case with one opened from a file, and rebuild every step from it."""
        self.case = case
        self.steps, self._stale = {}, set()
        for panel in self.panels:
            panel.children = (self._placeholder(),)
        current = self.tabs.selected_index or CLIENT
        self._open(current)
        self.say("Opened the case file: every step now shows that case.")
