"""An app opens from the directory's frame and cells: no program model is built until one is shown.

A model per program took seconds and hundreds of MB on a 20,000-program directory, paid by
every page load; the finder, the cost estimator and the navigator must open without one.
"""

from __future__ import annotations

from datetime import date

import pytest

from carenav import catalog
from carenav.ui.cost_estimator import CostEstimatorApp
from carenav.ui.navigator import NavigatorApp
from carenav.ui.program_finder import ProgramFinderApp


@pytest.mark.parametrize(
    "build",
    [
        lambda c: ProgramFinderApp(c, today=date(2026, 11, 27)),
        lambda c: CostEstimatorApp(c, start=date(2026, 3, 2)),
        lambda c: NavigatorApp(c, today=date(2026, 11, 27)),
    ],
    ids=["program finder", "cost estimator", "navigator"],
)
def test_an_app_opens_without_building_a_model_per_program(build: object) -> None:
    loaded = catalog.load()  # a catalog of its own: no other test has built its models
    app = build(loaded)  # type: ignore[operator]

    assert app.widget is not None
    assert len(loaded.programs) == 64
    assert loaded.programs._models == {}
