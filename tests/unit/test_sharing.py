"""Apps built through `launch` share one layout and one style per look; nothing else changes.

The page-load cost of an app grows with the number of widget models the browser must
build (benchmarks/app_load.py); these tests pin that inputs no longer bring a layout and a
style model each, and that a shared one cannot be changed under its other widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _instances
from ipywidgets.widgets.widget_layout import Layout
from ipywidgets.widgets.widget_style import Style

from carenav.ui.base import AppShell, launch
from carenav.ui.care_continuum import CareContinuumApp
from carenav.ui.cost_estimator import CostEstimatorApp
from carenav.ui.navigator import NavigatorApp
from carenav.ui.program_finder import ProgramFinderApp
from carenav.ui.readiness_check import ReadinessCheckApp
from carenav.ui.sharing import SharedModelError, is_shown, relayout, restyle, set_shown, sharing

APPS: list[Callable[[], Any]] = [
    CareContinuumApp,
    CostEstimatorApp,
    NavigatorApp,
    ProgramFinderApp,
    ReadinessCheckApp,
]


def _tree(root: widgets.Widget) -> list[widgets.Widget]:
    found, todo = [], [root]
    while todo:
        widget = todo.pop()
        found.append(widget)
        todo.extend(getattr(widget, "children", ()))
    return found


def _looks() -> int:
    return sum(isinstance(w, Layout | Style) for w in _instances.values())


@pytest.mark.parametrize("factory", APPS, ids=lambda f: f.__name__)
def test_an_app_built_by_launch_has_far_fewer_looks_than_widgets(
    factory: Callable[[], Any],
) -> None:
    before = set(_instances)
    page = launch(factory)
    made = [w for key, w in _instances.items() if key not in before]
    looks = [w for w in made if isinstance(w, Layout | Style)]
    dom = [w for w in made if isinstance(w, widgets.DOMWidget)]
    assert len(_tree(page)) > 10  # the app really built its page
    # Without sharing every DOM widget brings a layout of its own, and an input a style too.
    assert len(looks) < len(dom) / 2, (len(looks), len(dom))
    owned = [w for w in looks if not type(w).__name__.startswith("Shared")]
    assert len(owned) <= 1, owned  # the status line's own, at most


def test_a_shared_layout_cannot_be_changed_in_place() -> None:
    with sharing():
        first = widgets.Text(layout={"width": "200px"})
        second = widgets.Text(layout={"width": "200px"})
    assert first.layout is second.layout
    with pytest.raises(SharedModelError):
        first.layout.width = "10px"
    assert second.layout.width == "200px"


def test_restyle_and_relayout_change_one_widget_only() -> None:
    with sharing():
        first, second = widgets.Dropdown(options=["a"]), widgets.Dropdown(options=["a"])
        restyle(first, description_width="initial")
        relayout(first, width="auto")
    assert first.style.description_width == "initial"
    assert second.style.description_width == ""
    assert first.layout.width == "auto" and second.layout.width is None


def test_set_shown_hides_by_class_not_by_the_shared_layout() -> None:
    with sharing():
        first, second = widgets.HTML("a"), widgets.HTML("b")
    set_shown(first, False)
    assert not is_shown(first) and is_shown(second)
    assert first.layout.display is None
    set_shown(first, True)
    assert is_shown(first)


def test_outside_sharing_each_widget_keeps_its_own_changeable_layout() -> None:
    first, second = widgets.Text(layout={"width": "200px"}), widgets.Text()
    assert first.layout is not second.layout
    first.layout.width = "10px"
    assert first.layout.width == "10px"


def test_a_callback_that_builds_widgets_shares_their_looks() -> None:
    shell = AppShell("t", "t")
    built: list[widgets.Widget] = []
    shell.guard(lambda: built.extend(widgets.IntText() for _ in range(5)))()
    assert len({id(w.layout) for w in built}) == 1
    assert _looks() >= 1


def test_no_app_module_changes_a_layout_or_style_in_place() -> None:
    """A shared look changed in place would change every widget that shares it."""
    import ast
    from pathlib import Path

    import carenav.ui

    found = []
    for path in sorted(Path(carenav.ui.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Attribute)
                    and target.value.attr in ("layout", "style")
                ):
                    found.append(f"{path.name}:{node.lineno}")
    assert found == [], f"use set_shown / restyle / relayout (carenav.ui.sharing): {found}"
