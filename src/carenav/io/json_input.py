"""Reading a JSON file someone says is a directory export: refused whole, in one message, if not.

Catches what real downloads turn out to be: an HTML error page saved as .json, a file
cut off mid-way, an empty file, a file far too big to be an export. Nothing is parsed
past the first problem and nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from carenav.errors import DataError, Problem

# The whole national locator (about 23,000 facilities) is about 80 MB as JSON.
MAX_BYTES = 100 * 1024 * 1024


class ImportFileError(DataError):
    """An import file that is not what it claims: one problem naming the file (and record)."""

    def __init__(self, file: str, record: str | None, message: str, expected: str) -> None:
        super().__init__([Problem(file, record, None, message, expected)])


def read_json(path: Path, expected: str, max_bytes: int = MAX_BYTES) -> Any:
    """The parsed JSON of `path`, or ImportFileError saying why it is not `expected`."""
    shown = str(path)
    if not path.is_file():
        raise ImportFileError(shown, None, "there is no such file", expected)
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFileError(
            shown,
            None,
            f"is {size / 1024 / 1024:.0f} MB, more than the {max_bytes / 1024 / 1024:.0f} MB "
            "an export of this kind can be",
            f"{expected} (split a larger export into parts)",
        )
    if size == 0:
        raise ImportFileError(shown, None, "is empty", expected)
    raw = path.read_bytes()
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        raise ImportFileError(
            shown,
            None,
            "is a web page (HTML), not JSON: the download probably failed or needed a login",
            expected,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            shown, None, f"is not UTF-8 text (byte {exc.start} cannot be read)", expected
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
        reason = (
            "ends before its JSON is complete (the file was cut off)"
            if cut
            else f"is not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        )
        raise ImportFileError(shown, None, reason, expected) from None
