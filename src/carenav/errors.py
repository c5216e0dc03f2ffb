"""carenav's one family of errors: every message is a sentence a navigator can act on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


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
        # Control characters shown as escapes: a message stays one line whatever was typed.
        safe = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in given)
        super().__init__(f"There is no {kind} with the id '{safe}'. Known ids: {shown}{more}.")


# --- pydantic's errors in carenav's words -------------------------------------------------
#
# Every place that turns a pydantic ValidationError into something a person reads (a data
# file problem, a form field's message, a command-line line) goes through `explain`, so a
# given mistake reads the same everywhere and no message ever shows a regular expression.

# What a field's pattern means, in words. A pattern not listed here still never reaches a
# user: it reads "is not in the expected form".
_PATTERNS: dict[str, tuple[str, str]] = {
    r"^[0-9]{5}$": ("is not a five-digit ZIP code", "five digits such as 97205"),
    r"^[A-Z]{2}$": ("is not a state code", "two capital letters such as NY"),
    r"^\d(\.\d)?$": ("is not a level code", "an ASAM level such as 2.1 (IOP) or 2.5 (PHP)"),
    r"^[a-z0-9][a-z0-9._-]*$": (
        "is not an id",
        "lowercase letters, digits and dashes, such as example-ppo-2026",
    ),
    r"^\d{3}-\d{3}-\d{4}$": ("is not a phone number", "a number written as 503-555-0123"),
    r"^https?://\S+$": ("is not a web address", "an address starting with https://"),
    r"^1:\d{1,3}$": ("is not a staff ratio", "staff to clients written as 1:6"),
}

_EXPECTED: dict[str, str] = {
    "missing": "a value",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing_size": "a whole number of sensible size",
    "float_parsing": "a number",
    "float_type": "a number",
    "finite_number": "a number",
    "decimal_parsing": "an amount such as 1500 or 12.50",
    "decimal_type": "an amount such as 1500 or 12.50",
    "decimal_finite_number": "an amount such as 1500 or 12.50",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "set_type": "a list",
    "frozen_set_type": "a list",
    "dict_type": "a mapping of field: value",
    "model_type": "a mapping of field: value",
    "model_attributes_type": "a mapping of field: value",
    "date_from_datetime_parsing": "a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "a date as YYYY-MM-DD",
    "date_parsing": "a date as YYYY-MM-DD",
    "date_type": "a date as YYYY-MM-DD",
}

_NUMBER_KINDS = ("int_", "float_", "decimal_parsing", "decimal_type", "finite_number")


@dataclass(frozen=True)
class Explained:
    """One pydantic error in words: where (the location), what was wrong and what was expected."""

    loc: tuple[int | str, ...]
    kind: str
    message: str
    expected: str | None
    # The value was left empty (None): a form asks for it instead of describing it.
    empty: bool = False

    def sentence(self) -> str:
        """The problem as a sentence for the person at the keyboard, beside a form field."""
        if self.kind == "missing" or (self.empty and self.kind.endswith("_type")):
            return "Please fill this in."
        if self.kind.startswith(_NUMBER_KINDS) and self.kind not in {"int_from_float"}:
            return "Must be a number, like 1500 or 12.50."
        if self.kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
            return f"Must be {self.expected}."
        # A model's own message may end its sentence already ("Tick at least one day ...").
        text = (self.message[:1].upper() + self.message[1:]).rstrip(".")
        return f"{text}; expected {self.expected}." if self.expected else f"{text}."


def field_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a readable field path: ('tiers', 0, 'deductible') -> 'tiers[0].deductible'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _number(value: object) -> str:
    """A bound as people write it: 0.5, 104, 1,000,000."""
    if isinstance(value, float):
        return f"{value:,g}" if abs(value) >= 10_000 else f"{value:g}"
    if isinstance(value, int | Decimal) and not -10_000 < value < 10_000:
        return f"{value:,}"
    return str(value)


def _words(kind: str, msg: str, ctx: dict[str, Any], given: object) -> tuple[str, str | None]:
    """(what was wrong, what was expected) for one error kind."""
    if kind == "missing":
        return "is missing", "a value"
    if kind == "extra_forbidden":
        return "is not a known field", None
    if kind == "greater_than_equal":
        return f"is below {_number(ctx['ge'])}", f"{_number(ctx['ge'])} or more"
    if kind == "greater_than":
        return f"is not more than {_number(ctx['gt'])}", f"more than {_number(ctx['gt'])}"
    if kind == "less_than_equal":
        return f"is above {_number(ctx['le'])}", f"{_number(ctx['le'])} or less"
    if kind == "less_than":
        return f"is not less than {_number(ctx['lt'])}", f"less than {_number(ctx['lt'])}"
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(str(ctx.get("pattern")), ("is not in the expected form", None))
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return "is empty" if ctx.get("actual_length") == 0 else "is too short", (
            "at least one" if least == 1 else f"at least {least}"
        )
    if kind == "too_long":
        return "has too many entries", f"at most {ctx.get('max_length')}"
    if kind == "string_too_short":
        return "is too short", f"at least {ctx.get('min_length')} characters"
    if kind == "string_too_long":
        return "is too long", f"at most {ctx.get('max_length')} characters"
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        return "has too many digits", "an amount under 10 billion with at most 2 decimal places"
    if kind == "decimal_max_places":
        return "has too many decimal places", f"at most {ctx.get('decimal_places')}"
    if kind in {"date_from_datetime_parsing", "date_parsing"} and isinstance(given, str):
        return "is not a real date", "a date as YYYY-MM-DD"
    if kind.endswith("_type") and given is None:
        return "is empty", _EXPECTED.get(kind)
    if kind in {"decimal_parsing", "decimal_type"}:
        return "is not an amount", _EXPECTED[kind]
    if kind in {"int_parsing_size"}:
        return "is far too large", _EXPECTED[kind]
    if kind == "unknown_code":
        hint = f" (did you mean {ctx['suggestion']}?)" if ctx.get("suggestion") else ""
        return msg + hint, str(ctx["expected"])
    if kind.startswith("value_error") or kind == "assertion_error":
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, "), None
    return msg, _EXPECTED.get(kind)


def explain(error: Mapping[str, Any]) -> Explained:
    """One entry of `ValidationError.errors()` in carenav's words (never a regular expression)."""
    kind = str(error["type"])
    message, expected = _words(
        kind, str(error["msg"]), dict(error.get("ctx") or {}), error.get("input")
    )
    return Explained(tuple(error["loc"]), kind, message, expected, error.get("input") is None)


def explain_all(exc: ValidationError) -> list[Explained]:
    """Every error of a ValidationError, in words, in pydantic's order."""
    return [explain(error) for error in exc.errors(include_url=False)]


def problems_from_validation(
    exc: ValidationError, file: str, record: str | None, prefix: str = ""
) -> list[Problem]:
    """One Problem per pydantic error in a data file, naming the field and what was expected."""
    found: list[Problem] = []
    for explained in explain_all(exc):
        field = field_path(explained.loc)
        if prefix:
            field = f"{prefix}.{field}" if field else prefix
        found.append(Problem(file, record, field or None, explained.message, explained.expected))
    return found


def input_error(
    exc: ValidationError, name: Callable[[tuple[int | str, ...]], str] | None = None
) -> InputError:
    """The first problem of a validation error as one InputError: a form field or an option.

    `name` turns a location into what the user sees ('--max-miles', 'weight for distance');
    by default the field path with spaces for underscores.
    """
    first = explain_all(exc)[0]
    where = name(first.loc) if name else (field_path(first.loc).replace("_", " ") or "input")
    return InputError(where, first.message, first.expected)
