"""Checks a kernel need not repeat: a file whose exact content passed one is remembered.

Some checks of a data file are slow and depend only on its bytes, the files it is checked
against and carenav's version: the search for contradictory placement rules tries every
combination of ratings and takes longer than the rest of the readiness check's start-up.
`carenav validate` and the first page to read a file run the check; after it passes, an
empty marker named by the SHA-256 of all those inputs is left in the cache folder
(carenav.catalog.cache_home), and a later read of the same bytes skips the search. A file
that fails is never marked, so its problems are found again on every read; a changed file,
another levels file or another carenav version has another key. A marker that cannot be
written only costs the check again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from carenav.catalog.cache_home import cache_dir, content_key

MARKERS = "checked"


def check_key(check: str, files: Iterable[Path]) -> str:
    """The key of one check over these files' names and bytes, with carenav's version."""
    return content_key(f"check {check}", files)


def _marker(key: str) -> Path:
    return cache_dir() / MARKERS / key


def passed_before(key: str) -> bool:
    """True when the check with this key passed on an earlier read."""
    return _marker(key).is_file()


def remember_passed(key: str) -> None:
    """Record that the check with this key passed (silently skipped when it cannot be)."""
    marker = _marker(key)
    with contextlib.suppress(OSError):
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
