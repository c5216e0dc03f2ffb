"""The navigator's first step: the client's needs (the finder's own panel) and how they pay.

The needs panel is the program finder's `NeedsPanel`; its plan and level fields are left
out here because the case keeps coverage and the level of care in their own steps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from carenav.catalog import Catalog
from carenav.errors import InputError
from carenav.models.case import CaseCoverage, ClientCase
from carenav.models.client import ClientNeeds
from carenav.models.coverage import Accumulators, EnteredPlan, Household, OriginalMedicarePlan
from carenav.models.medicare import DUAL_NAMES, DualEligibility
from carenav.ui.cost_inputs import PLAN_FIELDS
from carenav.ui.finder_inputs import NeedsPanel
from carenav.ui.forms import ModelForm
from carenav.ui.sharing import set_shown

ENTER_PLAN = "__entered__"
NO_PLAN = "__none__"
HOUSEHOLD_FIELDS = ["size", "annual_income", "region"]
DUAL_FIELDS = ["status", "medicaid_state"]
# The cost estimator's words for the same switch, so the two apps read alike.
USE_HOUSEHOLD = "Use household income (sliding scale, Medicaid bands)"


def needs_panel(catalog: Catalog) -> NeedsPanel:
    """The finder's needs panel for this catalog, without its plan and level fields."""
    panel = NeedsPanel(
        {},
        {},
        catalog.programs.options("medicaid"),
        catalog.programs.options("lang"),
        default_weights=catalog.ranking.default_weights(),
    )
    for control in (panel.plan, panel.levels):
        set_shown(control, False)
    for box in (panel.lazy.content(0), panel.lazy.content(1)):  # needs, paying
        for child in getattr(box, "children", ()):
            if any(c in (panel.plan, panel.levels) for c in getattr(child, "children", ())):
                set_shown(child, False)
    return panel


def fill_needs(panel: NeedsPanel, needs: ClientNeeds) -> None:
    """Set the panel's inputs from saved needs (an opened case file)."""
    panel.needs.value = tuple(str(n) for n in needs.needs)
    panel.age_group.value = needs.age_group
    panel.conditions.value = tuple(str(c) for c in needs.conditions)
    panel.medicare.value = needs.medicare
    if needs.medicaid_state in {o[1] for o in panel.medicaid_state.options}:
        panel.medicaid_state.value = needs.medicaid_state
    panel.other_payment.value = tuple(str(o) for o in needs.other_payment)
    panel.zip.value = needs.zip or ""
    miles = {m for _, m in panel.max_miles.options}
    panel.max_miles.value = needs.max_miles if needs.max_miles in miles else None
    panel.days.value = tuple(str(d) for d in needs.available_days)
    panel.times.value = tuple(str(t) for t in needs.times)
    panel.formats.value = tuple(str(f) for f in needs.formats)
    for kind, prefs in (("must", needs.must_have), ("nice", needs.nice_to_have)):
        for name, value in prefs.model_dump().items():
            if not value:
                continue
            importance, options = panel.prefs[name]
            importance.value = kind
            if options is not None:
                known = {o[1] if isinstance(o, tuple) else o for o in options.options}
                options.value = tuple(v for v in sorted(value) if v in known)


