"""The needs panel of the program finder: every filter option with a visible label and a one-line description.

`NeedsPanel.needs()` reads the widgets into a ClientNeeds (validated on the server,
whatever the browser sent) or raises InputError naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from carenav.errors import InputError, input_error
from carenav.geo import place_name
from carenav.models.billing import Weekday
from carenav.models.client import ClientNeeds, Weights
from carenav.models.known import KnownCodes
from carenav.models.vocabulary import (
    Condition,
    Format,
    Holistic,
    Need,
    OtherPayment,
    Therapy,
    TimeOfDay,
    describe,
    label,
)
from carenav.ui.html import escape

IMPORTANCE = (("Doesn't matter", ""), ("Nice to have", "nice"), ("Must have", "must"))
GROUPS = ("young-adults", "older-adults", "women", "men", "pregnant-women", "veterans", "lgbtq")
MILES = (
    ("Any distance", None),
    ("5 miles", 5),
    ("10 miles", 10),
    ("25 miles", 25),
    ("50 miles", 50),
    ("100 miles", 100),
)
PREFERENCES, WEIGHTS_SECTION = 3, 4
ZERO_WIDTH_SPACE = "\u200b"
SEVERAL = (
    "To choose several, hold Ctrl (⌘ on a Mac) and click each; click again with Ctrl to drop one."
)
PREFERENCE_TITLES = {
    "therapies": "Therapies (any of these)",
    "languages": "Language of sessions (any of these)",
    "groups": "A group for (any of these)",
    "holistic": "Holistic options (any of these)",
    "family_program": "Family program — family sessions or a family education program",
    "transportation_help": "Transportation help — helps with rides or transit passes",
    "parking": "Parking — has parking on site",
}
WEIGHTS = (
    ("therapies", "Therapies"),
    ("languages", "Language"),
    ("family_program", "Family program"),
    ("holistic", "Holistic options"),
    ("groups", "Specific group"),
    ("transportation_help", "Transportation help"),
    ("parking", "Parking"),
    ("distance", "Closer is better"),
    ("wait", "Shorter wait is better"),
    ("confirmed", "Fewer facts to confirm"),
)


def option_label(value: str, words: str | None = None, about: str | None = None) -> str:
    """'CBT — Cognitive behavioral therapy: ...': the option and its one-line description."""
    text = words or label(value)
    text = text[:1].upper() + text[1:]
    about = about or describe(value)
    if not about:
        return text
    # ipywidgets writes option labels with non-breaking spaces, so a long description
    # could only be cut off; a zero-width space after each space lets it wrap instead.
    return f"{text} — {about.replace(' ', ' ' + ZERO_WIDTH_SPACE)}"


def field(title: str, control: widgets.Widget, help_text: str = "") -> widgets.VBox:
    """A control under its visible label and short help, the two in one HTML widget (fewer widgets, faster pages).

    No tooltip: the help is on screen already, and ipywidgets 8's front end cannot draw a
    container (the preferences' VBox) that has one.
    """
    if isinstance(control, widgets.SelectMultiple):
        help_text = f"{help_text} {SEVERAL}".strip()
    help_html = f'<br><span class="carenav-help">{escape(help_text)}</span>' if help_text else ""
    heading = widgets.HTML(f"<label><strong>{escape(title)}</strong></label>{help_html}")
    return widgets.VBox([heading, control])


def choices(
    values: Sequence[str], selected: Sequence[str] = (), words: dict[str, str] | None = None
) -> widgets.SelectMultiple:
    """A multi-select whose options read 'Option — what it means'."""
    options = [(option_label(v, (words or {}).get(v)), v) for v in values]
    return widgets.SelectMultiple(
        options=options,
        value=tuple(selected),
        rows=min(len(options), 8),
        layout=widgets.Layout(width="100%"),
    )


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
        self.needs = choices([str(n) for n in Need])  # nothing is ranked until a need is given
        self.age_group = widgets.Dropdown(
            options=[("Adult (18+)", "adults"), ("Adolescent (12–17)", "adolescents")],
            value="adults",
        )
        self.conditions = choices([str(c) for c in Condition])
        self.levels = choices(list(levels), words=levels)
        # The levels offered are the only ones accepted, whatever the browser sends.
        self.known = KnownCodes(levels=tuple(levels))
        self.plan = widgets.Dropdown(
            options=[("(none)", None), *[(name, plan_id) for plan_id, name in plans.items()]],
            value=None,
        )
        self.medicare = widgets.Checkbox(
            value=False, indent=False, description="Has Original Medicare"
        )
        self.medicaid_state = widgets.Dropdown(
            options=[("(none)", None), *[(s.upper(), s.upper()) for s in states]], value=None
        )
        self.other_payment = choices([str(o) for o in OtherPayment])
        self.zip = widgets.Text(value="", placeholder="e.g. 97205", continuous_update=False)
        self.zip_message = widgets.HTML("")
        self.zip_message.add_class("carenav-field-error")
        self.max_miles = widgets.Dropdown(options=MILES, value=None)
        self.days = choices([d.value for d in Weekday], words={d.value: d.value for d in Weekday})
        self.times = choices([str(t) for t in TimeOfDay])
        self.formats = choices([str(f) for f in Format])
        self._languages = list(languages)
        self._prefs: dict[str, tuple[widgets.Dropdown, widgets.SelectMultiple | None]] | None = None
        self._weights: dict[str, widgets.FloatSlider] | None = None
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
        return widgets.Dropdown(options=IMPORTANCE, value="", layout=widgets.Layout(width="200px"))

    def _layout(self) -> widgets.Widget:
        basics = widgets.VBox(
            [
                field(
                    "Needs treatment for",
                    self.needs,
                    "Substance-use and mental-health programs are not mixed unless both are chosen.",
                ),
                field("Age group", self.age_group),
                field("Conditions (each must be treated)", self.conditions),
                field("Level of care (any of these)", self.levels, "Leave empty for any level."),
            ]
        )
        paying = widgets.VBox(
            [
                field(
                    "Coverage plan", self.plan, "Only plans some program in the directory lists."
                ),
                self.medicare,
                field("Medicaid in state", self.medicaid_state),
                field("Other ways to pay (any of these)", self.other_payment),
            ]
        )
        reach = widgets.VBox(
            [
                field(
                    "Client's ZIP code",
                    self.zip,
                    "Five digits; used for distance only, never stored.",
                ),
                self.zip_message,
                field("How far they can travel", self.max_miles),
                field(
                    "Days they can attend (program must meet only on these)",
                    self.days,
                    "Leave empty for any day.",
                ),
                field("Times they can attend (any of these)", self.times),
                field("Format (any of these)", self.formats),
            ]
        )
        later = '<p class="carenav-lazy"><small>Opening this section shows its choices.</small></p>'
        self.sections = widgets.Accordion(
            children=[basics, paying, reach, widgets.HTML(later), widgets.HTML(later)],
            selected_index=0,
        )
        for index, title in enumerate(
            ("Needs and level", "Paying", "Where and when", "Preferences", "Ranking weights")
        ):
            self.sections.set_title(index, title)
        self.sections.observe(self._opened, names="selected_index")
        return self.sections

    def _opened(self, change: dict[str, Any]) -> None:
        if change["new"] == PREFERENCES:
            _ = self.prefs
        elif change["new"] == WEIGHTS_SECTION:
            _ = self.weights

    def _put(self, index: int, child: widgets.Widget) -> None:
        children = list(self.sections.children)
        children[index] = child
        self.sections.children = tuple(children)

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
            self._prefs = {
                "therapies": (self._importance(), choices([str(t) for t in Therapy])),
                "languages": (
                    self._importance(),
                    choices(languages, words={x: x.title() for x in languages}),
                ),
                "groups": (self._importance(), choices(list(GROUPS))),
                "holistic": (self._importance(), choices([str(h) for h in Holistic])),
                "family_program": (self._importance(), None),
                "transportation_help": (self._importance(), None),
                "parking": (self._importance(), None),
            }
            rows = []
            for name, (importance, options) in self._prefs.items():
                parts: list[widgets.Widget] = [importance] + ([options] if options else [])
                rows.append(
                    field(PREFERENCE_TITLES[name], widgets.VBox(parts), SEVERAL if options else "")
                )
            self._put(PREFERENCES, widgets.VBox(rows))
            self._watch([c for pair in self._prefs.values() for c in pair if c is not None])
        return self._prefs

    @property
    def weights(self) -> dict[str, widgets.FloatSlider]:
        """The ranking weight sliders."""
        if self._weights is None:
            defaults = self.default_weights
            self._weights = {
                name: widgets.FloatSlider(
                    value=getattr(defaults, name), min=0, max=5, step=0.5, continuous_update=False
                )
                for name, _ in WEIGHTS
            }
            self._put(
                WEIGHTS_SECTION,
                widgets.VBox([field(title, self._weights[name]) for name, title in WEIGHTS]),
            )
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
        text = self.zip.value.strip()
        if not text:
            self.zip_message.value = ""
            return True
        try:
            place = place_name(text)
        except InputError as exc:
            self.zip_message.value = (
                f'<span role="alert">{escape(exc.detail)}; {escape(exc.expected or "")}</span>'
            )
            return False
        self.zip_message.value = f'<span class="carenav-help">{escape(place)}</span>'
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
            raise input_error(exc, lambda loc: f"weight for {loc[0]}") from None
