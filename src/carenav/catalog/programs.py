"""Loading the program directory from data/programs/*.csv into models and one DataFrame.

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
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import cast

import pandas as pd

from carenav.catalog.cache import cache_key, read_cached, write_cache
from carenav.catalog.frame import empty_table, frame_from_table
from carenav.catalog.levels import LEVELS_FILE
from carenav.catalog.program_rows import (
    _PATHS,
    BILLING_COLUMNS,
    COLUMNS,
    REQUIRED,
    record_from_row,
    tiers_from_cell,
    validate_rows,
)
from carenav.catalog.reading import display_path
from carenav.errors import Problem, UnknownIdError
from carenav.models.frame import OTHERS
from carenav.models.program import Program

PROGRAMS_DIR = "programs"
_SLICE = 2_000
__all__ = [
    "COLUMNS",
    "PROGRAMS_DIR",
    "REQUIRED",
    "Directory",
    "load_directory",
    "read_table",
    "record_from_row",
    "tiers_from_cell",
    "validate_rows",
]


@dataclass(frozen=True)
class Directory:
    """The program directory: one DataFrame for matching, and the validated text cells.

    A kernel keeps the frame the engines use and the table of validated cells, not one
    model per row (84,578 models took about a gigabyte): `program(id)` builds the one
    model a detail view or an estimate needs from its row, which was validated when the
    directory was loaded, and keeps it.
    """

    frame: pd.DataFrame
    table: pd.DataFrame
    files: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.frame)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {str(pid): index for index, pid in enumerate(self.table["id"])}

    def program(self, program_id: str) -> Program:
        """The program with this id; UnknownIdError names the known ones."""
        position = self._positions.get(program_id)
        if position is None:
            raise UnknownIdError("program", program_id, list(self._positions))
        return self._model(position)

    def _model(self, position: int) -> Program:
        cached = self._models.get(position)
        if cached is None:
            row = {str(c): _cell(v) for c, v in self.table.iloc[position].items()}
            cached = Program.model_validate(record_from_row(row))
            self._models[position] = cached
        return cached

    @cached_property
    def _models(self) -> dict[int, Program]:
        return {}

    @property
    def programs(self) -> tuple[Program, ...]:
        """Every program as a model, built on first use: for small directories and notebooks.

        An app never calls this (20,000 models take seconds and hundreds of MB): it reads
        the frame, `with_billing()` or `ids()`, and `program(id)` for the rows it shows.
        """
        return tuple(self._model(i) for i in range(len(self.table)))

    def ids(self) -> frozenset[str]:
        """Every program id in the directory, read from the validated cells (no model built)."""
        return frozenset(self._positions)

    def with_billing(self) -> pd.DataFrame:
        """The validated cells of the programs that record billing facts (their `billing` is set).

        A program has billing when any billing column is filled, as `record_from_row` reads it.
        """
        filled = pd.Series(False, index=self.table.index)
        for column in BILLING_COLUMNS:
            if column in self.table:
                filled |= self.table[column].fillna("").astype(str).str.strip().str.len() > 0
        return self.table[filled.to_numpy()]

    @property
    def plans(self) -> list[str]:
        """Every coverage plan id some program records, sorted."""
        start = "plan:"
        return [
            c[len(start) :]
            for c in self.frame.columns
            if c.startswith(start) and c != start + OTHERS
        ]

    @classmethod
    def empty(cls) -> Directory:
        """A directory with no programs (a data folder without programs/)."""
        table = empty_table()
        return cls(frame_from_table(table), table)


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


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


def load_directory(
    root: Path,
    problems: list[Problem],
    level_codes: Iterable[str] = (),
    *,
    use_cache: bool = True,
) -> Directory | None:
    """Every CSV file in root/programs/ as one Directory, or None after recording every problem.

    A data folder without programs/ has an empty directory. A directory validated before,
    unchanged since, is read from its cache (carenav.catalog.cache); `use_cache=False`
    validates every row again (as `carenav validate` does) and rewrites the cache.
    """
    folder = root / PROGRAMS_DIR
    if not folder.is_dir():
        return Directory.empty()
    files = sorted(folder.glob("*.csv"))
    shown_files = tuple(display_path(p, root) for p in files)
    key = cache_key(files, root / LEVELS_FILE) if files else ""
    if files and use_cache:
        cached = read_cached(key)
        if cached is not None:
            return Directory(cached[0], cached[1], shown_files)
    directory = _validated(root, files, problems, level_codes)
    if directory is not None and files:
        write_cache(key, directory.frame, directory.table)
    return directory


def _validated(
    root: Path, files: list[Path], problems: list[Problem], level_codes: Iterable[str]
) -> Directory | None:
    before = len(problems)
    tables: list[pd.DataFrame] = []
    seen: set[str] = set()
    codes = set(level_codes)
    for path in files:
        shown = display_path(path, root)
        table = read_table(path, root, problems)
        if table is None:
            continue
        records = cast(list[dict[str, str]], table.to_dict("records"))
        lines = table.index.tolist()
        # Validated a slice at a time and then let go: the directory keeps the checked
        # cells and the frame, never a model per row (the peak stays small at 84,578 rows).
        for start in range(0, len(records), _SLICE):
            rows = zip(lines[start : start + _SLICE], records[start : start + _SLICE], strict=True)
            found = validate_rows(rows, shown, problems)
            _check_levels(found, shown, codes, problems)
            _check_unique(found, seen, problems)
        tables.append(table)
    if len(problems) > before:
        return None
    if not tables:
        return Directory.empty()
    table = pd.concat(tables, ignore_index=True)
    return Directory(frame_from_table(table), table, tuple(display_path(p, root) for p in files))


def _check_levels(
    programs: list[Program], file: str, codes: set[str], problems: list[Problem]
) -> None:
    if not codes:
        return
    for program in programs:
        for code in program.levels:
            if code not in codes:
                problems.append(
                    Problem(
                        file,
                        program.id,
                        "levels",
                        f"level {code} is not in levels_of_care.yaml",
                        ", ".join(sorted(codes, key=float)),
                    )
                )


def _check_unique(programs: list[Program], seen: set[str], problems: list[Problem]) -> None:
    for program in programs:
        if program.id in seen:
            problems.append(
                Problem(PROGRAMS_DIR, program.id, "id", "appears twice", "each program id once")
            )
        seen.add(program.id)
