"""Choice controls made from one model field: multi-selects, dropdowns and sliders labelled and bounded by the model.

The label is the field's `title`, the help its `description` (with its bounds in words),
the options its Literal or enum values (or, where the data defines them, values the
caller passes in), a slider's ends its `ge`/`le`. Nothing here restates a label or a bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from carenav.models.vocabulary import describe, label
from carenav.ui.forms import FieldSpec, OptionalDropdown, field_box, note_html
from carenav.ui.sharing import restyle

ZERO_WIDTH_SPACE = "\u200b"
SEVERAL = (
    "To choose several, hold Ctrl (⌘ on a Mac) and click each; click again with Ctrl to drop one."
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


def help_for(spec: FieldSpec, control: widgets.Widget) -> str:
    """The help shown under a control: the model's words, and how to choose several where one can."""
    if isinstance(control, widgets.SelectMultiple):
        return f"{spec.help}. {SEVERAL}" if spec.help else SEVERAL
    return spec.help


def labelled(spec: FieldSpec, control: widgets.Widget) -> widgets.Widget:
    """The control named by the field's title (a <label for=...>), with the field's help under it."""
    control.description = spec.label
    restyle(control, description_width="initial")
    control.add_class("carenav-form-field")
    help_text = help_for(spec, control)
    if not help_text:
        return control
    note = widgets.HTML(note_html(help_text))
    note.add_class("carenav-field-note")
    return field_box(control, note)


def values_of(spec: FieldSpec) -> list[str]:
    """The field's choices as the strings the model accepts."""
    return [str(getattr(c, "value", c)) for c in spec.choices or ()]


def multi_select(
    spec: FieldSpec, values: Sequence[str] | None = None, words: dict[str, str] | None = None
) -> widgets.SelectMultiple:
    """A multi-select of the field's choices (or `values` from the data), each 'Option — what it means'."""
    shown = list(values) if values is not None else values_of(spec)
    options = [(option_label(v, (words or {}).get(v)), v) for v in shown]
    return widgets.SelectMultiple(
        options=options, rows=min(len(options), 8), layout=dict(width="100%")
    )


def dropdown(
    spec: FieldSpec,
    options: Sequence[tuple[str, Any]] | None = None,
    *,
    none: str | None = None,
    value: Any = None,
) -> widgets.Dropdown:
    """A dropdown of the field's choices (or `options` from the data); `none` labels 'not set'."""
    if options is None:
        options = [(option_label(v), v) for v in values_of(spec)]
    listed = [(none, None), *options] if none is not None else list(options)
    if none is not None:
        return OptionalDropdown(options=listed, value=value)
    return widgets.Dropdown(options=listed, value=listed[0][1] if value is None else value)


def slider(spec: FieldSpec, value: float, step: float = 0.5) -> widgets.FloatSlider:
    """A slider from the field's lower to its upper bound."""
    assert spec.low is not None and spec.high is not None, f"{spec.name} needs ge and le"
    return widgets.FloatSlider(
        value=value, min=spec.low, max=spec.high, step=step, continuous_update=False
    )
