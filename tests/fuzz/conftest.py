"""The fuzz suite's report: how many generated inputs ran, and how many gave a traceback."""

from __future__ import annotations

import os

import pytest

from tests.fuzz.profile import MIN_INPUTS_ENV, PROFILE, TALLY


def _total(outcome: str | None = None) -> int:
    return sum(n for (_, kind), n in TALLY.items() if outcome in (None, kind))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY:
        return
    surfaces = sorted({surface for surface, _ in TALLY})
    by_surface = ", ".join(
        f"{surface} {sum(n for (s, _), n in TALLY.items() if s == surface):,}"
        for surface in surfaces
    )
    terminalreporter.write_line(
        f"fuzz ({PROFILE}): {_total():,} generated inputs ({by_surface}); "
        f"answers {_total('answer'):,}, clear messages {_total('message'):,}, "
        f"tracebacks {_total('traceback')}"
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """`make fuzz` asks for a least number of inputs: a run that did fewer fails."""
    wanted = int(os.environ.get(MIN_INPUTS_ENV, "0"))
    if wanted and _total() < wanted:
        print(f"\nfuzz: only {_total():,} generated inputs ran; at least {wanted:,} wanted")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
