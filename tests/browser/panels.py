"""Reaching every panel of an app in the browser: open each section, choose each tab.

Shared by the render test (no widget may fail to draw) and the accessibility test (axe-core
on every state), so both visit exactly the same panels.
"""

from __future__ import annotations

from collections.abc import Iterator

from playwright.sync_api import Page, expect

from tests.browser.harness import APP_TIMEOUT_MS

HEADERS = ".carenav-app .jupyter-widget-Collapse-header, .carenav-app .lm-TabBar-tab"
# A panel built when first opened shows a placeholder with this class until it is built.
PLACEHOLDER = ".carenav-lazy"


def settle(page: Page) -> None:
    """Wait until the open panels are built and the number of widgets stops changing."""
    expect(page.locator(f"{PLACEHOLDER} >> visible=true")).to_have_count(0, timeout=APP_TIMEOUT_MS)
    page.wait_for_function(
        """() => {
            const n = document.querySelectorAll('.carenav-app .jupyter-widgets').length;
            const same = window.__carenavCount === n;
            window.__carenavCount = n;
            return same;
        }""",
        polling=400,
        timeout=APP_TIMEOUT_MS,
    )


def each_panel(page: Page) -> Iterator[str]:
    """Click every section header and tab once, including those that opening others reveals.

    Yields the name of each header or tab just opened, after its panel has settled.
    """
    clicked: set[int] = set()
    while True:
        headers = page.locator(HEADERS)
        # A header inside a tab not chosen is hidden: apps with sections inside tabs (the
        # navigator) open those in their extras, tab by tab.
        fresh = [
            i for i in range(headers.count()) if i not in clicked and headers.nth(i).is_visible()
        ]
        if not fresh:
            return
        for index in fresh:
            header = headers.nth(index)
            if not header.is_visible():  # its tab was left by the click before
                continue
            name = header.inner_text().strip()
            header.click()
            clicked.add(index)
            settle(page)
            yield name
