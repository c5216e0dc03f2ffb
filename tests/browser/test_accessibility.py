"""Every app, every panel, checked with axe-core in Chromium: no serious or critical violation.

The apps are found in voila_apps/, so a new app is checked the day it lands. Each app is
opened, then every collapsed section is opened and every tab chosen in turn; axe-core
(the engine Deque ships, bundled by axe-playwright-python, no network) runs on each state.
Serious and critical findings fail the test, named by panel, rule and element; moderate
and minor ones are written to test-artifacts/axe-<app>.txt and listed in the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import open_app, page_errors
from tests.browser.harness import ARTIFACTS, REPO, VoilaServer
from tests.browser.panels import each_panel, settle

APPS = sorted(p.stem for p in (REPO / "voila_apps").glob("*.ipynb"))
BLOCKING = {"serious", "critical"}
AXE = Axe()


def panels(page: Page) -> Iterator[str]:
    """The first screen, then every section and tab (the same walk as the render test)."""
    settle(page)
    yield "first screen"
    for name in each_panel(page):
        yield f"panel '{name}'"


def _describe(violation: dict[str, Any]) -> str:
    targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
    return f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes: {targets}): {violation['help']}"


@pytest.mark.browser
@pytest.mark.parametrize("app", APPS)
def test_every_panel_has_no_serious_or_critical_accessibility_violation(
    page: Page, server: VoilaServer, app: str
) -> None:
    errors = page_errors(page)
    open_app(page, server, app)
    blocking: list[str] = []
    report: list[str] = []
    states = 0
    for state in panels(page):
        states += 1
        violations = AXE.run(page).response["violations"]
        for violation in violations:
            line = f"{state}: {_describe(violation)}"
            report.append(line)
            if violation["impact"] in BLOCKING:
                blocking.append(line)
    ARTIFACTS.mkdir(exist_ok=True)
    Path(ARTIFACTS / f"axe-{app}.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    assert states >= 1
    assert not blocking, f"{app}: serious or critical accessibility problems:\n" + "\n".join(
        blocking
    )
    assert not errors, f"{app}: console errors: {errors}"
