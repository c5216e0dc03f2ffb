"""The program directory as a kernel holds it: the frame and validated cells, read when first needed.

An app's first screen shows only what a directory *has*: how many programs, the options
its filters can ask about (plans, languages, levels...), and the names of the programs
with billing facts. Those facts are written beside the validated cache
(carenav.catalog.cache) and read as one small JSON file, so a page opens without importing
pandas (pandas with pyarrow was the larger part of a finder kernel's start-up, about
0.6 CPU seconds and 110 MB). The frame and the cells are read from the cache when a
search, an estimate or a program's details first need them; a cache deleted in between is
rebuilt by validating the files again, exactly as at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from carenav.catalog.cache import cache_key, read_cached, read_facts, write_cache
from carenav.catalog.levels import LEVELS_FILE
from carenav.catalog.reading import display_path
from carenav.errors import DataError, Problem, UnknownIdError
from carenav.models.frame import option_column, options_in

if TYPE_CHECKING:
    import pandas as pd

    from carenav.models.program import Program

PROGRAMS_DIR = "programs"
Frames = tuple["pd.DataFrame", "pd.DataFrame"]


@dataclass(frozen=True)
class DirectoryFacts:
    """What a directory holds, for a first screen: no frame, no pandas.

    `columns` are the frame's columns (one per option a filter can ask about, named as in
    carenav.models.frame); `billed` is (id, name) of each program that records billing
    facts, in directory order (the cost estimator's program list).
    """

    count: int
    columns: tuple[str, ...]
    billed: tuple[tuple[str, str], ...]


class Directory:
    """The program directory: one DataFrame for matching, and the validated text cells.

    A kernel keeps the frame the engines use and the table of validated cells, not one
    model per row (84,578 models took about a gigabyte): `program(id)` builds the one
    model a detail view or an estimate needs from its row, which was validated when the
    directory was loaded, and keeps it. A directory read from its cache holds only its
    facts until `frame` or `table` is first asked for.
    """

    def __init__(
        self, frame: pd.DataFrame, table: pd.DataFrame, files: tuple[str, ...] = ()
    ) -> None:
        self._start(files, frames=(frame, table))

    @classmethod
    def deferred(
        cls, facts: DirectoryFacts, read: Callable[[], Frames], files: tuple[str, ...] = ()
    ) -> Directory:
        """A directory whose frame and cells `read()` gives on first use."""
        directory = cls.__new__(cls)
        directory._start(files, read=read, known=facts)
        return directory

    def _start(
        self,
        files: tuple[str, ...],
        *,
        frames: Frames | None = None,
        read: Callable[[], Frames] | None = None,
        known: DirectoryFacts | None = None,
    ) -> None:
        self.files = files
        self._frames = frames
        self._read = read
        self._known = known
        self._lock = threading.Lock()

    @classmethod
    def empty(cls) -> Directory:
        """A directory with no programs (a data folder without programs/)."""
        from carenav.catalog.frame import empty_table, frame_from_table

        table = empty_table()
        return cls(frame_from_table(table), table)

    def _loaded(self) -> Frames:
        with self._lock:  # read once, even when two threads (a notebook's own) ask at once
            if self._frames is None:
                assert self._read is not None
                self._frames = self._read()
                self._read = None
            return self._frames

    @property
    def is_loaded(self) -> bool:
        """Whether the frame and cells are in memory (False until a deferred one is used)."""
        return self._frames is not None

    @property
    def frame(self) -> pd.DataFrame:
        """One row per program, one int8 column per option (carenav.models.frame)."""
        return self._loaded()[0]

    @property
    def table(self) -> pd.DataFrame:
        """The validated cells of every program, as text, in directory order."""
        return self._loaded()[1]

    @property
    def facts(self) -> DirectoryFacts:
        """Count, columns and billed programs (from the cache's facts, else the frame)."""
        if self._known is None:
            billed = self.with_billing()
            self._known = DirectoryFacts(
                count=len(self.frame),
                columns=tuple(str(c) for c in self.frame.columns),
                billed=tuple(zip(billed["id"], billed["name"], strict=True)),
            )
        return self._known

    def __len__(self) -> int:
        return self.facts.count

    @property
    def columns(self) -> tuple[str, ...]:
        """The frame's columns, known without reading the frame."""
        return self.facts.columns

    def options(self, prefix: str) -> list[str]:
        """The options the directory has columns for under a prefix ('plan', 'lang', ...)."""
        return options_in(self.columns, prefix)

    def offers_level(self, code: str) -> bool:
        """Whether some program in the directory lists this level of care."""
        return option_column("level", code) in self.columns

    def billed(self) -> list[tuple[str, str]]:
        """(id, name) of each program that records billing facts, in directory order."""
        return list(self.facts.billed)

    @property
    def plans(self) -> list[str]:
        """Every coverage plan id some program records."""
        return self.options("plan")

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
            from carenav.catalog.program_rows import record_from_row
            from carenav.models.program import Program

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
        import pandas as pd

        from carenav.catalog.program_rows import BILLING_COLUMNS

        table = self.table
        filled = pd.Series(False, index=table.index)
        for column in BILLING_COLUMNS:
            if column in table:
                filled |= table[column].fillna("").astype(str).str.strip().str.len() > 0
        return table[filled.to_numpy()]


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def load_directory(
    root: Path,
    problems: list[Problem],
    level_codes: Iterable[str] = (),
    *,
    use_cache: bool = True,
) -> Directory | None:
    """Every CSV file in root/programs/ as one Directory, or None after recording every problem.

    A data folder without programs/ has an empty directory. A directory validated before,
    unchanged since, is read from its cache (carenav.catalog.cache): only its facts at
    first, the frame and cells when first used. `use_cache=False` validates every row
    again (as `carenav validate` does) and rewrites the cache.
    """
    folder = root / PROGRAMS_DIR
    if not folder.is_dir():
        return Directory.empty()
    files = sorted(folder.glob("*.csv"))
    if not files:
        return Directory.empty()
    shown_files = tuple(display_path(p, root) for p in files)
    codes = tuple(level_codes)
    key = cache_key(files, root / LEVELS_FILE)
    if use_cache:
        facts = _facts_from(read_facts(key))
        if facts is not None:
            return Directory.deferred(facts, lambda: _frames(root, files, codes, key), shown_files)
    return _validated(root, files, problems, codes, key)


def _validated(
    root: Path, files: list[Path], problems: list[Problem], codes: Iterable[str], key: str
) -> Directory | None:
    """Every row checked (carenav.catalog.programs), then the cache written for `key`."""
    from carenav.catalog.programs import validate_directory

    validated = validate_directory(root, files, problems, codes)
    if validated is None:
        return None
    frame, table = validated
    directory = Directory(frame, table, tuple(display_path(p, root) for p in files))
    write_cache(key, frame, table, _facts_record(directory.facts))
    return directory


def _frames(root: Path, files: list[Path], codes: tuple[str, ...], key: str) -> Frames:
    """The frame and cells from the cache, or (the cache gone since) validated again."""
    cached = read_cached(key)
    if cached is not None:
        return cached
    if cache_key(files, root / LEVELS_FILE) != key:  # never a frame that differs from the facts
        raise DataError(
            [
                Problem(
                    PROGRAMS_DIR,
                    None,
                    None,
                    "changed since this page opened",
                    "the page reloaded, to read the directory as it is now",
                )
            ]
        )
    problems: list[Problem] = []
    directory = _validated(root, files, problems, codes, key)
    if directory is None:  # the same files passed before; never a traceback if not
        raise DataError(problems)
    return directory.frame, directory.table


def _facts_from(record: dict[str, object] | None) -> DirectoryFacts | None:
    """The facts a cache recorded, or None when the record is not what this version writes."""
    if record is None:
        return None
    count, columns, billed = record.get("count"), record.get("columns"), record.get("billed")
    if not (
        isinstance(count, int)
        and isinstance(columns, list)
        and all(isinstance(c, str) for c in columns)
        and isinstance(billed, list)
        and all(
            isinstance(b, list) and len(b) == 2 and all(isinstance(x, str) for x in b)
            for b in billed
        )
    ):
        return None
    return DirectoryFacts(count, tuple(columns), tuple((b[0], b[1]) for b in billed))


def _facts_record(facts: DirectoryFacts) -> dict[str, object]:
    return {
        "count": facts.count,
        "columns": list(facts.columns),
        "billed": [list(pair) for pair in facts.billed],
    }
