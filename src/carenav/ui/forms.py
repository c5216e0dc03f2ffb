"""Forms generated from pydantic models: a visible label, a description and bounds from one place.

A field's label, help text and limits are declared once on the model (Field(title=...,
description=..., ge=..., le=...)); the form reads them from there, so a label or bound
can never be missing in the app but present in the data format. Every value typed in
is checked by the model on the server, whatever the browser sent.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar, cast

import annotated_types
import ipywidgets as widgets
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from traitlets import observe

from carenav.errors import explain_all, field_path
from carenav.ui.html import escape
from carenav.ui.sharing import restyle, set_shown

M = TypeVar("M", bound=BaseModel)


def humanize(name: str) -> str:
    """'out_of_pocket_max' -> 'Out of pocket max'."""
    return name.replace("_", " ").capitalize()


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    low: float | None = None
    high: float | None = None
    for item in info.metadata:
        if isinstance(item, annotated_types.Ge):
            low = float(cast(Any, item.ge))
        elif isinstance(item, annotated_types.Gt):
            low = float(cast(Any, item.gt))
        elif isinstance(item, annotated_types.Le):
            high = float(cast(Any, item.le))
        elif isinstance(item, annotated_types.Lt):
            high = float(cast(Any, item.lt))
    return low, high


def _base_type(annotation: Any) -> tuple[Any, bool]:
    """The field's type without Optional, and whether None is allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return annotation, True
        return _base_type(args[0])[0], True  # `Day | None`: a date, with its check
    if origin is typing.Annotated:
        return _base_type(typing.get_args(annotation)[0])
    return annotation, False


def _choices(kind: Any) -> list[Any] | None:
    if typing.get_origin(kind) in (frozenset, set, list, tuple):
        args = typing.get_args(kind)
        return _choices(args[0]) if args else None
    if typing.get_origin(kind) is typing.Literal:
        return list(typing.get_args(kind))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return list(kind)
    return None


@dataclass(frozen=True)
class FieldSpec:
    """What a form shows for one model field, all read from the model: label, help, bounds, choices."""

    model: type[BaseModel]
    name: str
    label: str
    description: str
    low: float | None
    high: float | None
    choices: tuple[Any, ...] | None
    examples: tuple[Any, ...]

    @property
    def bounds(self) -> str:
        """The model's bounds in words ('from 0 to 10'), or '' for an unbounded field."""
        if self.low is None and self.high is None:
            return ""
        return _range_words(self.low, self.high)

    @property
    def help(self) -> str:
        """The description and, where the model bounds the field, the bounds in words."""
        if not self.bounds:
            return self.description
        return f"{self.description} ({self.bounds})".strip()


def spec(model: type[BaseModel], name: str) -> FieldSpec:
    """The form's view of `model.name`: title (or the name in words), description, bounds, choices."""
    return _spec_of(model, name, model.model_fields[name])


def _spec_of(model: type[BaseModel], name: str, info: FieldInfo) -> FieldSpec:
    kind, _optional = _base_type(info.annotation)
    low, high = _bounds(info)
    choices = _choices(kind)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    examples = extra.get("examples") or ()
    return FieldSpec(
        model,
        name,
        info.title or humanize(name),
        info.description or "",
        low,
        high,
        None if choices is None else tuple(choices),
        tuple(cast(list[Any], examples)),
    )


def note_html(help_text: str, error: str | None = None) -> str:
    """A field's help line and, under it, its error: one HTML widget for both (fewer widgets, faster pages).

    The error line is always there, empty when the value is fine: the page's accessibility
    script ties both lines to the input of the enclosing `.carenav-field`.
    """
    parts = [f'<span class="carenav-help">{escape(help_text)}</span>'] if help_text else []
    alert = f'<span role="alert">{escape(error)}</span>' if error else ""
    parts.append(f'<span class="carenav-field-error">{alert}</span>')
    return "<br>".join(parts)


def field_box(*children: widgets.Widget) -> widgets.VBox:
    """The box around one field's label, input and note (`.carenav-field`)."""
    box = widgets.VBox(list(children))
    box.add_class("carenav-field")
    return box


