"""Fixtures for the hub tests: one JupyterHub for the module, two approved navigators.

The set-up follows docs/deploy.md step by step, in a real Chromium: the administrator
signs up, two navigators sign up, the administrator approves them at /hub/authorize.
Each navigator then has a browser context of their own (their own cookies), logged in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.harness import ARTIFACTS
from tests.hub.harness import ADMIN, Hub, running_hub

# A navigator's first page waits for their server: `carenav serve` checks the data folder
# and starts Voila. On a busy 2-core CI machine that took up to a minute and a half.
SERVER_TIMEOUT_MS = 240_000
APP_TIMEOUT_MS = 180_000
PASSWORDS = {ADMIN: "clinic-admin-7781", "ana": "navigator-ana-5523", "ben": "navigator-ben-9034"}


@dataclass
class Navigator:
    """A navigator with a browser of their own, logged in to the hub."""

    name: str
    context: BrowserContext
    page: Page
    requested: list[str]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    with running_hub(tmp_path_factory.mktemp("hub-state")) as running:
        yield running


@pytest.fixture(scope="module")
def approved(hub: Hub, browser: Browser) -> list[str]:
    """The administrator and two navigators sign up; the administrator approves both."""
    context = browser.new_context()
    page = context.new_page()
    for name in (ADMIN, "ana", "ben"):
        sign_up(page, hub, name, PASSWORDS[name])
    log_in(page, hub, ADMIN, PASSWORDS[ADMIN], then="/hub/authorize")
    for name in ("ana", "ben"):
        row = page.locator("tr", has=page.get_by_text(name, exact=True))
        row.get_by_role("button", name="Authorize").click()
        expect(page.locator("tr", has=page.get_by_text(name, exact=True))).to_contain_text(
            "Unauthorize"
        )
    context.close()
    return ["ana", "ben"]


@pytest.fixture(scope="module")
def navigators(hub: Hub, browser: Browser, approved: list[str]) -> Iterator[dict[str, Navigator]]:
    logged_in: dict[str, Navigator] = {}
    for name in approved:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.set_default_navigation_timeout(APP_TIMEOUT_MS)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda r, into=requested: into.append(r.url))
        log_in(page, hub, name, PASSWORDS[name])
        logged_in[name] = Navigator(name, context, page, requested)
    yield logged_in
    ARTIFACTS.mkdir(exist_ok=True)
    for navigator in logged_in.values():
        if not navigator.page.is_closed():
            navigator.page.screenshot(path=str(ARTIFACTS / f"hub-{navigator.name}.png"))
        navigator.context.close()
        outside = [u for u in navigator.requested if not _is_local(u)]
        assert not outside, f"{navigator.name}'s pages requested other hosts: {outside}"


def sign_up(page: Page, hub: Hub, name: str, password: str) -> None:
    page.goto(f"{hub.url}/hub/signup")
    page.get_by_label("Username:").fill(name)
    page.locator("#password_input").fill(password)
    page.locator("#password_confirmation_input").fill(password)
    page.get_by_role("button", name="Create User").click()
    expect(page.locator("body")).to_contain_text(
        re.compile(r"information has been sent to the admin|signup was successful", re.I)
    )


def log_in(page: Page, hub: Hub, name: str, password: str, then: str | None = None) -> None:
    """Log in on the hub's page; a navigator then lands on their own server (started now)."""
    page.goto(f"{hub.url}/hub/login" + (f"?next={then}" if then else ""))
    page.get_by_label("Username:").fill(name)
    page.locator("#password_input").fill(password)
    page.get_by_role("button", name="Sign in").click()
    landing = re.escape(then) if then else rf"/user/{name}/"
    page.wait_for_url(re.compile(landing), timeout=SERVER_TIMEOUT_MS)


def open_app(page: Page, hub: Hub, name: str, app: str) -> None:
    # Voila runs the notebook before it sends the page: the navigation itself waits.
    page.goto(hub.app_url(name, app), wait_until="domcontentloaded", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".carenav-ready", state="visible", timeout=APP_TIMEOUT_MS)


def home_files(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file()] if home.exists() else []


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"data", "blob", "about"} or parsed.hostname in {"127.0.0.1"}
