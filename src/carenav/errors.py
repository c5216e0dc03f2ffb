"""carenav's one family of errors: every message is a sentence a navigator can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file or an input: where it is, what is wrong, what was expected.

    >>> str(Problem("payers/ppo.yaml", "example-ppo", "deductible", "is -5", "0 or more"))
    'payers/ppo.yaml, record example-ppo, field deductible: is -5; expected 0 or more'
    """

    file: str
    record: str | None
    field: str | None
    message: str
    expected: str | None = None

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.record:
            where.append(f"record {self.record}")
        if self.field:
            where.append(f"field {self.field}")
        text = f"{', '.join(where)}: {self.message}" if where else self.message
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class CarenavError(Exception):
    """Base of every error carenav raises on purpose; its text is safe to show a user."""


class DataError(CarenavError):
    """A data folder or file could not be loaded. Lists every problem found; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"The data could not be loaded ({head} found; nothing was loaded):\n{lines}"
        )


class InputError(CarenavError):
    """A value typed into an app or given on the command line is not acceptable."""

    def __init__(self, field: str, message: str, expected: str | None = None) -> None:
        self.field = field
        self.expected = expected
        self.detail = message
        text = f"{field}: {message}"
        if expected:
            text += f"; expected {expected}"
        super().__init__(text)


class UnknownIdError(CarenavError):
    """An id (plan, program, level, rule set) that the catalog does not hold."""

    def __init__(self, kind: str, given: str, known: list[str]) -> None:
        self.kind = kind
        self.given = given
        shown = ", ".join(sorted(known)[:12])
        more = "" if len(known) <= 12 else f" and {len(known) - 12} more"
        super().__init__(f"There is no {kind} with the id '{given}'. Known ids: {shown}{more}.")
