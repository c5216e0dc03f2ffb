"""Validating the program directory files, data/programs/*.csv, into cells and one DataFrame.

Each CSV file has one program a row and the columns listed in ``COLUMNS`` (the same
list, with examples, is docs/programs-format.md). Lines starting with ``#`` are
comments. A broken row is reported with its file, its line number and its column,
and the whole directory is refused: a navigator never sees a directory with a
program silently missing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from carenav.catalog.frame import empty_table, frame_from_table
from carenav.catalog.program_columns import check_columns
from carenav.catalog.program_rows import (
    _PATHS,
    COLUMNS,
    REQUIRED,
    record_from_row,
    tiers_from_cell,
    validate_rows,
)
from carenav.catalog.reading import display_path
from carenav.errors import Problem

_SLICE = 2_000
__all__ = [
    "COLUMNS",
    "REQUIRED",
    "read_table",
    "record_from_row",
    "tiers_from_cell",
    "validate_directory",
    "validate_rows",
]


def read_table(path: Path, root: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """A directory CSV file as text cells with its line numbers, or None after recording why not."""
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Excel saves "CSV UTF-8" with a BOM
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, None, None, f"cannot be read ({exc})", "a UTF-8 CSV file"))
        return None
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.lstrip().startswith("#")
    ]
    body = [line for _, line in lines if line.strip()]
    numbers = [number for number, line in lines if line.strip()]
    if not body:
        problems.append(
            Problem(shown, None, None, "has no header row", "a header row naming the columns")
        )
        return None
    reader = csv.reader(io.StringIO("\n".join(body)))
    header = [h.strip() for h in next(reader)]
    unknown = [h for h in header if h not in _PATHS]
    missing = [c for c in REQUIRED if c not in header]
    for name in unknown:
        problems.append(
            Problem(
                shown,
                "header",
                name,
                "is not a known column",
                "a column listed in docs/programs-format.md",
            )
        )
    for name in missing:
        problems.append(
            Problem(shown, "header", name, "is missing", "this column in the header row")
        )
    if unknown or missing:
        return None
    cells = list(reader)
    for index, row in enumerate(cells):
        if len(row) != len(header):
            problems.append(
                Problem(
                    shown,
                    f"row {numbers[index + 1]}",
                    None,
                    f"has {len(row)} cells",
                    f"{len(header)}, one per column",
                )
            )
    if len(cells) != len(numbers) - 1:  # a quoted cell ran over a line break
        problems.append(
            Problem(
                shown,
                None,
                None,
                "has a quoted cell that holds a line break, so its rows cannot be told apart",
                "one program per line, with no line break inside a cell",
            )
        )
    if len(problems) and any(p.file == shown for p in problems):
        return None
    table = pd.DataFrame(cells, columns=header, dtype=str)
    for column in COLUMNS:
        if column not in table:
            table[column] = ""
    table.index = pd.Index(numbers[1:], name="line")
    return table


def validate_directory(
    root: Path, files: list[Path], problems: list[Problem], level_codes: Iterable[str]
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The frame and validated cells of these directory files, or None after recording
    every problem (a broken row's file, line and column; an unknown level; an id twice)."""
    before = len(problems)
    tables: list[pd.DataFrame] = []
    seen: set[str] = set()
    codes = set(level_codes)
    for path in files:
        shown = display_path(path, root)
        table = read_table(path, root, problems)
        if table is None:
            continue
        # Each distinct cell checked once; only rows that fail a part are built as a
        # Program, so their problems are worded by the model (validate_rows) as always.
        settled = check_columns(table)
        lines = table.index.tolist()
        for start in range(0, len(table), _SLICE):
            stop = min(start + _SLICE, len(table))
            unsettled = [p for p in range(start, stop) if not settled.passed[p]]
            built = dict(zip(unsettled, _rows(table, unsettled), strict=True))
            found: list[tuple[str, tuple[str, ...]]] = []
            for position in range(start, stop):
                passed = settled.row(position)
                if passed is not None:
                    found.append(passed)
                    continue
                row = built[position]
                for program in validate_rows([(lines[position], row)], shown, problems):
                    found.append((program.id, tuple(program.levels)))
            _check_levels(found, shown, codes, problems)
            _check_unique(found, seen, path.parent.name, problems)  # 'programs'
        tables.append(table)
    if len(problems) > before:
        return None
    table = pd.concat(tables, ignore_index=True) if tables else empty_table()
    return frame_from_table(table), table


def _rows(table: pd.DataFrame, positions: list[int]) -> list[dict[str, str]]:
    """The rows at these positions as column -> text (a column at a time: to_dict is slow)."""
    if not positions:
        return []
    picked = table.iloc[positions]
    names = [str(c) for c in picked.columns]
    columns = [picked[c].tolist() for c in picked.columns]
    return [dict(zip(names, cells, strict=True)) for cells in zip(*columns, strict=True)]


def _check_levels(
    programs: list[tuple[str, tuple[str, ...]]], file: str, codes: set[str], problems: list[Problem]
) -> None:
    if not codes:
        return
    for program_id, levels in programs:
        for code in levels:
            if code not in codes:
                problems.append(
                    Problem(
                        file,
                        program_id,
                        "levels",
                        f"level {code} is not in levels_of_care.yaml",
                        ", ".join(sorted(codes, key=float)),
                    )
                )


def _check_unique(
    programs: list[tuple[str, tuple[str, ...]]],
    seen: set[str],
    folder: str,
    problems: list[Problem],
) -> None:
    for program_id, _ in programs:
        if program_id in seen:
            problems.append(
                Problem(folder, program_id, "id", "appears twice", "each program id once")
            )
        seen.add(program_id)
