"""A preheated kernel shows its app before a page asks, and builds it anew if it went stale.

carenav's Voila configuration keeps one started kernel per app waiting (Voila's
`preheat_kernel`), and Voila runs the notebook in it before any navigator opens the page.
Each app notebook ends with two cells: `launch(App)` builds and shows the app, then
`wait_for_page(App)` waits until Voila hands the kernel to a page request. So when a page
asks, only the rest of the wait cell runs before the page is complete: the page arrives as
fast as a one-widget notebook's (benchmarks/app_load.py, README "App load").

A kernel may wait for hours, and an analyst may change a file meanwhile. In a pooled
kernel `launch` shows the app in a frame of its own, under a `stamp` of today's date and
every data file's size and modification time (`show_until_asked`). When the page asks, the
wait cell compares the stamp: if the date or a file changed, it builds the app anew into
the same frame before the page's front end has read a single widget, so the page shows
today's data, never the stale build.

Only the wait cell is tagged `carenav-waits-for-page`, and `cell_timeout` (Voila's executor
`timeout_func`, set by carenav's Voila configuration) gives it alone no time limit: the
limit on a cell (60 s) is for a build that hangs, not for a kernel waiting for its
navigator. The one build a wait cell may run has that limit of its own (`cell_limit_s`),
and past it the frame shows carenav's words for a failed start.

Voila sends the moment a page asks over its request-info socket (`voila/query/<kernel id>`,
what `voila.utils.wait_for_request` reads); a request sent before the kernel connected
arrives at once. That helper is not called: importing `voila` in a kernel loads Jupyter
Server, 1.5-2.4 s and about 47 MB a kernel, where this client of the same socket costs
25 ms. Outside a preheated kernel (no Voila, a notebook, a test, a kernel Voila started for
a page) `launch` only builds and the wait cell returns at once.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

# The variables Voila sets in a kernel it starts for its pool (voila.utils.ENV_VARIABLE).
PREHEAT = "VOILA_PREHEAT"
KERNEL_ID = "VOILA_KERNEL_ID"
APP_IP = "VOILA_APP_IP"
APP_PORT = "VOILA_APP_PORT"
SERVER_URL = "VOILA_SERVER_URL"
WS_BASE_URL = "VOILA_WS_BASE_URL"
OPEN_TIMEOUT_S = 5
WAIT_TAG = "carenav-waits-for-page"


def cell_timeout(cell: Any) -> int | None:
    """Voila's limit on a cell, in seconds: none for the wait cell, the configured one for the rest.

    Runs in the Voila server (the executor's `timeout_func`).
    """
    if WAIT_TAG in (cell.get("metadata", {}).get("tags") or ()):
        return None
    return configured_timeout()


def configured_timeout() -> int | None:
    """The merged `VoilaExecutor.timeout` (carenav's voila.json, or a deployment's `--config`)."""
    from voila.app import Voila
    from voila.execute import VoilaExecutor

    configured = (
        Voila.instance().config.VoilaExecutor.get("timeout") if Voila.initialized() else None
    )
    limit = configured if isinstance(configured, int) else VoilaExecutor.timeout.default_value
    return limit if isinstance(limit, int) and limit > 0 else None


def request_socket_url(environ: os._Environ[str] | dict[str, str]) -> str | None:
    """The socket a pooled kernel waits on for its page request, or None when not pooled.

    >>> request_socket_url({"VOILA_PREHEAT": "True", "VOILA_KERNEL_ID": "k1",
    ...                     "VOILA_APP_PORT": "8866", "VOILA_SERVER_URL": "/"})
    'ws://127.0.0.1:8866/voila/query/k1'
    >>> request_socket_url({"VOILA_PREHEAT": "False", "VOILA_KERNEL_ID": "k1"}) is None
    True
    """
    kernel_id = environ.get(KERNEL_ID)
    if environ.get(PREHEAT) != "True" or not kernel_id:
        return None
    base = environ.get(WS_BASE_URL) or environ.get(SERVER_URL) or "/"
    host = environ.get(APP_IP) or "127.0.0.1"
    port = environ.get(APP_PORT) or "8866"
    return f"ws://{host}:{port}{base}voila/query/{kernel_id}"


Stamp = tuple[date, tuple[tuple[str, int, int], ...]]


@dataclass
class _Shown:
    """An app shown in a pooled kernel before its page asked: its frame, stamp and widgets."""

    frame: Any
    built_under: Stamp
    made: set[str]
    build: Callable[[], Any]


# Apps a pooled kernel shows before its page asks, until the wait cell has checked them.
_SHOWN: dict[Callable[[], Any], _Shown] = {}


def stamp() -> Stamp:
    """What a built app depends on beyond its code: today's date and the data folder's files."""
    from carenav.catalog import default_data_dir

    files = []
    try:
        for path in sorted(default_data_dir().rglob("*")):
            if path.is_file():
                info = path.stat()
                files.append((str(path), info.st_mtime_ns, info.st_size))
    except OSError:  # a folder that is missing or unreadable: the page's build says so
        files.append(("", -1, -1))
    return date.today(), tuple(files)


def show_until_asked(factory: Callable[[], Any], build: Callable[[], Any]) -> Any:
    """`launch`'s build: in a pooled kernel, in a frame the wait cell refreshes if it went stale.

    Outside a pool this is `build()`. In a pooled kernel the app is built before any page
    asks (under Voila's limit on a cell, as every build is) and shown in a box of its own,
    with a stamp of what it was built from.
    """
    if request_socket_url(os.environ) is None:
        return build()
    import ipywidgets as widgets

    before = set(widgets.Widget.widgets)
    built_under = stamp()
    shown = build()
    made = set(widgets.Widget.widgets) - before
    frame = widgets.VBox([shown])
    _SHOWN[factory] = _Shown(frame, built_under, made, build)
    return frame


def wait_for_page(factory: Callable[[], Any]) -> None:
    """The last cell of an app notebook: in a pooled kernel, wait until a page asks for it.

    Then the app `launch` showed is built anew, in its frame, if today's date or a data
    file is not what it was built from.
    """
    url = request_socket_url(os.environ)
    if url is None:
        return
    # Only a pooled kernel gets here: the import stays off every other kernel's start-up.
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    try:
        with connect(url, open_timeout=OPEN_TIMEOUT_S, max_size=2**20) as socket:
            message = socket.recv()
    except (OSError, WebSocketException):
        # The socket cannot be reached: show the page now. A page that opens a little
        # early beats a page that never opens.
        message = ""
    _take_request(message)
    _refresh_if_changed(factory)


def _refresh_if_changed(factory: Callable[[], Any]) -> None:
    """Build the app shown ahead anew, in its frame, if the date or a data file changed.

    The new build runs under the same limit as a cell (carenav's voila.json): past it, the
    frame shows carenav's words for a failed start instead of a page that never opens.
    """
    shown = _SHOWN.pop(factory, None)
    if shown is None or shown.built_under == stamp():
        return
    import ipywidgets as widgets

    from carenav.ui.sharing import is_shared

    with _time_limit(cell_limit_s()):
        fresh = shown.build()
    shown.frame.children = (fresh,)
    for model_id in shown.made:
        old = widgets.Widget.widgets.get(model_id)
        if old is not None and not is_shared(old):  # a shared look serves the new build too
            old.close()


def cell_limit_s() -> int | None:
    """carenav's limit on a cell (voila.json), for the one build a wait cell may run."""
    from importlib.resources import files

    config = json.loads((files("carenav") / "voila_config" / "voila.json").read_text("utf-8"))
    limit = config.get("VoilaExecutor", {}).get("timeout")
    return limit if isinstance(limit, int) and limit > 0 else None


@contextmanager
def _time_limit(seconds: int | None) -> Iterator[None]:
    """Raise TimeoutError in the code run inside once `seconds` have passed (main thread only)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"the app took more than {seconds} s to build")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _take_request(message: str | bytes) -> None:
    """Put the request's details (its URL, query string) in the environment, as Voila's helper does."""
    try:
        details = json.loads(message)
    except ValueError:
        details = None
    if isinstance(details, dict):
        os.environ.update({str(k): str(v) for k, v in details.items()})
    # The pool is left: later code that asks (a nested launch) must not wait again.
    os.environ[PREHEAT] = "False"
