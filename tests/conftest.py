"""Fixtures shared by every layer of tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from carenav.catalog import bundled_data_dir

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data/ folder that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target


@pytest.fixture(autouse=True, scope="session")
def _private_directory_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Directory caches the tests build go to a folder of their own, not the user's cache."""
    import os

    from carenav.catalog.cache import CACHE_ENV

    os.environ.setdefault(CACHE_ENV, str(tmp_path_factory.mktemp("carenav-cache")))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session, shared by the browser and hub tests.

    One fixture for both: Playwright's sync API cannot run a second instance while the
    first one's event loop is alive, so each layer must not start its own.
    """
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import CHROMIUM_ARGS, chromium_executable

    executable = chromium_executable()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as exc:  # a clear failure, never a skip
            pytest.fail(
                f"Cannot start Chromium ({executable or 'Playwright default'}): {exc}\n"
                "Install it with `sudo apt-get install -y chromium` or set CARENAV_CHROMIUM.",
                pytrace=False,
            )
        yield launched
        launched.close()
