"""What a page draws and sends at first: closed sections drawn when opened, an app printed by its title."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from carenav.ui.lazy import LazyPanels


def test_a_closed_section_shows_its_placeholder_until_opened_then_keeps_its_box() -> None:
    built: list[int] = []

    def later() -> widgets.Widget:
        built.append(1)
        return widgets.Text(description="Weeks")

    first = widgets.HTML("first")
    panels = LazyPanels(
        widgets.Accordion, ("One", "Two"), (first, later), waiting="Opening this shows it."
    )
    holders = panels.widget.children
    assert holders[0].children == (first,)
    assert "carenav-lazy" in holders[1].children[0].value and built == []

    panels.widget.selected_index = 1
    assert built == [1] and holders[1].children[0].description == "Weeks"
    panels.widget.selected_index = 0
    panels.widget.selected_index = 1
    assert built == [1], "a section is built once"
    assert panels.widget.children == holders, "the boxes stay: the header keeps its focus"


def test_all_closed_draws_nothing() -> None:
    content = widgets.HTML("used so far")
    panels = LazyPanels(widgets.Accordion, ("A",), (content,), waiting="…", opened=None)
    assert panels.widget.selected_index is None
    assert panels.holders[0].children != (content,)
    panels.draw(0)
    assert panels.holders[0].children == (content,)


def test_a_tab_always_shows_one_panel_so_that_one_is_drawn() -> None:
    ledger, chart = widgets.HTML("ledger"), widgets.HTML("chart")
    panels = LazyPanels(widgets.Tab, ("Ledger", "Chart"), (ledger, chart), waiting="…", opened=None)
    assert panels.widget.selected_index == 0
    assert panels.holders[0].children == (ledger,) and panels.holders[1].children != (chart,)
    assert panels.widget.titles == ("Ledger", "Chart")


def test_titles_and_panels_must_pair() -> None:
    with pytest.raises(ValueError, match="one title for each panel"):
        LazyPanels(widgets.Accordion, ("A", "B"), (widgets.HTML(),), waiting="…")


def test_an_app_prints_as_its_title_not_its_whole_tree() -> None:
    from carenav.ui.base import AppShell

    shell = AppShell("Readiness check", "Rate each area.")
    shell.mount(widgets.VBox([widgets.HTML("x" * 5000) for _ in range(20)]))
    assert repr(shell.widget) == "<carenav app: Readiness check>"
    bundle = shell.widget._repr_mimebundle_()
    assert bundle["text/plain"] == "<carenav app: Readiness check>"
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == shell.widget.model_id
