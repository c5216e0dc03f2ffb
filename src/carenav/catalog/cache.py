"""The validated program directory cached in Arrow's Feather format, so a kernel opens it at once.

`carenav validate` (and any full load) checks every row once, then writes the directory
frame and its validated cells to two Feather (Arrow IPC) files, and what a first screen
shows of them (the count, the frame's columns, the billed programs' names) to a small
JSON file that is read without pandas, all named by a key: the SHA-256 of the
directory's files and of levels_of_care.yaml (the rows are checked against it), the
carenav version and this format's version. A kernel that finds the files for its key
reads them instead of validating again. A changed file changes the key; a cache whose
recorded key differs, or that cannot be read, is rebuilt, never trusted. The cache holds
directory facts only, never anything about a client.

Feather, uncompressed and memory-mapped, rather than Parquet: 20,000 programs read in
about 0.01 s against about 1 s for Parquet on the same machine (the README's benchmarks), and
kernels on one machine share the mapped pages instead of each holding a copy.

The cache lives in $CARENAV_CACHE_DIR, else $XDG_CACHE_HOME/carenav, else ~/.cache/carenav:
a folder the user can write and delete, never inside the installed package.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from carenav.catalog.cache_home import CACHE_ENV as CACHE_ENV
from carenav.catalog.cache_home import cache_dir, content_key
from carenav.models.frame import TIERS

if TYPE_CHECKING:
    import pandas as pd

# 2: a facts file (count, columns, billed programs) beside the frame and the cells.
FORMAT_VERSION = "2"
_KEY_FIELD = b"carenav.directory_cache_key"
_UNITS_FIELD = b"carenav.datetime_units"


def cache_key(files: list[Path], levels_file: Path) -> str:
    """The key of a directory: its files' bytes and names, the levels file, and the versions."""
    return content_key(f"cache {FORMAT_VERSION}", [levels_file, *files])


def _paths(key: str) -> tuple[Path, Path]:
    folder = cache_dir()
    return (
        folder / f"directory-{key[:32]}.frame.arrow",
        folder / f"directory-{key[:32]}.cells.arrow",
    )


def _facts_path(key: str) -> Path:
    return cache_dir() / f"directory-{key[:32]}.facts.json"


def read_facts(key: str) -> dict[str, object] | None:
    """What the cache for this key recorded about its directory, read without pandas or pyarrow.

    None when there is no cache for the key (its frame and cells must be there too) or the
    file is not one this version wrote for this key.
    """
    frame_path, cells_path = _paths(key)
    try:
        if not (frame_path.is_file() and cells_path.is_file()):
            return None
        record = json.loads(_facts_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    return record


def read_cached(key: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The cached frame and cells for this key, or None when there is no trustworthy cache."""
    frame_path, cells_path = _paths(key)
    if not (frame_path.is_file() and cells_path.is_file()):
        return None
    try:
        import pyarrow.feather as feather

        from carenav.catalog.frame import tiers_column

        frame_table = feather.read_table(frame_path, memory_map=True)
        cells_table = feather.read_table(cells_path, memory_map=True)
        for read in (frame_table, cells_table):
            if (read.schema.metadata or {}).get(_KEY_FIELD) != key.encode():
                return None  # a foreign cache, or one a different directory left here
        frame = frame_table.to_pandas()
        cells = cells_table.to_pandas()
        # Arrow may store dates at another resolution: give them back their own unit.
        units = json.loads((frame_table.schema.metadata or {}).get(_UNITS_FIELD, b"{}"))
        for column, dtype in units.items():
            frame[column] = frame[column].astype(dtype)
        if len(frame) != len(cells) or TIERS not in cells:
            return None
        frame[TIERS] = tiers_column(cells[TIERS])
    except Exception:  # a corrupt or partial file: rebuild, never trust
        return None
    return frame, cells


def write_cache(
    key: str, frame: pd.DataFrame, cells: pd.DataFrame, facts: dict[str, object]
) -> bool:
    """Write the cache for this key; False (and nothing left behind) when it cannot be written.

    The facts (JSON: what a first screen shows) are written last, so facts on disk mean the
    frame and the cells beside them are complete.
    """
    try:
        import pyarrow as pa
        import pyarrow.feather as feather

        frame_path, cells_path = _paths(key)
        frame_path.parent.mkdir(parents=True, exist_ok=True)
        # The tiers are validated models: stored as their cell text, parsed again on read.
        stored = frame.assign(**{TIERS: cells[TIERS].astype(str).to_numpy()})
        units = {str(c): str(t) for c, t in frame.dtypes.items() if t.kind == "M"}
        for data, path in ((stored, frame_path), (cells.astype(str), cells_path)):
            table = pa.Table.from_pandas(data, preserve_index=False)
            table = table.replace_schema_metadata(
                {
                    **(table.schema.metadata or {}),
                    _KEY_FIELD: key.encode(),
                    _UNITS_FIELD: json.dumps(units).encode(),
                }
            )
            _replace(path, partial(feather.write_feather, table, compression="uncompressed"))
        text = json.dumps({**facts, "key": key})
        _replace(_facts_path(key), lambda temporary: Path(temporary).write_text(text, "utf-8"))
    except Exception:  # a read-only home, a full disk: the directory still loads, uncached
        return False
    return True


def _replace(path: Path, write: Callable[[str], object]) -> None:
    """Write a file beside `path` with `write(name)`, then put it in place in one step:
    a kernel reading the cache never finds half a file, and a failed write leaves none."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