class OptionalDropdown(widgets.Dropdown):  # type: ignore[misc]
    """A dropdown whose option of value None means "not set", and shows that option.

    ipywidgets takes a value of None for "nothing chosen" and draws an empty list, even
    when None is one of the options ("(none)", "Any distance"): here None chooses it.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if self.value is None:
            self.index = self._options_values.index(None)

    @observe("value")
    def _propagate_value(self, change: dict[str, Any]) -> None:
        if change["new"] is None and None in self._options_values:
            index = self._options_values.index(None)
            if self.index != index:
                self.index = index
            return
        super()._propagate_value(change)


class FieldInput:
    """One labelled input for one model field, with its description and its error in one line below."""

    def __init__(self, name: str, info: FieldInfo, model: type[BaseModel] | None = None) -> None:
        self.name = name
        self.kind, self.optional = _base_type(info.annotation)
        # A field without its model (tests of this module) is read the same way.
        self.spec = spec(model, name) if model is not None else _spec_of(BaseModel, name, info)
        self.label_text = self.spec.label
        low, high = self.spec.low, self.spec.high
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        self.when_empty = default if isinstance(default, str) else None
        layout = {"width": "260px"}
        self.control: widgets.ValueWidget
        if self.spec.choices is not None:
            options = [(str(getattr(c, "value", c)), c) for c in self.spec.choices]
            if self.optional:
                options = [("(not set)", None), *options]
            chooser = OptionalDropdown if self.optional else widgets.Dropdown
            self.control = chooser(options=options, value=default, layout=layout)
        elif self.kind is bool:
            self.control = widgets.Checkbox(value=bool(default), indent=False)
        elif self.kind is int:
            self.control = widgets.BoundedIntText(
                value=int(default or (low or 0)),
                min=int(low) if low is not None else -(10**9),
                max=int(high) if high is not None else 10**9,
                layout=layout,
            )
        elif self.kind is date:
            self.control = widgets.DatePicker(value=default, layout=layout)
        elif self.kind is str and _max_length(info) > LONG_TEXT:
            # Room for paragraphs (notes): a text area, updated when the navigator leaves it.
            self.control = widgets.Textarea(
                value="" if default is None else str(default),
                continuous_update=False,
                rows=5,
                layout=dict(width="100%"),
            )
        else:  # text, and money as text so "1,500.50" stays exact
            shown = "" if default is None else str(default)
            self.control = widgets.Text(value=shown, continuous_update=False, layout=layout)
        self.help_text = self.spec.help
        self.error_text = ""
        self.note = widgets.HTML(note_html(self.help_text))
        # The label is the control's own description, which ipywidgets renders as a
        # <label for=...> tied to the input: a screen reader names the field by it.
        # carenav's stylesheet stacks it above the input (.carenav-form-field).
        self.control.description = self.label_text
        restyle(self.control, description_width="initial")
        self.control.add_class("carenav-form-field")
        self.widget = field_box(self.control, self.note)

    def show(self, visible: bool) -> None:
        """Show or hide the field (its input and its note)."""
        set_shown(self.widget, visible)

    def raw(self) -> Any:
        """The value as the model should see it.

        An empty box means 'not given': the field's default where it has one (an empty
        note), else None (the model asks for a required value). Only money drops its
        thousands commas and dollar sign; any other text (a note) keeps every character.
        """
        value = self.control.value
        if isinstance(value, str):
            text = value.strip()
            if text == "":
                return self.when_empty
            if self.kind is Decimal or _is_money_like(self.kind):
                try:
                    return Decimal(text.replace(",", "").removeprefix("$"))
                except InvalidOperation:
                    return text  # the model refuses it with a clear message
            return text
        return value

    def show_error(self, message: str | None) -> None:
        if (message or "") == self.error_text:
            return
        self.error_text = message or ""
        self.note.value = note_html(self.help_text, message)


# A text field that may hold more than this many characters is shown as a text area.
LONG_TEXT = 500


def _max_length(info: FieldInfo) -> int:
    """The field's max_length (0 when it has none)."""
    for item in info.metadata:
        if isinstance(item, annotated_types.MaxLen):
            return int(item.max_length)
    return 0


def _is_money_like(kind: Any) -> bool:
    return kind is Decimal


def _number_words(value: float) -> str:
    """1000000.0 -> '1,000,000' (':g' wrote '1e+06' beside a navigator's field); 0.5 -> '0.5'."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _range_words(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"from {_number_words(low)} to {_number_words(high)}"
    return (
        f"{_number_words(low)} or more" if low is not None else f"up to {_number_words(high or 0)}"
    )


class ModelForm(Generic[M]):
    """Inputs for some fields of a model; `.value` is the validated model, or None with errors shown."""

    def __init__(
        self,
        model: type[M],
        fields: Sequence[str],
        *,
        fixed: dict[str, Any] | None = None,
        on_valid: Callable[[M], None] | None = None,
        context: dict[str, Any] | None = None,
    ) -> None:
        self.model = model
        # Passed to pydantic: the data's closed vocabularies (carenav.models.known).
        self.context = context
        self.fixed = dict(fixed or {})
        self.inputs = {name: FieldInput(name, model.model_fields[name], model) for name in fields}
        self.form_error = widgets.HTML("")
        self.form_error.add_class("carenav-field-error")
        self.widget = widgets.VBox(self.children())
        self.value: M | None = None
        self._on_valid = on_valid
        for field_input in self.inputs.values():
            field_input.control.observe(self._changed, names="value")
        self.validate()

    def children(self) -> list[widgets.Widget]:
        """Every field's input and note, in order, then the form-wide error line."""
        return [i.widget for i in self.inputs.values()] + [self.form_error]

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the inputs (e.g. from a chosen sample plan) and validate once."""
        for name, value in values.items():
            if name in self.inputs:
                control = self.inputs[name].control
                control.value = (
                    ""
                    if value is None and isinstance(control, widgets.Text)
                    else (str(value) if isinstance(control, widgets.Text) else value)
                )
        self.validate()

    def _changed(self, _change: dict[str, Any]) -> None:
        valid = self.validate()
        if valid is not None and self._on_valid is not None:
            self._on_valid(valid)

    def validate(self) -> M | None:
        """Check every input through the model; show each problem beside its field."""
        data = {**self.fixed}
        for name, field_input in self.inputs.items():
            raw = field_input.raw()
            if raw is not None or not field_input.optional:
                data[name] = raw
            if raw is None and field_input.optional:
                data[name] = None
        for field_input in self.inputs.values():
            field_input.show_error(None)
        self.form_error.value = ""
        try:
            self.value = self.model.model_validate(data, context=self.context)
        except ValidationError as exc:
            self.value = None
            for error in explain_all(exc):
                name = str(error.loc[0]) if error.loc else ""
                message = error.sentence()
                if name in self.inputs:
                    self.inputs[name].show_error(message)
                else:
                    where = field_path(error.loc) or "form"
                    self.form_error.value = (
                        f'<span role="alert">{escape(where)}: {escape(message)}</span>'
                    )
        return self.value
