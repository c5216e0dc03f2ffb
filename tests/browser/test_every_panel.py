"""Every panel of every app, opened in a real browser: none may fail to draw.

Python-side tests cannot see a widget the front end refuses to draw: ipywidgets 8 shows
"Click to show javascript error" in its place and logs "Could not create a view" in the
console. So each app is opened, every collapsed section is expanded, every tab chosen
and every panel that a choice reveals is revealed; then the page must hold no error
widget and the console no error. A screenshot of each app is kept in test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app, page_errors
from tests.browser.harness import ARTIFACTS, VoilaServer
from tests.browser.panels import PLACEHOLDER, each_panel, settle

RENDER_FAILED = ".jupyter-widgets-error-widget"


def _settle(page: Page) -> None:
    settle(page)


def _open_every_header(page: Page) -> int:
    return sum(1 for _ in each_panel(page))


def _finder_extras(page: Page) -> None:
    """The finder's hidden panels are all accordion sections: nothing more to reveal."""


def _cost_extras(page: Page) -> None:
    """Reveal what a choice shows: the typed-in plan, its out-of-network terms, the household."""
    page.locator(".carenav-plan-choice select").select_option(label="Enter a plan by hand…")
    _settle(page)
    page.get_by_label("Has an out-of-network benefit").check()
    page.locator(".jupyter-widget-Collapse-header", has_text="Household income").click()
    page.get_by_label("Use household income (sliding scale, Medicaid bands)").check()
    _settle(page)
    expect(page.locator(".carenav-app")).to_contain_text("People in the household")


def _readiness_extras(page: Page) -> None:
    """Choosing a current level reveals the readiness verdict and its trajectory."""
    page.get_by_label("Current level of care").select_option(
        label="2.5 Partial hospitalization (PHP)"
    )
    expect(page.locator(".carenav-readiness")).to_contain_text("Review needed")


def _continuum_extras(page: Page) -> None:
    """The client-stories tab has been opened by then; it must show a story."""
    expect(page.locator(".carenav-app")).to_contain_text("Client stories")


def _navigator_extras(page: Page) -> None:
    """Typing the plan in reveals its form (each step's sections were opened tab by tab)."""
    page.locator(".lm-TabBar-tab", has_text="Client and coverage").click()
    page.locator(".carenav-case-plan select").select_option(label="Enter the plan's terms by hand…")
    _settle(page)
    expect(page.locator(".carenav-app")).to_contain_text("Plan year starts on")


APPS: dict[str, tuple[int, Callable[[Page], None]]] = {
    "navigator": (5, _navigator_extras),
    # app: (fewest headers it must have, what else must be revealed)
    "program_finder": (5, _finder_extras),
    "cost_estimator": (8, _cost_extras),
    "readiness_check": (0, _readiness_extras),
    "care_continuum": (3, _continuum_extras),
}


@pytest.mark.parametrize("app", list(APPS))
def test_every_section_and_tab_of_the_app_draws_without_a_widget_error(
    page: Page, server: VoilaServer, app: str
) -> None:
    errors = page_errors(page)
    open_app(page, server, app)
    _settle(page)
    fewest, extras = APPS[app]
    assert _open_every_header(page) >= fewest, "the app lost a section or tab"
    extras(page)
    _settle(page)
    expect(page.locator(PLACEHOLDER)).to_have_count(0)  # every hidden panel was built

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"every-panel-{app}.png"), full_page=True)
    assert page.locator(RENDER_FAILED).count() == 0, (
        f"{page.locator(RENDER_FAILED).count()} widget(s) could not be drawn"
    )
    expect(page.locator(".carenav-app")).not_to_contain_text("Click to show javascript error")
    assert not errors, f"console errors: {errors}"
