"""A preheated kernel builds its app before a page asks, and shows it if it is still current.

carenav's Voila configuration keeps one started kernel per app waiting (Voila's
`preheat_kernel`): such a kernel has run the app notebook's imports before any navigator
opens the page. It also builds the app: each app notebook has two cells between its
imports and its `launch`. `build_ahead(App)` builds it in a pooled kernel, under a `stamp`
of today's date and every data file's size and modification time; `wait_for_page(App)`
waits until Voila hands the kernel to a page request. A kernel may wait for hours, and an
analyst may change a file meanwhile: if the stamp is still the same when the page asks,
`launch` shows the app built ahead (`take_prebuilt`); if not, it is closed and `launch`
builds it anew, for the price a page without the pool pays.

Only the wait cell is tagged `carenav-waits-for-page`, and `cell_timeout` (Voila's executor
`timeout_func`, set by carenav's Voila configuration) gives it alone no time limit: the
limit on a cell (60 s) is for a build that hangs, ahead or not, not for a kernel waiting for
its navigator.

Voila sends that moment over its request-info socket (`voila/query/<kernel id>`, what
`voila.utils.wait_for_request` reads); a request sent before the kernel connected arrives
at once. That helper is not called: importing `voila` in a kernel loads Jupyter Server,
1.5-2.4 s and about 47 MB a kernel, where this client of the same socket costs 25 ms.
Outside a preheated kernel (no Voila, a notebook, a test, a kernel Voila started for a
page) both cells return at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
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
# Apps built ahead, with the stamp they were built under, until their kernel's page asks.
_AHEAD: dict[Callable[[], Any], tuple[Any, Stamp]] = {}
# Apps still current when their page asked, for `launch` to show once.
_BUILT: dict[Callable[[], Any], Any] = {}


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


def build_ahead(factory: Callable[[], Any]) -> None:
    """The cell before the wait: in a pooled kernel, build the app before any page asks.

    It runs under Voila's limit on a cell, as `launch` does: a build that hangs ends in
    carenav's "took too long" page, not in a page that never opens. A build that fails is
    not reported here: the page's own build meets the failure again and says so.
    """
    if request_socket_url(os.environ) is None:
        return
    import ipywidgets as widgets

    from carenav.ui.sharing import sharing

    built_under = stamp()
    try:
        with sharing():
            app = factory()
    except Exception:  # the real build meets it again and reports it in its own words
        widgets.Widget.close_all()
        return
    _AHEAD[factory] = (app, built_under)


def take_prebuilt(factory: Callable[[], Any]) -> Any | None:
    """The app `factory` built while this kernel waited, once, or None (build it now)."""
    return _BUILT.pop(factory, None)


def wait_for_page(factory: Callable[[], Any]) -> None:
    """The wait cell of an app notebook: in a pooled kernel, wait until a page asks for it.

    Then the app built ahead is kept for `launch` if today's date and the data files are
    as they were when it was built; if not, it is closed and `launch` builds it anew.
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
    _keep_if_current(factory)


def _keep_if_current(factory: Callable[[], Any]) -> None:
    """Move the app built ahead to `launch`, or close it if the date or a data file changed."""
    ahead = _AHEAD.pop(factory, None)
    if ahead is None:
        return
    app, built_under = ahead
    if built_under == stamp():
        _BUILT[factory] = app
    else:
        import ipywidgets as widgets

        widgets.Widget.close_all()


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
