"""The needs panel of the program finder: every filter as a control read from ClientNeeds, Preferences and Weights.

Labels, help, choices and bounds come from the models (`carenav.ui.choices`); only the
choices the data defines (levels offered, plans, Medicaid states, languages) come from the
directory. `NeedsPanel.client_needs()` reads the widgets into a ClientNeeds (validated on
the server, whatever the browser sent) or raises InputError naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from carenav.errors import InputError, input_error
from carenav.geo import place_name
from carenav.models.client import ClientNeeds, Preferences, Weights
from carenav.models.known import KnownCodes
from carenav.models.vocabulary import language_name
from carenav.ui.choices import dropdown, labelled, multi_select, slider
from carenav.ui.forms import FieldSpec, field_box, note_html, spec
from carenav.ui.lazy import LazyPanels
from carenav.ui.sharing import relayout, restyle

WHERE_AND_WHEN = 2
# Which field of ClientNeeds a preference goes into, by the importance chosen for it.
IMPORTANCE_FIELDS = {"must": "must_have", "nice": "nice_to_have"}
NOT_ASKED = "Doesn't matter"
HOW_MUCH = "How much it matters"


def needs_spec(name: str) -> FieldSpec:
    return spec(ClientNeeds, name)


def field(title: str, control: widgets.Widget, help_text: str = "") -> widgets.Widget:
    """A control that is no model field (e.g. the sort order), under its visible label."""
    return labelled(FieldSpec(ClientNeeds, "", title, help_text, None, None, None, ()), control)


class NeedsPanel:
    """The client's needs and preferences as widgets; `.widget` is the panel; `watch(handler)` hears every change."""

    def __init__(
        self,
        levels: dict[str, str],
        plans: Mapping[str, str],
        states: Sequence[str],
        languages: Sequence[str],
        *,
        default_weights: Weights,
    ) -> None:
        # The sliders start at the ranking's defaults (data/ranking.yaml).
        self.default_weights = default_weights
        # Preferences and weights are built when their section is first opened (or read):
        # the number of widgets drives how long a Voila page takes to appear.
        self.needs = multi_select(needs_spec("needs"))  # nothing is ranked until a need is given
        self.age_group = dropdown(needs_spec("age_group"), value="adults")
        self.conditions = multi_select(needs_spec("conditions"))
        self.levels = multi_select(needs_spec("levels"), list(levels), words=levels)
        self.plan = dropdown(
            needs_spec("plan"), [(name, plan_id) for plan_id, name in plans.items()], none="(none)"
        )
        # The levels offered are the only ones accepted, whatever the browser sends.
        self.known = KnownCodes(levels=tuple(levels))
        self.medicare = widgets.Checkbox(value=False, indent=False)
        self.medicaid_state = dropdown(
            needs_spec("medicaid_state"), [(s.upper(), s.upper()) for s in states], none="(none)"
        )
        self.other_payment = multi_select(needs_spec("other_payment"))
        self.zip = widgets.Text(value="", placeholder="e.g. 97205", continuous_update=False)
        miles = needs_spec("max_miles")
        self.max_miles = dropdown(
            miles, [(f"{m:g} miles", m) for m in miles.examples], none="Any distance"
        )
        self.days = multi_select(needs_spec("available_days"))
        self.times = multi_select(needs_spec("times"))
        self.formats = multi_select(needs_spec("formats"))
        self._languages = list(languages)
        self._prefs: dict[str, tuple[widgets.Dropdown, widgets.SelectMultiple | None]] | None = None
        self._weights: dict[str, widgets.FloatSlider] | None = None
        self._prefs_rows: list[widgets.Widget] = []
        self._weight_rows: list[widgets.Widget] = []
        # Each control and the field it shows: the forms test checks them against the models.
        self.shown: list[tuple[FieldSpec, widgets.Widget]] = []
        self._on_change: Callable[[dict[str, Any]], None] | None = None
        for name in (
            "needs",
            "age_group",
            "conditions",
            "levels",
            "plan",
            "zip",
            "max_miles",
            "days",
            "times",
            "formats",
        ):
            getattr(self, name).add_class(f"carenav-need-{name.replace('_', '-')}")
        self.widget = self._layout()

    @staticmethod
    def _importance() -> widgets.Dropdown:
        options = [(NOT_ASKED, "")] + [
            (needs_spec(name).label, kind) for kind, name in IMPORTANCE_FIELDS.items()
        ]
        return widgets.Dropdown(options=options, value="", layout=dict(width="200px"))

    def labelled(self, field_spec: FieldSpec, control: widgets.Widget) -> widgets.Widget:
        """The control labelled from its model field, and remembered as showing that field."""
        self.shown.append((field_spec, control))
        return labelled(field_spec, control)

    def _zip_field(self) -> widgets.Widget:
        zip_spec = needs_spec("zip")
        self.shown.append((zip_spec, self.zip))
        self.zip.description = zip_spec.label
        restyle(self.zip, description_width="initial")
        self.zip.add_class("carenav-form-field")
        self.zip_message = widgets.HTML(note_html(zip_spec.help))
        return field_box(self.zip, self.zip_message)

    def _layout(self) -> widgets.Widget:
        need = self.labelled
        basics = widgets.VBox(
            [
                need(needs_spec("needs"), self.needs),
                need(needs_spec("age_group"), self.age_group),
                need(needs_spec("conditions"), self.conditions),
                need(needs_spec("levels"), self.levels),
            ]
        )
        paying = widgets.VBox(
            [
                need(needs_spec("plan"), self.plan),
                need(needs_spec("medicare"), self.medicare),
                need(needs_spec("medicaid_state"), self.medicaid_state),
                need(needs_spec("other_payment"), self.other_payment),
            ]
        )
        reach = widgets.VBox(
            [
                self._zip_field(),
                need(needs_spec("max_miles"), self.max_miles),
                need(needs_spec("available_days"), self.days),
                need(needs_spec("times"), self.times),
                need(needs_spec("formats"), self.formats),
            ]
        )
        # The controls of the closed sections exist from the start (they are read and
        # filled like the others); what a browser draws for them waits until the section
        # is opened (`carenav.ui.lazy`). Preferences and weights are built then too.
        self.lazy = LazyPanels(
            widgets.Accordion,
            ("Needs and level", "Paying", "Where and when", "Preferences", "Ranking weights"),
            (basics, paying, reach, self._preferences_box, self._weights_box),
            waiting="Opening this section shows its choices.",
        )
        self.sections = self.lazy.widget
        return self.sections

    def _watch(self, controls: Sequence[widgets.Widget]) -> None:
        if self._on_change is not None:
            for control in controls:
                control.observe(self._on_change, names="value")

    def watch(self, handler: Callable[[dict[str, Any]], None]) -> None:
        """Call handler when any input changes (the ZIP is checked on its own), now and when built."""
        self._on_change = handler
        self._watch(self.controls)

    @property
    def prefs(self) -> dict[str, tuple[widgets.Dropdown, widgets.SelectMultiple | None]]:
        """Each preference: how much it matters (must / nice / not), and its options if it has some."""
        if self._prefs is None:
            languages = self._languages
            self._prefs = {}
            rows = []
            for name in Preferences.model_fields:
                pref = spec(Preferences, name)
                options: widgets.SelectMultiple | None = None
                if pref.choices is not None:
                    options = multi_select(pref)
                elif name == "languages":  # the languages any program records
                    options = multi_select(
                        pref, languages, words={x: language_name(x) for x in languages}
                    )
                importance = self._importance()
                self._prefs[name] = (importance, options)
                rows.append(self._preference_row(pref, importance, options))
            self._prefs_rows = rows
            self._watch([c for pair in self._prefs.values() for c in pair if c is not None])
        return self._prefs

    def _preferences_box(self) -> widgets.Widget:
        _ = self.prefs
        return widgets.VBox(self._prefs_rows)

    def _weights_box(self) -> widgets.Widget:
        _ = self.weights
        return widgets.VBox(self._weight_rows)

    def _preference_row(
        self, pref: FieldSpec, importance: widgets.Dropdown, options: widgets.SelectMultiple | None
    ) -> widgets.Widget:
        """The preference's options (if it has some) named by its title, then how much it matters."""
        if options is None:
            return self.labelled(pref, importance)
        importance.description = HOW_MUCH
        restyle(importance, description_width="initial")
        # A Dropdown's width holds its description: widen it so the choice itself still shows.
        relayout(importance, width="360px")
        return widgets.VBox([self.labelled(pref, options), importance])

    @property
    def weights(self) -> dict[str, widgets.FloatSlider]:
        """The ranking weight sliders, each from its Weights field's lower to upper bound."""
        if self._weights is None:
            defaults = self.default_weights
            self._weights = {}
            rows = []
            for name in Weights.model_fields:
                weight = spec(Weights, name)
                self._weights[name] = slider(weight, getattr(defaults, name))
                rows.append(self.labelled(weight, self._weights[name]))
            self._weight_rows = rows
            self._watch(list(self._weights.values()))
        return self._weights

    @property
    def controls(self) -> list[widgets.Widget]:
        """Every input whose change should refresh the results (the ZIP is checked on its own)."""
        found: list[widgets.Widget] = [
            self.needs,
            self.age_group,
            self.conditions,
            self.levels,
            self.plan,
            self.medicare,
            self.medicaid_state,
            self.other_payment,
            self.max_miles,
            self.days,
            self.times,
            self.formats,
        ]
        return found

    def check_zip(self) -> bool:
        """Check the ZIP typed in; show a message beside it and return False if it is unknown."""
        help_text = needs_spec("zip").help
        text = self.zip.value.strip()
        if not text:
            self.zip_message.value = note_html(help_text)
            return True
        try:
            place = place_name(text)
        except InputError as exc:
            self.zip_message.value = note_html(help_text, f"{exc.detail}; {exc.expected or ''}")
            # Shown where it can be read and fixed, also when the ZIP came from a case file.
            self.sections.selected_index = WHERE_AND_WHEN
            return False
        self.zip_message.value = note_html(f"{help_text}. {place}")
        return True

    def preferences(self, kind: str) -> dict[str, Any]:
        """The must-haves (kind 'must') or nice-to-haves ('nice') as ClientNeeds data."""
        chosen: dict[str, Any] = {}
        for name, (importance, options) in (self._prefs or {}).items():
            if importance.value != kind:
                continue
            chosen[name] = True if options is None else frozenset(options.value)
        return chosen

    def client_needs(self) -> ClientNeeds:
        """The needs as a validated model; InputError names the field and what is expected."""
        text = self.zip.value.strip()
        data: dict[str, Any] = {
            "age_group": self.age_group.value,
            "needs": frozenset(self.needs.value),
            "conditions": frozenset(self.conditions.value),
            "levels": frozenset(self.levels.value),
            "plan": self.plan.value,
            "medicare": bool(self.medicare.value),
            "medicaid_state": self.medicaid_state.value,
            "other_payment": frozenset(self.other_payment.value),
            "zip": text or None,
            "max_miles": self.max_miles.value if text else None,
            "available_days": frozenset(self.days.value),
            "times": frozenset(self.times.value),
            "formats": frozenset(self.formats.value),
            "must_have": self.preferences("must"),
            "nice_to_have": self.preferences("nice"),
        }
        try:
            return ClientNeeds.model_validate(data, context=self.known.context())
        except ValidationError as exc:
            raise input_error(
                exc, lambda loc: str(loc[0] if loc else "needs").replace("_", " ")
            ) from None

    def weights_value(self) -> Weights:
        """The ranking weights as a validated model (a browser can send any number)."""
        try:
            values = {name: slider.value for name, slider in (self._weights or {}).items()}
            return Weights.model_validate({**self.default_weights.model_dump(), **values})
        except ValidationError as exc:
            raise input_error(
                exc, lambda loc: f"weight for {spec(Weights, str(loc[0])).label}"
            ) from None
