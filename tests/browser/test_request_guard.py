"""Only this computer's pages reach the server, kernels are capped, and every failure page is carenav's.

Each check counts Voila's kernels (its child processes) before and after: a refused
request must start none.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import APP_TIMEOUT_MS, VoilaServer, running_server
from tests.browser.test_offline_and_security import _children


@pytest.fixture(scope="module")
def capped_server() -> Iterator[VoilaServer]:
    with running_server(args=["--max-kernels", "1", "--allow-host", "carenav.example.org"]) as s:
        yield s


def _get(server: VoilaServer, path: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(server.url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


APP = "voila/render/care_continuum.ipynb"
FOREIGN = [
    pytest.param({"Host": "evil.example"}, id="dns-rebinding-host"),
    pytest.param({"Host": "evil.example:8866"}, id="dns-rebinding-host-and-port"),
    pytest.param({"Origin": "https://evil.example"}, id="foreign-origin"),
    pytest.param({"Origin": "null"}, id="opaque-origin"),
    pytest.param(
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "iframe"},
        id="embedded-by-another-site",
    ),
    pytest.param(
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"},
        id="fetched-by-another-site",
    ),
]


@pytest.mark.parametrize("headers", FOREIGN)
def test_another_sites_request_starts_no_kernel_and_gets_carenavs_page(
    capped_server: VoilaServer, headers: dict[str, str]
) -> None:
    before = _children(capped_server.process.pid)
    handed_out = capped_server.pooled_kernels_handed_out()
    status, body = _get(capped_server, APP, headers)
    assert status == 403
    assert "This page was not opened" in body and "988" in body
    assert _children(capped_server.process.pid) == before, "a kernel was started"
    assert capped_server.pooled_kernels_handed_out() == handed_out, "a pooled kernel was given out"


@pytest.mark.parametrize("path", ["", "api/kernels/0b4f7c2e-6a1d-4d9e-9f43-2b1d3c4e5f60"])
def test_a_foreign_host_reaches_neither_the_landing_page_nor_the_kernel_api(
    capped_server: VoilaServer, path: str
) -> None:
    status, _ = _get(capped_server, path, {"Host": "evil.example"})
    assert status == 403


def test_a_link_from_another_site_opens_the_app_and_past_the_cap_the_page_says_busy(
    capped_server: VoilaServer,
) -> None:
    assert capped_server.pooled_kernels_handed_out() == 0
    link = {
        "Sec-Fetch-Site": "cross-site",
        "Sec-Fetch-Mode": "navigate",
        "Sec-Fetch-Dest": "document",
    }
    status, body = _get(capped_server, APP, {**link, "Host": "carenav.example.org"})
    assert status == 200 and "carenav" in body
    assert capped_server.pooled_kernels_handed_out() == 1
    # The page took the app's waiting kernel; once Voila has started the next one, the
    # page is the only kernel that counts against --max-kernels 1.
    capped_server.wait_for_pools(refills=1)
    started = _children(capped_server.process.pid)
    status, body = _get(capped_server, APP, {})
    assert status == 503
    assert "carenav is busy" in body and "try again in a minute" in body and "988" in body
    assert _children(capped_server.process.pid) == started, "a kernel was started"
    assert capped_server.pooled_kernels_handed_out() == 1, "a pooled kernel was given out"
    assert "the cap on live kernels is reached" in capped_server.log()


def test_a_missing_app_gets_carenavs_page_with_what_to_do(capped_server: VoilaServer) -> None:
    status, body = _get(capped_server, "voila/render/no_such_app.ipynb", {})
    assert status == 404
    assert "There is no app at this address" in body and "988" in body


# The app takes longer to build than the 1-second cell limit of the test's config.
SLOW = """
import time
from carenav.ui.care_continuum import CareContinuumApp

_build = CareContinuumApp.__init__

def _slow(self, *args, **kwargs):
    time.sleep(5)
    _build(self, *args, **kwargs)

CareContinuumApp.__init__ = _slow
"""


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    config = tmp_path_factory.mktemp("config")
    (config / "voila.json").write_text(json.dumps({"VoilaExecutor": {"timeout": 1}}))
    ipython_dir = tmp_path_factory.mktemp("ipython")
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-slow.py").write_text(SLOW, encoding="utf-8")
    with running_server({"IPYTHONDIR": str(ipython_dir)}, args=["--config", str(config)]) as s:
        yield s


def test_an_app_that_times_out_shows_carenavs_words_what_to_do_and_988(
    page: Page, slow_server: VoilaServer
) -> None:
    page.goto(slow_server.app_url("care_continuum"), wait_until="domcontentloaded")
    failure = page.locator(".carenav-failure")
    failure.wait_for(state="visible", timeout=APP_TIMEOUT_MS)
    expect(failure).to_contain_text("It took too long to start")
    expect(failure).to_contain_text("reload this page in a minute")
    expect(failure).to_contain_text("Call or text 988")
    body = page.locator("body").inner_text()
    assert "interrupt_on_timeout" not in body and "Voil" not in body
    assert "TimeoutError" not in body


def test_stopping_and_starting_on_the_same_port_works_at_once() -> None:
    with running_server() as first:
        port = first.port
        _get(first, "", {})  # a connection the stopped server leaves in TIME-WAIT
    with running_server(port=port) as second:
        status, body = _get(second, "", {})
        assert status == 200 and "988" in body
