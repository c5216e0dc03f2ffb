"""The shell every carenav app shares: title, crisis line, status, decision-support notice, guarded callbacks."""

from __future__ import annotations

import functools
import logging
import sys
import traceback
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

import ipywidgets as widgets

from carenav import notices
from carenav.errors import CarenavError
from carenav.ui.html import escape
from carenav.ui.sharing import sharing

P = ParamSpec("P")
R = TypeVar("R")

log = logging.getLogger("carenav.ui")


class _ServerLog(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the process's own stderr: the terminal or service log that runs `carenav serve`.

    Inside a kernel `sys.stderr` is ipykernel's stream to the browser, so a message logged
    there would reach the page and never the operator; `sys.__stderr__` is the real one.
    """

    @property
    def stream(self) -> object:
        return sys.__stderr__

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


if not any(isinstance(h, _ServerLog) for h in log.handlers):
    _handler = _ServerLog()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    # Never also through the root logger: in a kernel its last resort is the browser's stream.
    log.propagate = False

CRISIS_LINE = (
    f'<div class="carenav-crisis" role="note" aria-label="Crisis help">{notices.CRISIS_HTML}</div>'
)
DECISION_SUPPORT = f'<p class="carenav-notice">{notices.DECISION_SUPPORT_HTML}</p>'
UNEXPECTED = (
    "Something went wrong and nothing was changed. Try again; if it keeps happening, "
    "tell whoever runs carenav here (the details are in the server log)."
)
READY_CLASS = "carenav-ready"


def _log_failure(exc: BaseException) -> None:
    """Log where a callback failed, without the exception's text: it may hold what a client typed."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames)
    )
    log.error("carenav callback failed: %s at %s", type(exc).__name__, where)


class AppShell:
    """A page frame: the app's title and introduction, its body, a status line and the notices.

    Subclasses build their widgets, call `mount(...)` once, and wrap every callback
    with `guard` so an exception becomes a plain message, never a traceback.
    """

    def __init__(self, title: str, intro: str) -> None:
        self.status = widgets.HTML(value="", layout=dict(min_height="1.5em"))
        self.status.add_class("carenav-status")
        self._header = widgets.HTML(f"<h1>{escape(title)}</h1><p>{escape(intro)}</p>")
        self._body = widgets.VBox([])
        self.widget = widgets.VBox(
            [
                self._header,
                widgets.HTML(CRISIS_LINE),
                self._body,
                self.status,
                widgets.HTML(DECISION_SUPPORT),
            ]
        )
        self.widget.add_class("carenav-app")

    def mount(self, *children: widgets.Widget) -> None:
        """Put the app's widgets in the page and mark it ready (browser tests wait for the mark)."""
        self._body.children = tuple(children)
        self.widget.add_class(READY_CLASS)

    def say(self, message: str) -> None:
        """Show a plain message in the status line (announced to screen readers)."""
        self.status.value = f'<div role="status" aria-live="polite">{escape(message)}</div>'

    def say_error(self, message: str) -> None:
        """Show a problem the user can act on."""
        self.status.value = f'<div role="alert" class="carenav-error">{escape(message)}</div>'

    def guard(self, callback: Callable[P, R]) -> Callable[P, R | None]:
        """Wrap a widget callback: carenav errors show as their message, anything else as a plain apology."""

        @functools.wraps(callback)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                with sharing():  # widgets a callback builds share their looks too
                    return callback(*args, **kwargs)
            except CarenavError as exc:
                self.say_error(str(exc))
            except (KeyboardInterrupt, SystemExit):
                raise
            # BaseException: a library's Rust panic (pyo3's PanicException) is not an
            # Exception, and one that escapes leaves the kernel busy and the page frozen.
            except BaseException as exc:
                _log_failure(exc)
                self.say_error(UNEXPECTED)
            return None

        return guarded

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]


def on_change(widget: widgets.Widget, handler: Callable[[dict[str, Any]], None]) -> None:
    """Call handler when the widget's value changes (observe on 'value' only)."""
    widget.observe(handler, names="value")


def launch(factory: Callable[[], Any]) -> widgets.Widget:
    """Build an app for a Voila page and return its widget; a failure becomes a plain page.

    Voila's own error for a failing cell tells the user to restart Voila with debugging
    flags; a navigator needs to know what to do instead, and the crisis line must stay up.
    """
    try:
        with sharing():  # one model per look instead of a layout and a style per widget
            app = factory()
        return cast(widgets.Widget, app.widget)
    except CarenavError as exc:
        shell = AppShell("carenav", "This app could not start.")
        shell.say_error(str(exc))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # never a traceback on a navigator's screen
        _log_failure(exc)
        shell = AppShell("carenav", "This app could not start.")
        shell.say_error(UNEXPECTED)
    shell.mount()
    return shell.widget
