"""Sections and tabs whose contents are drawn when first opened.

A drawn widget costs page time even inside a closed section or an unchosen tab; a widget
that exists but is not drawn costs next to none (README, "App load"). So a closed
section holds a box with a one-line placeholder (class `carenav-lazy`, which the browser
tests wait on), and its content is put into that box when the section is first opened.
The boxes themselves never change: the front end keeps the header or tab a keyboard user
opened it with, and its focus, in place.

A section's content is a widget (built from the start, as when its inputs are read and
filled before anyone opens it) or a function that builds it on first opening.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import ipywidgets as widgets

from carenav.ui.html import escape

Content: TypeAlias = "widgets.Widget | Callable[[], widgets.Widget]"
Guard: TypeAlias = Callable[[Callable[..., None]], Callable[..., None]]


def placeholder(text: str) -> widgets.HTML:
    """The line a panel shows until it is drawn."""
    return widgets.HTML(f'<p class="carenav-lazy"><small>{escape(text)}</small></p>')


class LazyPanels:
    """An Accordion or a Tab (`.widget`) whose panels are drawn when first opened."""

    def __init__(
        self,
        kind: type[widgets.Accordion] | type[widgets.Tab],
        titles: Sequence[str],
        contents: Sequence[Content],
        *,
        waiting: str,
        opened: int | None = 0,
        guard: Guard | None = None,
        **options: Any,
    ) -> None:
        if len(titles) != len(contents):
            raise ValueError("one title for each panel")
        self._contents: list[Content] = list(contents)
        self.holders = [widgets.VBox([placeholder(waiting)]) for _ in contents]
        self.widget = kind(children=self.holders, selected_index=opened, **options)
        self.widget.titles = tuple(titles)
        # A Tab always shows one of its tabs (its first when none is asked for).
        if self.widget.selected_index is not None:
            self.draw(self.widget.selected_index)
        # A panel built on opening runs in the app's guard: a failure is said in words.
        self.widget.observe(guard(self._opened) if guard else self._opened, names="selected_index")

    def content(self, index: int) -> widgets.Widget:
        """The panel's content, built now if it had not been."""
        content = self._contents[index]
        if not isinstance(content, widgets.Widget):
            content = self._contents[index] = content()
        return content

    def draw(self, index: int) -> None:
        """Put the panel's content on screen (in its box), once."""
        content = self.content(index)
        holder = self.holders[index]
        if holder.children != (content,):
            holder.children = (content,)

    def _opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.draw(int(change["new"]))
