"""Which requests may start a kernel: this computer's pages only, and not more kernels than memory allows.

Voila answers any `Host` and starts a kernel for every `GET` of a notebook, whoever asks:
a page on another site could start kernels on a navigator's machine (each holds a few
hundred MB until culled), and a DNS-rebinding page (`Host: evil.example:8866`) could read
the apps. carenav's Voila configuration (voila_guard/voila.py, read after voila_config/) therefore

- turns Jupyter Server's Host check back on (`allow_remote_access: false`): a request whose
  Host is not a loopback address, `localhost` or a name given with `carenav serve
  --allow-host` is refused (403) by every handler, pages, kernel API and websocket alike;
- checks each app page request before Voila gives it a kernel, a new one or one waiting
  in the preheated pool: a request sent by another site's page (a foreign `Origin`, or
  `Sec-Fetch-Site: cross-site` for anything but a top-level navigation, so following a
  link still works) is refused (403), and once `max_kernels` pages hold a kernel a new
  page gets "busy, try again in a minute" (503).

The page check runs where Jupyter Server identifies the user (`GuardedIdentityProvider`,
called by every handler's `prepare`), not in Voila's `prelaunch_hook`: Voila refuses
that hook with preheated kernels, and a pooled kernel is handed out without calling it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jupyter_server.auth.identity import PasswordIdentityProvider
from tornado.web import HTTPError
from voila.handler import VoilaHandler

from carenav.ui.preheat import cell_timeout

ALLOWED_HOSTS_ENV = "CARENAV_ALLOWED_HOSTS"
MAX_KERNELS_ENV = "CARENAV_MAX_KERNELS"
# What one app kernel may hold (the directory issue bounds a kernel at 300 MB); the
# default cap spends at most half of this computer's memory on kernels.
KERNEL_BUDGET_BYTES = 300 * 1024 * 1024
LOCAL_NAMES = ("localhost",)

# For the server log; the page words each status itself (templates/carenav/error.html).
BUSY = "carenav: no kernel started: the cap on live kernels is reached (busy page shown)"
FOREIGN = "carenav: no kernel started: the request came from another site's page"


@dataclass(frozen=True)
class Refusal:
    """Why a request starts no kernel: the HTTP status and the line for the server log."""

    status: int
    message: str


def default_max_kernels() -> int:
    """Half of physical memory at KERNEL_BUDGET_BYTES a kernel; at least 2, at most 64."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 8
    return max(2, min(64, memory // 2 // KERNEL_BUDGET_BYTES))


def max_kernels(environ: Mapping[str, str] | None = None) -> int:
    """The cap on live kernels: $CARENAV_MAX_KERNELS (set by `carenav serve --max-kernels`), else the default."""
    given = (environ if environ is not None else os.environ).get(MAX_KERNELS_ENV, "").strip()
    return (
        int(given)
        if given.isascii() and given.isdigit() and int(given) > 0
        else default_max_kernels()
    )


def allowed_hosts(environ: Mapping[str, str] | None = None) -> list[str]:
    """Host names accepted besides loopback addresses: localhost and $CARENAV_ALLOWED_HOSTS."""
    given = (environ if environ is not None else os.environ).get(ALLOWED_HOSTS_ENV, "")
    extra = [name.strip().lower() for name in given.split(",") if name.strip()]
    return [*LOCAL_NAMES, *extra]


def _same_origin(origin: str, host: str) -> bool:
    parsed = urlsplit(origin)
    return parsed.scheme in {"http", "https"} and parsed.netloc.lower() == host.lower()


def refusal(headers: Mapping[str, str], host: str, live_kernels: int, limit: int) -> Refusal | None:
    """Why this app request must not start a kernel, or None when it may.

    >>> refusal({"Origin": "https://evil.example"}, "127.0.0.1:8866", 0, 4).status
    403
    >>> refusal({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate",
    ...          "Sec-Fetch-Dest": "document"}, "127.0.0.1:8866", 0, 4) is None
    True
    """
    origin = headers.get("Origin")
    if origin is not None and not _same_origin(origin, host):
        return Refusal(403, FOREIGN)
    if headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        navigation = (
            headers.get("Sec-Fetch-Mode", "").lower() == "navigate"
            and headers.get("Sec-Fetch-Dest", "document").lower() == "document"
        )
        if not navigation:
            return Refusal(403, FOREIGN)
    if live_kernels >= limit:
        return Refusal(503, BUSY)
    return None


def pages_holding_kernels(kernel_manager: Any) -> int:
    """Kernels that serve a page: all of Voila's kernels but those waiting in its pool.

    A pooled kernel is known by the finished start-up task that holds it in Voila's
    `_pools` (Voila <0.6 has no public list; its own culler reads the same attribute to
    spare pooled kernels). A kernel whose start-up is still running counts as a page for
    that moment: the cap errs towards "busy", never past its number.
    """
    pooled: set[str] = set()
    for pool in getattr(kernel_manager, "_pools", {}).values():
        for task in pool:
            if task.done() and not task.cancelled() and task.exception() is None:
                pooled.add(task.result()["kernel_id"])
    return len(set(kernel_manager.list_kernel_ids()) - pooled)


def _opens_an_app(handler: Any) -> bool:
    """True for a request that Voila answers with an app page and a kernel (not a missing app's 404)."""
    if not isinstance(handler, VoilaHandler):
        return False
    path = handler.notebook_path or (handler.path_args[0] if handler.path_args else "")
    return bool(path) and bool(handler.contents_manager.file_exists(path))


class GuardedIdentityProvider(PasswordIdentityProvider):
    """Voila's identity provider, refusing (403 or 503, carenav's error page) an app page request that must get no kernel."""

    def get_user(self, handler: Any) -> Any:
        if _opens_an_app(handler):
            request = handler.request
            live = pages_holding_kernels(handler.kernel_manager)
            found = refusal(request.headers, request.host, live, max_kernels())
            if found is not None:
                # As Jupyter Server's own Host check does: the error page is then drawn
                # for nobody in particular. The log line says why, with no header values
                # (they may name a client's page).
                handler.current_user = handler._jupyter_current_user = None
                raise HTTPError(found.status, found.message)
        return super().get_user(handler)


def configure(config: Any, voila_json: Path) -> None:
    """Add the guard to a Voila traitlets config: the Host check, allowed names, the page check.

    voila_json's tornado_settings (headers, XSRF) are kept: this file's settings replace
    that whole dictionary, so they are read from there and extended, not restated.
    """
    base = json.loads(voila_json.read_text(encoding="utf-8")).get("Voila", {})
    config.Voila.tornado_settings = {
        **base.get("tornado_settings", {}),
        "allow_remote_access": False,
        "local_hostnames": allowed_hosts(),
    }
    config.Voila.identity_provider_class = GuardedIdentityProvider
    # A preheated kernel waits for its page in a cell with no time limit (carenav.ui.preheat).
    config.VoilaExecutor.timeout_func = cell_timeout