class ClientStep:
    """Needs and preferences, ZIP and distance, plan and amounts met: written to the case on each change."""

    def __init__(
        self,
        catalog: Catalog,
        case: ClientCase,
        update: Callable[..., None],
        guard: Callable[[Any], Any],
        today: date,
    ) -> None:
        self.catalog = catalog
        self._today = today
        self._update = update
        self.panel = needs_panel(catalog)
        if case.needs is not None:
            fill_needs(self.panel, case.needs)
        plans = sorted(catalog.payers.values(), key=lambda p: p.name)
        coverage = case.coverage
        chosen = coverage.plan_id or (ENTER_PLAN if coverage.entered_plan else NO_PLAN)
        self.plan = widgets.Dropdown(
            options=[
                ("(not given yet)", NO_PLAN),
                *[(p.name, p.id) for p in plans],
                ("Enter the plan's terms by hand…", ENTER_PLAN),
            ],
            value=chosen,
            description="Plan",
        )
        self.plan.add_class("carenav-case-plan")
        self.network = widgets.ToggleButtons(
            options=[("In network", "in"), ("Out of network", "out")],
            value=coverage.network,
            description="Network",
        )
        self.met = ModelForm(Accumulators, ["deductible_met", "out_of_pocket_met", "days_used"])
        self.met.set_values(coverage.accumulators.model_dump())
        self.entered: ModelForm[EnteredPlan] | None = None
        self.entered_box = widgets.VBox([])
        self._guard = guard
        if coverage.entered_plan is not None:
            self._show_entered(coverage.entered_plan.model_dump())
        # Medicaid alongside Original Medicare (QMB and the others): asked only for Medicare.
        self.dual = ModelForm(DualEligibility, DUAL_FIELDS)
        status = self.dual.inputs["status"].control
        status.options = [(DUAL_NAMES[str(v)], v) for _, v in status.options]
        status.add_class("carenav-case-dual")
        self.dual.set_values(coverage.dual.model_dump())
        for field_input in self.dual.inputs.values():
            field_input.control.observe(guard(self._changed), names="value")
        self._show_dual()
        # Household and income: only when given, for sliding scales and Medicaid income bands.
        self.use_household = widgets.Checkbox(
            value=coverage.household is not None, description=USE_HOUSEHOLD, indent=False
        )
        self.use_household.add_class("carenav-case-use-household")
        self.household: ModelForm[Household] | None = None
        self.household_box = widgets.VBox([])
        if coverage.household is not None:
            self._show_household(coverage.household.model_dump())
        self.use_household.observe(guard(self._household_toggled), names="value")
        # Notes live in the case (this page's memory) and in a downloaded case file only.
        self.notes = ModelForm(ClientCase, ["notes"])
        self.notes.set_values({"notes": case.notes})
        self.notes.inputs["notes"].control.add_class("carenav-case-notes")
        self.notes.inputs["notes"].control.observe(guard(self._notes_changed), names="value")
        # The plan's own handler first: choosing "by hand" shows its form before the case is written.
        self.plan.observe(guard(self._plan_chosen), names="value")
        self.panel.watch(guard(self._changed))
        self.panel.zip.observe(guard(self._changed), names="value")
        for control in (self.plan, self.network):
            control.observe(guard(self._changed), names="value")
        for field_input in self.met.inputs.values():
            field_input.control.observe(guard(self._changed), names="value")
        coverage_box = widgets.VBox(
            [
                widgets.HTML("<h3>Coverage</h3>"),
                self.plan,
                self.entered_box,
                self.network,
                self.dual.widget,
                widgets.HTML("<h4>Used so far this plan year</h4>"),
                self.met.widget,
                widgets.HTML("<h4>Household</h4>"),
                self.use_household,
                self.household_box,
            ]
        )
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [
                        widgets.VBox(
                            [widgets.HTML("<h3>Needs and preferences</h3>"), self.panel.widget],
                            layout=dict(flex="1 1 480px"),
                        ),
                        widgets.VBox([coverage_box], layout=dict(flex="0 1 360px")),
                    ],
                    layout=dict(flex_flow="row wrap", gap="24px", align_items="flex-start"),
                ),
                self.notes.widget,
            ]
        )

    def _show_entered(self, values: dict[str, Any]) -> None:
        self.entered = ModelForm(EnteredPlan, PLAN_FIELDS)
        self.entered.set_values(values)
        for field_input in self.entered.inputs.values():
            field_input.control.observe(self._guard(self._changed), names="value")
        self.entered_box.children = (self.entered.widget,)

    def _show_household(self, values: dict[str, Any]) -> None:
        self.household = ModelForm(Household, HOUSEHOLD_FIELDS)
        self.household.set_values(values)
        for field_input in self.household.inputs.values():
            field_input.control.observe(self._guard(self._changed), names="value")
        self.household_box.children = (self.household.widget,)

    def _household_toggled(self, _change: Any = None) -> None:
        if self.use_household.value and self.household is None:
            self._show_household({"size": 1})
        set_shown(self.household_box, self.use_household.value)
        if self.use_household.value and self.household and self.household.validate() is None:
            return  # the fields say what they need; the case changes once they hold a household
        self._changed()

    def _notes_changed(self, _change: Any = None) -> None:
        notes = self.notes.validate()
        if notes is None:
            raise InputError("notes", self.notes.inputs["notes"].error_text or "cannot be saved")
        self._update(notes=notes.notes)

    def _medicare(self) -> bool:
        return isinstance(self.catalog.payers.get(self.plan.value), OriginalMedicarePlan)

    def _show_dual(self) -> None:
        set_shown(self.dual.widget, self._medicare())

    def _plan_chosen(self, _change: Any = None) -> None:
        self._show_dual()
        if self.plan.value == ENTER_PLAN and self.entered is None:
            self._show_entered({"plan_year_start": date(self._today.year, 1, 1)})
        elif self.plan.value != ENTER_PLAN:
            self.entered, self.entered_box.children = None, ()

    def coverage(self) -> CaseCoverage:
        """The coverage inputs as a model; InputError names a field that needs fixing."""
        met = self.met.validate()
        if met is None:
            raise InputError(
                "amounts met so far", "a field needs fixing (see the message beside it)"
            )
        entered = None
        if self.plan.value == ENTER_PLAN:
            entered = self.entered.validate() if self.entered else None
            if entered is None:
                raise InputError(
                    "plan", "a field of the plan needs fixing (see the message beside it)"
                )
        plan_id = self.plan.value if self.plan.value not in (NO_PLAN, ENTER_PLAN) else None
        if plan_id is not None and plan_id not in self.catalog.payers:
            raise InputError("plan", f"'{plan_id}' is not a plan in the data")
        return CaseCoverage(
            plan_id=plan_id,
            entered_plan=entered,
            network=self.network.value,
            accumulators=met,
            household=self._household(),
            dual=self._dual(),
        )

    def _dual(self) -> DualEligibility:
        """The Medicare Savings Program status, for Original Medicare only (else none)."""
        if not self._medicare():
            return DualEligibility()
        dual = self.dual.validate()
        if dual is None:
            raise InputError(
                "Medicaid with Medicare", "a field needs fixing (see the message beside it)"
            )
        return dual

    def _household(self) -> Household | None:
        """The household typed in, or None when it is not to be used; InputError names a field."""
        if not self.use_household.value:
            return None
        household = self.household.validate() if self.household else None
        if household is None:
            raise InputError("household", "a field needs fixing (see the message beside it)", None)
        return household

    def needs(self) -> ClientNeeds | None:
        """The needs typed in, without plan and level (the case keeps those elsewhere)."""
        if not self.panel.check_zip():
            raise InputError("ZIP code", "is not a ZIP code carenav knows")
        if not self.panel.needs.value:
            return None
        needs = self.panel.client_needs()
        return needs.model_copy(update={"plan": None, "levels": frozenset()})

    def _changed(self, _change: Any = None) -> None:
        self._update(needs=self.needs(), coverage=self.coverage())

    def show(self, case: ClientCase) -> None:
        """Nothing here depends on other steps."""
