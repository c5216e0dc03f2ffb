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


# The next header or tab to open: not opened yet and visible, a section before a tab, so
# that every section inside the chosen tab is opened before the next tab is chosen.
NEXT_HEADER = """(selector) => {
    const all = [...document.querySelectorAll(selector)];
    const fresh = all.filter((el) => !el.dataset.carenavVisited && el.getClientRects().length);
    const pick = fresh.find((el) => el.classList.contains('jupyter-widget-Collapse-header'))
        || fresh[0];
    if (!pick) return -1;
    pick.dataset.carenavVisited = '1';
    return all.indexOf(pick);
}"""


def each_panel(page: Page) -> Iterator[str]:
    """Click every section header and tab once, including those that opening others reveals.

    The sections of a tab (the navigator's steps) are opened while that tab is chosen.
    Yields the name of each header or tab just opened, after its panel has settled.
    """
    headers = page.locator(HEADERS)
    while (index := page.evaluate(NEXT_HEADER, HEADERS)) >= 0:
        header = headers.nth(index)
        name = header.inner_text().strip()
        header.click()
        settle(page)
        yield name
