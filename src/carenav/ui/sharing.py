"""One Layout and one Style model for all the widgets of an app that look alike.

Every ipywidgets input comes with a Layout model and a Style model of its own, so a form
of 80 inputs is 240 models: each one opened over the kernel's websocket, sent to the
browser and built there before the page shows. carenav's inputs look alike (a width, a
label width), so while an app builds its widgets (`sharing()`, which `launch` and every
guarded callback enter) a widget that asks for the default layout or style, or passes one
as a dict (`layout={"width": "auto"}`), gets one shared, read-only model for that look.
The apps' page loads are measured in benchmarks/app_load.py.

A shared model cannot be changed: setting `widget.layout.display` on it would hide every
widget sharing it, so it raises instead. Show and hide with `set_shown`, and change a look
with `restyle` / `relayout`, which give the widget another (shared) model. A widget built
with its own `widgets.Layout(...)` instance keeps it, and outside `sharing()` (an analyst's
notebook using carenav's widgets) nothing is shared.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.trait_types import InstanceDict
from ipywidgets.widgets.widget import Widget
from ipywidgets.widgets.widget_layout import Layout
from ipywidgets.widgets.widget_style import Style

HIDDEN_CLASS = "carenav-hidden"

_depth = 0
_shared: dict[tuple[type, tuple[tuple[str, Any], ...]], Widget] = {}
_frozen_classes: dict[type, type] = {}


class SharedModelError(AttributeError):
    """A shared Layout or Style was changed in place (see the module docstring)."""


def _frozen_class(klass: type) -> type:
    """A subclass of the Layout or Style class whose traits cannot be set once it is shared."""
    if klass not in _frozen_classes:

        def __setattr__(self: Widget, name: str, value: object) -> None:
            if is_shared(self) and name in self.keys:
                raise SharedModelError(
                    f"this {klass.__name__} is shared by several widgets: use set_shown, "
                    "restyle or relayout (carenav.ui.sharing) instead of changing it in place"
                )
            klass.__setattr__(self, name, value)  # type: ignore[call-arg]

        frozen = type(f"Shared{klass.__name__}", (klass,), {"__setattr__": __setattr__})
        _frozen_classes[klass] = frozen
    return _frozen_classes[klass]


def is_shared(widget: Widget) -> bool:
    """True for a shared, read-only Layout or Style (one that other widgets may be using)."""
    return bool(widget.__dict__.get("_carenav_frozen"))


def shared(klass: type, state: dict[str, Any]) -> Widget:
    """The one read-only model of this class with this state (created on first use)."""
    key = (klass, tuple(sorted((k, _hashable(v)) for k, v in state.items())))
    found = _shared.get(key)
    if found is None or found.comm is None:  # closed with its kernel's widgets: make another
        found = _frozen_class(klass)(**state)
        found.__dict__["_carenav_frozen"] = True
        _shared[key] = found
    return found


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _is_look(klass: object) -> bool:
    return isinstance(klass, type) and issubclass(klass, (Layout, Style))


_make_default = InstanceDict.make_dynamic_default
_validate = InstanceDict.validate


def _shared_default(self: InstanceDict) -> Any:
    if _depth and _is_look(self.klass) and not self.default_args and not self.default_kwargs:
        return shared(self.klass, {})
    return _make_default(self)


def _shared_validate(self: InstanceDict, obj: Any, value: Any) -> Any:
    if _depth and _is_look(self.klass) and isinstance(value, dict):
        return shared(self.klass, value)
    return _validate(self, obj, value)


InstanceDict.make_dynamic_default = _shared_default
InstanceDict.validate = _shared_validate


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """While inside, default and dict layouts and styles are shared (see the module docstring)."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1


def _state(model: Widget) -> dict[str, Any]:
    return {
        name: getattr(model, name)
        for name in model.keys
        if not name.startswith("_") and getattr(model, name) is not None
    }


def restyle(widget: widgets.DOMWidget, **changes: Any) -> None:
    """Give the widget a style like its own with these changes (shared while building)."""
    widget.style = {**_state(widget.style), **changes}


def relayout(widget: widgets.DOMWidget, **changes: Any) -> None:
    """Give the widget a layout like its own with these changes (shared while building)."""
    widget.layout = {**_state(widget.layout), **changes}


def set_shown(widget: widgets.DOMWidget, shown: bool) -> None:
    """Show or hide a widget by a class (carenav's stylesheet hides it), never by its layout."""
    if shown:
        widget.remove_class(HIDDEN_CLASS)
    else:
        widget.add_class(HIDDEN_CLASS)


def is_shown(widget: widgets.DOMWidget) -> bool:
    """False when `set_shown(widget, False)` hid it."""
    return HIDDEN_CLASS not in widget._dom_classes
