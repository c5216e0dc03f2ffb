"""What a navigator's browser can and cannot do to a carenav server."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from carenav.ui.base import UNEXPECTED
from tests.browser.conftest import open_app
from tests.browser.harness import VoilaServer, running_server

# Sent from the page itself over the app's own kernel websocket.
SEND_FROM_PAGE = """
async ([kernelId, code]) => {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${proto}://${location.host}/api/kernels/${kernelId}/channels?session_id=probe`);
  const received = [];
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  ws.onmessage = (event) => received.push(JSON.parse(event.data));
  const message = (type, content) => ({
    header: {msg_id: crypto.randomUUID(), msg_type: type, username: 'probe', session: 'probe',
             date: new Date().toISOString(), version: '5.3'},
    parent_header: {}, metadata: {}, content: content, channel: 'shell', buffers: []
  });
  ws.send(JSON.stringify(message('execute_request', {code: code, silent: false,
      store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true})));
  ws.send(JSON.stringify(message('kernel_info_request', {})));
  await new Promise((ok) => setTimeout(ok, 4000));
  ws.close();
  return received.map((m) => m.header.msg_type);
}
"""


def test_code_sent_from_the_browser_over_the_kernel_websocket_does_not_run(
    page: Page, server: VoilaServer, tmp_path: Path
) -> None:
    open_app(page, server, "care_continuum")
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page.content())
    assert kernel_id, "the page should name its kernel"
    marker = tmp_path / f"ran-{uuid.uuid4().hex}"
    code = f"open({str(marker)!r}, 'w').write('browser code ran')"

    replies = page.evaluate(SEND_FROM_PAGE, [kernel_id.group(1), code])

    assert "kernel_info_reply" in replies, f"the websocket should be live; got {replies}"
    assert "execute_reply" not in replies
    assert not marker.exists(), "code sent from the browser ran in the kernel"


def test_no_notebook_source_appears_in_the_page(page: Page, server: VoilaServer) -> None:
    open_app(page, server, "care_continuum")
    html = page.content()
    assert "import CareContinuumApp" not in html
    assert "CareContinuumApp()" not in html


def test_notebooks_and_data_files_cannot_be_downloaded(page: Page, server: VoilaServer) -> None:
    for path in ("care_continuum.ipynb", "voila/files/care_continuum.ipynb", "voila.json"):
        response = page.request.get(server.url + path)
        assert response.status in {403, 404}, f"{path} answered {response.status}"


def test_every_page_sends_a_content_security_policy_that_keeps_it_on_this_server(
    page: Page, server: VoilaServer
) -> None:
    response = page.goto(server.url)
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy
    assert "connect-src 'self'" in policy


# Run by each kernel before the app notebook (an IPython startup file): the continuum
# app's level callback fails, so the test sees what a navigator sees when one does. The
# fault lives here, in the test suite; no production module reads a test-only switch.
FAULT = """
from carenav.ui.care_continuum import CareContinuumApp

def _fail(self, *args, **kwargs):
    raise RuntimeError("fault injected")

CareContinuumApp._chosen = _fail
"""


@pytest.fixture(scope="module")
def faulty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    ipython_dir = tmp_path_factory.mktemp("ipython")
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-fault.py").write_text(FAULT, encoding="utf-8")
    with running_server({"IPYTHONDIR": str(ipython_dir)}) as running:
        yield running


def test_a_failure_inside_a_callback_reaches_the_user_as_a_plain_message(
    page: Page, faulty_server: VoilaServer
) -> None:
    open_app(page, faulty_server, "care_continuum")

    page.get_by_role("radio", name="3.5 Residential treatment").check()

    status = page.locator(".carenav-status")
    expect(status).to_contain_text(UNEXPECTED[:40])
    body = page.locator("body").inner_text()
    assert "Traceback" not in body
    assert "RuntimeError" not in body
    assert "fault injected" not in body
    # The operator's log (the server's own stderr) names the failure, without its text.
    assert "carenav callback failed: RuntimeError at" in faulty_server.log()
    assert "fault injected" not in faulty_server.log()
    expect(page.locator(".carenav-level-details")).to_contain_text("2.1 Intensive outpatient")


def _children(pid: int) -> set[int]:
    """Process ids whose parent is pid (Voila's kernels)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(status.parent.name))
    return found


def kernel_of_page(page: Page, server_pid: int) -> int:
    """The process of the kernel this page talks to (a kernel taken from Voila's pool
    was started before the page opened, so the page's kernel is found by its id)."""
    found = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page.content())
    assert found, "the page should name its kernel"
    for pid in _children(server_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if f"kernel-{found.group(1)}.json" in cmdline:
            return pid
    raise AssertionError(f"no process under the server runs kernel {found.group(1)}")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_stopping_the_server_ends_every_kernel_so_client_details_leave_memory(page: Page) -> None:
    with running_server() as own:
        open_app(page, own, "care_continuum")
        kernels = _children(own.process.pid)  # the page's and those waiting in the pool
        assert kernel_of_page(page, own.process.pid) in kernels
    deadline = time.monotonic() + 20
    while any(_alive(k) for k in kernels) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not [k for k in kernels if _alive(k)], "kernels outlived the server"


def test_leaving_an_app_page_ends_its_kernel(page: Page, server: VoilaServer) -> None:
    open_app(page, server, "care_continuum")
    mine = kernel_of_page(page, server.process.pid)

    page.goto("about:blank")

    deadline = time.monotonic() + 20
    while _alive(mine) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not _alive(mine), "the kernel stayed after the navigator left the page"
