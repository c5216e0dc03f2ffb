"""A preheated kernel waits for its page's request, then takes on the request's details."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest
from websockets.sync.server import ServerConnection, serve

from carenav.ui import preheat
from carenav.ui.base import launch

POOLED = {"VOILA_PREHEAT": "True", "VOILA_KERNEL_ID": "k-1", "VOILA_SERVER_URL": "/"}


@pytest.fixture
def request_socket() -> Iterator[tuple[int, threading.Event, list[str]]]:
    """A stand-in for Voila's request-info socket that answers once `release` is set."""
    yield from _socket(threading.Event())


@pytest.fixture
def page_already_waiting() -> Iterator[tuple[int, threading.Event, list[str]]]:
    """The socket when the page asked before the kernel connected: it answers at once."""
    released = threading.Event()
    released.set()
    yield from _socket(released)


def _socket(release: threading.Event) -> Iterator[tuple[int, threading.Event, list[str]]]:
    paths: list[str] = []

    def handler(connection: ServerConnection) -> None:
        paths.append(connection.request.path if connection.request else "")
        release.wait(10)
        connection.send(json.dumps({"QUERY_STRING": "plan=example-ppo-2026"}))

    with serve(handler, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server.socket.getsockname()[1], release, paths
        server.shutdown()


def _pooled_kernel(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """The environment Voila gives a kernel it starts for its pool."""
    for name, value in {**POOLED, "VOILA_APP_PORT": str(port)}.items():
        monkeypatch.setenv(name, value)


def test_outside_a_pool_nothing_waits_and_launch_only_builds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    app = _App()
    assert preheat.show_until_asked(_App, lambda: app) is app
    start = time.monotonic()
    preheat.wait_for_page(_App)
    assert time.monotonic() - start < 1


def test_a_pooled_kernel_waits_for_its_page_and_takes_its_details(
    monkeypatch: pytest.MonkeyPatch, request_socket: tuple[int, threading.Event, list[str]]
) -> None:
    port, release, paths = request_socket
    _pooled_kernel(monkeypatch, port)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    done = threading.Event()

    def cell() -> None:
        preheat.wait_for_page(_App)
        done.set()

    threading.Thread(target=cell, daemon=True).start()
    assert not done.wait(0.3), "the kernel should wait until a page asks for it"
    release.set()
    assert done.wait(10)
    assert paths == ["/voila/query/k-1"]
    assert os.environ["QUERY_STRING"] == "plan=example-ppo-2026"
    assert os.environ["VOILA_PREHEAT"] == "False", "a second wait would hang the page"


def _data_folder(monkeypatch: pytest.MonkeyPatch, folder: Path, plan_text: str) -> Path:
    """A data folder of one plan file, the one the kernel reads; returns the file."""
    plan = folder / "plan.yaml"
    plan.write_text(plan_text, encoding="utf-8")
    monkeypatch.setenv("CARENAV_DATA", str(folder))
    return plan


class _App:
    """Stands in for an app class: each build is a new widget, named by its plan.

    `trouble`, when set, runs first: a build that fails or hangs.
    """

    plan = "Example PPO 2026"
    trouble: Callable[[], None] | None = None

    def __init__(self) -> None:
        if _App.trouble is not None:
            _App.trouble()
        self.widget = widgets.HTML(_App.plan)


def _fails() -> None:
    raise ValueError("a plan file that does not parse")


def _hangs() -> None:
    time.sleep(30)


@pytest.mark.parametrize("changed", [False, True], ids=["unchanged", "a data file changed"])
def test_the_app_shown_before_the_page_asked_is_built_anew_if_the_data_changed_meanwhile(
    monkeypatch: pytest.MonkeyPatch,
    request_socket: tuple[int, threading.Event, list[str]],
    tmp_path: Path,
    changed: bool,
) -> None:
    port, release, _ = request_socket
    _pooled_kernel(monkeypatch, port)
    plan = _data_folder(monkeypatch, tmp_path, "name: Example PPO 2026\n")
    monkeypatch.setattr(_App, "plan", "Example PPO 2026")

    frame = launch(_App)
    first = frame.children[0]
    assert first.value == "Example PPO 2026", "a pooled kernel shows its app before any page asks"
    waiting = threading.Thread(target=preheat.wait_for_page, args=(_App,), daemon=True)
    waiting.start()
    if changed:  # an analyst renames the plan while the kernel waits
        plan.write_text("name: Renamed PPO 2026\n", encoding="utf-8")
        monkeypatch.setattr(_App, "plan", "Renamed PPO 2026")
    release.set()
    waiting.join(10)

    shown = frame.children[0]
    if changed:
        assert shown.value == "Renamed PPO 2026", "the page shows today's data"
        assert first.comm is None, "the stale build is closed"
    else:
        assert shown is first, "an app still current is shown as built"


def test_an_app_that_failed_before_the_page_asked_is_tried_again_if_the_data_changed(
    monkeypatch: pytest.MonkeyPatch,
    request_socket: tuple[int, threading.Event, list[str]],
    tmp_path: Path,
) -> None:
    port, release, _ = request_socket
    _pooled_kernel(monkeypatch, port)
    plan = _data_folder(monkeypatch, tmp_path, "name: [unclosed\n")
    monkeypatch.setattr(_App, "trouble", _fails)

    frame = launch(_App)
    assert "This app could not start" in frame.children[0].children[0].value
    waiting = threading.Thread(target=preheat.wait_for_page, args=(_App,), daemon=True)
    waiting.start()
    plan.write_text("name: Example PPO 2026\n", encoding="utf-8")  # the analyst fixes it
    monkeypatch.setattr(_App, "trouble", None)
    release.set()
    waiting.join(10)
    assert frame.children[0].value == "Example PPO 2026"


def test_a_build_again_that_hangs_ends_in_carenavs_words_not_a_page_that_never_opens(
    monkeypatch: pytest.MonkeyPatch,
    page_already_waiting: tuple[int, threading.Event, list[str]],
    tmp_path: Path,
) -> None:
    port, _, _ = page_already_waiting
    _pooled_kernel(monkeypatch, port)
    plan = _data_folder(monkeypatch, tmp_path, "name: Example PPO 2026\n")
    monkeypatch.setattr(preheat, "cell_limit_s", lambda: 1)

    frame = launch(_App)
    plan.write_text("name: Renamed PPO 2026\n", encoding="utf-8")
    monkeypatch.setattr(_App, "trouble", _hangs)
    start = time.monotonic()
    preheat.wait_for_page(_App)  # in the main thread, as in a kernel
    assert time.monotonic() - start < 5
    assert "This app could not start" in frame.children[0].children[0].value


def test_a_build_in_the_wait_cell_has_the_cells_time_limit() -> None:
    assert preheat.cell_limit_s() == 60  # carenav's voila.json
    with pytest.raises(TimeoutError, match="took more than 1 s"), preheat._time_limit(1):
        time.sleep(3)


def test_a_kernel_a_page_already_asked_for_goes_on_at_once(
    monkeypatch: pytest.MonkeyPatch, page_already_waiting: tuple[int, threading.Event, list[str]]
) -> None:
    port, _, paths = page_already_waiting
    _pooled_kernel(monkeypatch, port)
    start = time.monotonic()
    preheat.wait_for_page(_App)
    assert time.monotonic() - start < 1
    assert paths == ["/voila/query/k-1"]
    assert os.environ["VOILA_PREHEAT"] == "False"


def test_an_unreachable_socket_shows_the_page_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from carenav.serving import free_port

    _pooled_kernel(monkeypatch, free_port())
    start = time.monotonic()
    preheat.wait_for_page(_App)
    assert time.monotonic() - start < preheat.OPEN_TIMEOUT_S + 1
    assert os.environ["VOILA_PREHEAT"] == "False", "a second wait would hang the page"


def test_only_the_wait_cell_has_no_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # In the server the limit is voila.json's (the slow-app browser test shows it applies).
    monkeypatch.setattr(preheat, "configured_timeout", lambda: 60)
    wait = nbformat.v4.new_code_cell("wait_for_page(App)", metadata={"tags": [preheat.WAIT_TAG]})
    build = nbformat.v4.new_code_cell("launch(App)")
    assert preheat.cell_timeout(wait) is None
    assert preheat.cell_timeout(build) == 60


def test_every_app_notebook_shows_its_app_under_the_limit_then_waits_in_a_tagged_last_cell() -> (
    None
):
    from carenav.serving import apps_dir

    for path in sorted(apps_dir().glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        sources = [c.source for c in cells]
        assert [s.split("(")[0] for s in sources[1:]] == ["launch", "wait_for_page"]
        tagged = [preheat.WAIT_TAG in c.metadata.get("tags", []) for c in cells]
        assert tagged == [False, False, True], path.name
        assert sources[1].removeprefix("launch") == sources[2].removeprefix("wait_for_page")
