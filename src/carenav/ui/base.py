"""The shell every carenav app shares: title, crisis line, status, decision-support notice, guarded callbacks."""

from __future__ import annotations

import functools
import html
import logging
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar, cast

import ipywidgets as widgets

from carenav import notices
from carenav.errors import CarenavError, InputError
from carenav.ui.html import escape
from carenav.ui.preheat import show_until_asked
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
# Results computed from a field that is now wrong: dimmed and labelled "Out of date" (CSS).
STALE_CLASS = "carenav-stale"
# A field's message as forms.note_html writes it (and a form-wide one, "where: message").
_ALERT = re.compile(r'<span role="alert">(.*?)</span>', re.S)


def _log_failure(exc: BaseException) -> None:
    """Log where a callback failed, without the exception's text: it may hold what a client typed."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames)
    )
    log.error("carenav callback failed: %s at %s", type(exc).__name__, where)


class AppFrame(widgets.VBox):  # type: ignore[misc]
    """An app's outermost box, named by its title where a notebook prints it.

    A widget's plain-text form (what a notebook shows beside the drawn widget, and what
    Voila sends with every displayed app) is otherwise the repr of the whole tree: every
    child and every value, 9,000 to 19,000 characters that took 1 to 7 ms to build on
    each page request, only to be cut to 110.
    """

    def __init__(self, title: str, children: list[widgets.Widget]) -> None:
        super().__init__(children)
        self._title = title

    def __repr__(self) -> str:
        return f"<carenav app: {self._title}>"


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
        self.widget = AppFrame(
            title,
            [
                self._header,
                widgets.HTML(CRISIS_LINE),
                self._body,
                self.status,
                widgets.HTML(DECISION_SUPPORT),
            ],
        )
        self.widget.add_class("carenav-app")
        self._dependent_results: list[tuple[widgets.Box, widgets.HTML]] = []
        self._refused: InputError | None = None  # what the last callback refused, if anything
        self._stale_fields: dict[str, str] = {}
        self._guard_depth = 0  # guarded callbacks running (one may set a value that calls another)

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
        """Wrap a widget callback: carenav errors show as their message, anything else as a plain apology.

        After the outermost callback, results that depend on the inputs are marked out of
        date while any field is wrong (`check_inputs`), so no app can leave a stale answer up.
        """

        @functools.wraps(callback)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
            self._guard_depth += 1
            if self._guard_depth == 1:
                self._refused = None
            try:
                with sharing():  # widgets a callback builds share their looks too
                    return callback(*args, **kwargs)
            except InputError as exc:
                self._refused = exc
                self.say_error(str(exc))
            except CarenavError as exc:
                self.say_error(str(exc))
            except (KeyboardInterrupt, SystemExit):
                raise
            # BaseException: a library's Rust panic (pyo3's PanicException) is not an
            # Exception, and one that escapes leaves the kernel busy and the page frozen.
            except BaseException as exc:
                _log_failure(exc)
                self.say_error(UNEXPECTED)
            finally:
                self._guard_depth -= 1
                if self._guard_depth == 0:
                    self._check_inputs_safely()
            return None

        return guarded

    # -- results out of date while a field is wrong ------------------------------------------

    def depends_on_inputs(self, *boxes: widgets.Box) -> None:
        """Declare the app's results (replacing any declared before): while a field is wrong they are marked out of date.

        Each box gets a line at its top that says "Out of date — fix <field>" when it is.
        """
        self._dependent_results = []
        for box in boxes:
            note = widgets.HTML("")
            box.children = (note, *box.children)
            self._dependent_results.append((box, note))
        self._stale_fields = {}

    @property
    def dependent_results(self) -> tuple[widgets.Box, ...]:
        """The boxes declared by `depends_on_inputs`."""
        return tuple(box for box, _note in self._dependent_results)

    def invalid_fields(self) -> dict[str, str]:
        """Each field now showing an error, by its visible label, with its message.

        Read from the page itself: every field's error is shown in its `.carenav-field`
        box (forms.note_html), and a refusal raised by the last callback names its field.
        """
        problems: dict[str, str] = {}
        for widget in _descendants(self.widget):
            classes = getattr(widget, "_dom_classes", ())
            if "carenav-field" in classes:
                message = _alert_in(widget)
                if message:
                    problems.setdefault(_label_of(widget), message)
            elif "carenav-field-error" in classes and isinstance(widget, widgets.HTML):
                found = _ALERT.search(widget.value)
                if found:  # a form-wide error: "where: message"
                    where, _, message = _plain(found.group(1)).partition(": ")
                    problems.setdefault(where if message else "form", message or where)
        # A refusal ("a field needs fixing") adds nothing when the field's own box says which.
        if self._refused is not None and not problems:
            refused = self._refused
            expected = f"; expected {refused.expected}" if refused.expected else ""
            problems.setdefault(refused.field, f"{refused.detail}{expected}")
        return problems

    def check_inputs(self) -> None:
        """Mark the dependent results out of date (and say which field to fix), or clear the mark."""
        problems = self.invalid_fields()
        names = " and ".join(f"“{label}”" for label in problems)
        if problems != self._stale_fields:
            self._stale_fields = problems
            for box, note in self._dependent_results:
                if problems:
                    box.add_class(STALE_CLASS)
                    note.value = (
                        f'<p class="carenav-stale-note">Out of date — fix {escape(names)} '
                        "to update these results.</p>"
                    )
                else:
                    box.remove_class(STALE_CLASS)
                    note.value = ""
        if problems:  # every time: the app's own message may have replaced it
            label, message = next(iter(problems.items()))
            self.say_error(
                f"{label}: {message.rstrip('.')}. Fix {names} to update the results; "
                "until then they are out of date."
            )

    def _check_inputs_safely(self) -> None:
        try:
            self.check_inputs()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # marking must never turn into a traceback
            _log_failure(exc)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]


def _descendants(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        if isinstance(child, widgets.Widget):
            yield from _descendants(child)


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def _alert_in(box: widgets.Widget) -> str:
    """The error a field's box shows under its input, or '' when it shows none."""
    for child in _descendants(box):
        if isinstance(child, widgets.HTML):
            found = _ALERT.search(child.value)
            if found:
                return _plain(found.group(1))
    return ""


