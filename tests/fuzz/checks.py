"""The invariant every fuzz test holds: a correct answer, or one clear message that changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from carenav import catalog
from carenav.errors import DataError

# What leaks when an error escapes unexplained: a traceback, pydantic's own words and links,
# a regular expression from a model's pattern, a Python exception's name.
LEAKS = (
    "Traceback",
    'File "',
    "errors.pydantic.dev",
    "validation error for",
    "\\d",
    "^[",
    "]$",
    "(?",
    "Error(",
    "ValueError",
    "TypeError",
    "KeyError",
    "OverflowError",
    "AttributeError",
)


def assert_in_words(text: str, *given: Any) -> None:
    """`text` reads as carenav's words: nothing of the above, unless the input itself held it."""
    typed = " ".join(str(g) for g in given)
    for leak in LEAKS:
        assert leak not in text or leak in typed, f"{leak!r} in the message:\n{text}"


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its path and the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_closed_vocabularies(loaded: catalog.Catalog) -> None:
    """A catalog that loaded names only levels and plans its own data defines."""
    codes = set(loaded.continuum.codes())
    for plan in loaded.payers.values():
        for limit in getattr(plan, "limits", []):
            assert limit.level in codes, (plan.id, limit.level)
        for level in getattr(plan, "prior_authorization", []):
            assert level in codes, (plan.id, level)
    if loaded.program_directory is not None:
        for program in loaded.programs.programs:
            assert set(program.levels) <= codes, (program.id, program.levels)
    for case in loaded.cost_cases:
        assert case.plan in loaded.payers, (case.id, case.plan)


def load_or_explain(root: Path, sections: set[str], *given: Any) -> catalog.Catalog | None:
    """The catalog of `root`, checked; or None after checking the DataError names each problem's file."""
    try:
        loaded = catalog.load(root, sections=sections, revalidate=True)
    except DataError as exc:
        assert exc.problems, "a DataError with no problem in it"
        for problem in exc.problems:
            assert problem.file, f"a problem that names no file: {problem}"
            assert problem.message.strip(), f"a problem with no words: {problem!r}"
        assert_in_words(str(exc), *given)
        return None
    assert_closed_vocabularies(loaded)
    return loaded
