"""Many navigators on one server: JupyterHub logins in front of carenav's standalone Voila.

One hub for the module (deploy/jupyterhub/jupyterhub_config.py on free loopback ports),
two navigators approved by the administrator, each in a Chromium context of their own.
The tests run in file order: the last one logs a navigator out.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.hub.conftest import Navigator, home_files, open_app
from tests.hub.harness import Hub, descendants

pytestmark = pytest.mark.browser
# A kernel on a busy 2-core machine can take a while to answer a change.
EXPECT_MS = 30_000

# Sent from a page over a kernel websocket under `base` (a navigator's /user/NAME/).
SEND_FROM_PAGE = """
async ([base, kernelId, code]) => {
  const ws = new WebSocket(`ws://${location.host}${base}api/kernels/${kernelId}/channels?session_id=probe`);
  const opened = await new Promise((ok) => {
    ws.onopen = () => ok(true); ws.onerror = () => ok(false); ws.onclose = () => ok(false);
  });
  if (!opened) return {opened: false, replies: []};
  const replies = [];
  ws.onmessage = (event) => replies.push(JSON.parse(event.data).header.msg_type);
  const message = (type, content) => ({
    header: {msg_id: crypto.randomUUID(), msg_type: type, username: 'probe', session: 'probe',
             date: new Date().toISOString(), version: '5.3'},
    parent_header: {}, metadata: {}, content: content, channel: 'shell', buffers: []
  });
  if (code) {
    ws.send(JSON.stringify(message('execute_request', {code: code, silent: false,
        store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true})));
  }
  ws.send(JSON.stringify(message('kernel_info_request', {})));
  const deadline = Date.now() + 15000;
  while (!replies.includes('kernel_info_reply') && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 100));
  }
  // The kernel answers in order: an execute_reply would have come before kernel_info_reply.
  await new Promise((ok) => setTimeout(ok, 500));
  ws.close();
  return {opened: true, replies: replies};
}
"""


def _kernel_id(html: str) -> str:
    found = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html)
    assert found, "the app page should name its kernel"
    return found.group(1)


def _processes_of(name: str, hub: Hub) -> set[int]:
    """The hub's processes that run for one navigator (their server, Voila and kernels)."""
    found = set()
    for pid in descendants(hub.process.pid):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"JUPYTERHUB_USER={name}".encode() in environ:
            found.add(pid)
    return found


def test_a_request_without_a_login_gets_the_login_page(hub: Hub, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        for url in (hub.url + "/", hub.app_url("ana", "program_finder")):
            page.goto(url)
            expect(page).to_have_url(re.compile(r"/hub/login"))
            expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        assert "carenav-ready" not in page.content()
    finally:
        context.close()


def test_a_wrong_password_does_not_log_in(hub: Hub, browser: Browser, approved: list[str]) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{hub.url}/hub/login")
        page.get_by_label("Username:").fill("ana")
        page.locator("#password_input").fill("not-anas-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("body")).to_contain_text("Invalid username or password")
        page.goto(hub.app_url("ana", "program_finder"))
        expect(page).to_have_url(re.compile(r"/hub/login"))
    finally:
        context.close()


def test_each_navigator_logs_in_and_opens_the_finder(
    hub: Hub, navigators: dict[str, Navigator]
) -> None:
    for navigator in navigators.values():
        page = navigator.page
        expect(page.get_by_role("link", name=re.compile("Program finder"))).to_be_visible()
        open_app(page, hub, navigator.name, "program_finder")
        expect(page.locator(".jupyter-widgets-error-widget")).to_have_count(0)
        assert "Click to show javascript error" not in page.content()
        expect(page.locator("body")).to_contain_text("988")


def test_a_navigator_cannot_reach_another_navigators_server_or_kernels(
    hub: Hub, navigators: dict[str, Navigator]
) -> None:
    ana, ben = navigators["ana"], navigators["ben"]
    open_app(ben.page, hub, "ben", "program_finder")
    bens_kernel = _kernel_id(ben.page.content())

    for path in ("", "voila/render/program_finder.ipynb", f"api/kernels/{bens_kernel}"):
        response = ana.page.request.get(hub.user_url("ben", path))
        assert response.status in {403, 404}, f"ana reached ben's /{path}: {response.status}"
        assert "carenav-ready" not in response.text()

    open_app(ana.page, hub, "ana", "program_finder")
    probe = ana.page.evaluate(SEND_FROM_PAGE, ["/user/ben/", bens_kernel, ""])
    assert not probe["opened"], f"ana's page opened ben's kernel websocket: {probe}"


def test_code_sent_from_the_browser_runs_nothing_behind_the_hub(
    hub: Hub, navigators: dict[str, Navigator], tmp_path: Path
) -> None:
    ana = navigators["ana"]
    open_app(ana.page, hub, "ana", "program_finder")
    marker = tmp_path / f"ran-{uuid.uuid4().hex}"
    code = f"open({str(marker)!r}, 'w').write('browser code ran')"

    probe = ana.page.evaluate(SEND_FROM_PAGE, ["/user/ana/", _kernel_id(ana.page.content()), code])

    assert probe["opened"], "ana's own kernel websocket should open through the hub"
    assert "kernel_info_reply" in probe["replies"], f"the kernel should answer: {probe}"
    assert "execute_reply" not in probe["replies"]
    assert not marker.exists(), "code sent from the browser ran in the kernel"


def test_the_finder_answers_behind_the_hub_and_writes_nothing_to_the_home(
    hub: Hub, navigators: dict[str, Navigator]
) -> None:
    page = navigators["ana"].page
    open_app(page, hub, "ana", "program_finder")
    count = page.locator(".carenav-result-count")
    substance = page.locator(".carenav-need-needs option", has_text="Substance use — ")
    page.locator(".carenav-need-needs select").select_option(label=substance.inner_text())
    expect(count).to_contain_text("programs fit (of 64 in the directory)", timeout=EXPECT_MS)
    before = count.inner_text()

    php = page.locator(
        ".carenav-need-levels option", has_text="2.5 Partial hospitalization (PHP) — "
    )
    page.locator(".carenav-need-levels select").select_option(label=php.inner_text())

    expect(count).not_to_have_text(before, timeout=EXPECT_MS)
    expect(page.locator(".carenav-results")).to_contain_text(
        "offers 2.5 Partial hospitalization (PHP)", timeout=EXPECT_MS
    )
    assert home_files(hub.home("ana")) == []
    assert home_files(hub.home("ben")) == []


def test_logging_out_ends_access_and_the_navigators_server(
    hub: Hub, navigators: dict[str, Navigator]
) -> None:
    ana = navigators["ana"]
    open_app(ana.page, hub, "ana", "program_finder")
    running = _processes_of("ana", hub)
    assert running, "ana's server should be running"

    ana.page.goto(f"{hub.url}/hub/logout")
    expect(ana.page).to_have_url(re.compile(r"/hub/login"), timeout=EXPECT_MS)

    ana.page.goto(hub.app_url("ana", "program_finder"))
    expect(ana.page).to_have_url(re.compile(r"/hub/login"))
    assert "carenav-ready" not in ana.page.content()
    deadline = time.monotonic() + 60
    while _processes_of("ana", hub) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not _processes_of("ana", hub), "ana's server and kernels outlived her logout"
    assert _processes_of("ben", hub), "ben's server should be untouched by ana's logout"
