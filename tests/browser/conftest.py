"""Fixtures for driving the Voila apps in a real headless Chromium through Playwright.

- `server`: one `carenav serve` for the whole session, on a free port, bundled data.
- `page`: a fresh browser page whose every request is recorded; after the test it
  asserts that nothing went to any host but the local server, and saves a screenshot
  to test-artifacts/.
- `open_app(page, server, "care_continuum")`: load an app and wait until it is ready
  (the root widget gets the class `carenav-ready`), never a fixed sleep.

Chromium comes from $CARENAV_CHROMIUM or /usr/bin/chromium (Playwright's own browser
download is not available everywhere). Without a browser these tests fail: they are
part of `make test` and are never skipped in CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.harness import (
    APP_TIMEOUT_MS,
    ARTIFACTS,
    VoilaServer,
    running_server,
)


@pytest.fixture(scope="session")
def server() -> Iterator[VoilaServer]:
    with running_server() as running:
        yield running


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.requested = requested  # type: ignore[attr-defined]
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    outside = [u for u in requested if not _is_local(u)]
    assert not outside, f"the page requested hosts other than the local server: {outside}"


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about"}:
        return True
    return parsed.hostname in {"127.0.0.1", "localhost"}


def page_errors(page: Page) -> list[str]:
    """The console errors and uncaught exceptions the page has from now on (a test asserts none)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


def open_app(page: Page, server: VoilaServer, name: str) -> None:
    """Open an app and wait until its widgets are on screen.

    A page that never shows them fails with what it did show and the server's log since
    it was asked for, so a failure seen once in CI can be told apart afterwards.
    """
    log_start = len(server.log())
    try:
        # Voila runs the notebook before it answers: on a busy machine that outlasts 30 s.
        page.goto(server.app_url(name), wait_until="domcontentloaded", timeout=APP_TIMEOUT_MS)
        page.wait_for_selector(".carenav-ready", state="visible", timeout=APP_TIMEOUT_MS)
    except PlaywrightTimeoutError as exc:
        raise AssertionError(describe_stuck_page(page, server, log_start)) from exc


STUCK_PAGE_STATE = """() => ({
    loading: (document.getElementById('loading_text') || {}).innerText || null,
    cells: document.querySelectorAll('#rendered_cells [cell-index]').length,
    finished: document.body ? document.body.innerHTML.includes('voila_finish') : false,
    themeLoaded: window.themeLoaded || false,
    cellLoaded: window.cellLoaded || false,
    ready: document.querySelectorAll('.carenav-ready').length,
    widgets: document.querySelectorAll('.jupyter-widgets').length,
    readyState: document.readyState,
})"""


def describe_stuck_page(page: Page, server: VoilaServer, log_start: int) -> str:
    """What a page that never showed its app had: Voila's spinner, cells, widgets, and the log."""
    try:
        state = page.evaluate(STUCK_PAGE_STATE)
    except PlaywrightError as exc:
        state = f"(the page could not be read: {exc})"
    return (
        f"{page.url} never showed its app.\nPage: {state}\n"
        f"Server log since it was asked for:\n{server.log()[log_start:]}"
    )


@pytest.fixture(name="open_app")
def open_app_fixture() -> object:
    return open_app
