"""The app shell: failures become plain messages, never tracebacks."""

from __future__ import annotations

import io
import sys
from html import unescape

import pytest

from carenav.errors import InputError
from carenav.ui.base import READY_CLASS, UNEXPECTED, AppShell, launch


def test_a_carenav_error_in_a_callback_is_shown_as_its_own_message() -> None:
    shell = AppShell("Test", "intro")

    @shell.guard
    def callback() -> None:
        raise InputError("Deductible", "is -5", "0 or more")

    callback()
    assert "Deductible: is -5; expected 0 or more" in unescape(shell.status.value)


@pytest.fixture
def server_log(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """The process's real stderr (what `carenav serve`'s terminal shows), captured."""
    log = io.StringIO()
    monkeypatch.setattr(sys, "__stderr__", log)
    return log


def test_any_other_failure_in_a_callback_is_a_plain_apology_and_is_logged_without_its_text(
    server_log: io.StringIO, capsys: pytest.CaptureFixture[str]
) -> None:
    shell = AppShell("Test", "intro")

    @shell.guard
    def callback() -> None:
        raise KeyError("client Jane Doe, income 41000")

    callback()
    assert UNEXPECTED in unescape(shell.status.value)
    assert "Jane Doe" not in shell.status.value
    assert "carenav callback failed: KeyError at test_ui_base.py:" in server_log.getvalue()
    assert "Jane Doe" not in server_log.getvalue()
    # Inside a kernel sys.stderr is the browser's stream: nothing goes there.
    assert capsys.readouterr().err == ""


class PanicException(BaseException):
    """What a Rust library's panic becomes in Python (pyo3): not an Exception."""


def test_a_library_panic_is_caught_like_any_failure_and_the_next_callback_still_runs(
    server_log: io.StringIO,
) -> None:
    shell = AppShell("Test", "intro")
    calls: list[str] = []

    @shell.guard
    def callback(zip_code: str) -> None:
        if zip_code == "panic":
            raise PanicException("end byte index 5 is not a char boundary")
        calls.append(zip_code)

    callback("panic")
    assert UNEXPECTED in unescape(shell.status.value)
    assert "PanicException" in server_log.getvalue()
    callback("97205")
    assert calls == ["97205"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_a_request_to_stop_is_not_swallowed(stop: type[BaseException]) -> None:
    shell = AppShell("Test", "intro")

    @shell.guard
    def callback() -> None:
        raise stop()

    with pytest.raises(stop):
        callback()


def test_an_app_that_fails_to_start_still_shows_the_crisis_line_and_a_plain_message() -> None:
    def broken() -> AppShell:
        raise RuntimeError("boom")

    widget = launch(broken)
    text = " ".join(getattr(child, "value", "") for child in widget.children)
    assert "988" in text
    assert UNEXPECTED in unescape(text)
    assert "boom" not in text
    assert READY_CLASS in widget._dom_classes
