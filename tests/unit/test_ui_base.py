"""The app shell: failures become plain messages, never tracebacks."""

from __future__ import annotations

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


def test_any_other_failure_in_a_callback_is_a_plain_apology_and_is_logged_without_its_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    shell = AppShell("Test", "intro")

    @shell.guard
    def callback() -> None:
        raise KeyError("client Jane Doe, income 41000")

    callback()
    assert UNEXPECTED in unescape(shell.status.value)
    assert "Jane Doe" not in shell.status.value
    assert "KeyError" in caplog.text
    assert "Jane Doe" not in caplog.text


def test_an_app_that_fails_to_start_still_shows_the_crisis_line_and_a_plain_message() -> None:
    def broken() -> AppShell:
        raise RuntimeError("boom")

    widget = launch(broken)
    text = " ".join(getattr(child, "value", "") for child in widget.children)
    assert "988" in text
    assert UNEXPECTED in unescape(text)
    assert "boom" not in text
    assert READY_CLASS in widget._dom_classes