def _label_of(box: widgets.Widget) -> str:
    """The field's visible label: its control's description (a <label for> in the page), or a label line of its own.

    A group of checkboxes has no single <label>: its box starts with an HTML line naming it.
    """
    children = list(getattr(box, "children", ()))
    for child in children:
        description = getattr(child, "description", "")
        if isinstance(description, str) and description and not isinstance(child, widgets.HTML):
            return description
    for child in children:
        is_label = isinstance(child, widgets.HTML) and "carenav-field-error" not in child.value
        if is_label and _plain(child.value):
            return _plain(child.value)
    for child in _descendants(box):
        description = getattr(child, "description", "")
        if isinstance(description, str) and description and not isinstance(child, widgets.HTML):
            return description
    return "the field marked in red"


def on_change(widget: widgets.Widget, handler: Callable[[dict[str, Any]], None]) -> None:
    """Call handler when the widget's value changes (observe on 'value' only)."""
    widget.observe(handler, names="value")


def launch(factory: Callable[[], Any]) -> widgets.Widget:
    """Build an app for a Voila page and return its widget; a failure becomes a plain page.

    In a kernel Voila keeps in its pool, the app is built before any page asks and shown
    in a frame that the notebook's last cell builds anew if the date or a data file
    changes before the page asks (carenav.ui.preheat).
    """
    return cast(widgets.Widget, show_until_asked(factory, lambda: build_page(factory)))


def build_page(factory: Callable[[], Any]) -> widgets.Widget:
    """The app's widget, or a plain page in carenav's words if it cannot be built.

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
