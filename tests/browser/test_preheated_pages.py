"""A page opened from Voila's preheated pool is built for that page: today's data, no stale limit.

carenav's voila.json keeps one started kernel per app waiting (carenav.ui.preheat). What a
navigator sees must not depend on when that kernel started: a file an analyst changed
after the server started shows, and a kernel that waited longer than the cell limit
still opens its app.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from carenav.resources import bundled_data_dir
from tests.browser.conftest import open_app
from tests.browser.harness import VoilaServer, running_server

# The test server's cell limit (carenav ships 60 s). Every cell but the wait runs under it,
# the imports of five kernels starting at once on a loaded 2-core CI machine included: at
# 2 s, CI once timed out the cost estimator's imports and the page never opened.
LIMIT_S = 10


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(bundled_data_dir(), folder)
    return folder


@pytest.fixture(scope="module")
def pooled(tmp_path_factory: pytest.TempPathFactory, data: Path) -> Iterator[VoilaServer]:
    config = tmp_path_factory.mktemp("config")
    (config / "voila.json").write_text(json.dumps({"VoilaExecutor": {"timeout": LIMIT_S}}))
    with running_server(data=data, args=["--config", str(config)]) as server:
        yield server


def test_a_plan_renamed_after_the_server_started_shows_in_the_next_page(
    page: Page, pooled: VoilaServer, data: Path
) -> None:
    plan = data / "payers" / "example-ppo-2026.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "name: Example PPO 2026\n" in text
    plan.write_text(text.replace("name: Example PPO 2026\n", "name: Renamed PPO 2026\n"))

    open_app(page, pooled, "cost_estimator")

    assert pooled.pooled_kernels_handed_out() >= 1, "the page should come from the pool"
    expect(page.locator("option", has_text="Renamed PPO 2026")).to_have_count(1)
    expect(page.locator("option", has_text="Example PPO 2026")).to_have_count(0)


def test_a_kernel_that_waited_past_the_cell_limit_still_opens_its_app(
    page: Page, pooled: VoilaServer
) -> None:
    # The finder's pooled kernel has waited since its imports ran, at most a few seconds
    # after the server started; make sure it has waited longer than the limit on a cell
    # before the page asks for it.
    started = pooled.log_path.stat().st_ctime
    while time.time() - started < 2 * LIMIT_S:
        time.sleep(0.25)
    handed_out = pooled.pooled_kernels_handed_out()

    open_app(page, pooled, "program_finder")

    assert pooled.pooled_kernels_handed_out() == handed_out + 1
    expect(page.locator(".carenav-failure")).to_have_count(0)
    expect(page.get_by_text("Call or text 988").first).to_be_visible()
