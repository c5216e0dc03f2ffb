"""Writing an imported directory as a complete data folder, all or nothing.

The folder gets the bundled reference data, plans, rules and stories (everything but
the fictional sample programs) and the imported directory as programs/<name>.csv. It
is written beside the target, checked with the catalog exactly as `carenav validate`
checks it, and only then moved into place: a failed import leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from carenav import catalog
from carenav.catalog.program_rows import COLUMNS
from carenav.errors import DataError, Problem
from carenav.resources import bundled_data_dir

SAMPLE_PROGRAMS = Path("programs") / "sample_programs.csv"


def directory_csv(rows: Sequence[dict[str, str]], header_lines: Sequence[str]) -> str:
    """Rows as a directory CSV file: '#' comment lines, then the columns any row uses."""
    used = [c for c in COLUMNS if any(row.get(c) for row in rows)]
    out = io.StringIO()
    for line in header_lines:
        out.write(f"# {line}\n")
    writer = csv.DictWriter(out, fieldnames=used, extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in used})
    return out.getvalue()


def check_target(target: Path) -> None:
    """Refuse a target that exists and is not an empty folder: an import never overwrites."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DataError(
            [
                Problem(
                    str(target),
                    None,
                    None,
                    "already exists and is not empty; nothing was written",
                    "a new folder name for the imported data",
                )
            ]
        )


def write_data_folder(target: Path, csv_name: str, csv_text: str) -> int:
    """A data folder at `target` with the bundled data and this directory, validated; or DataError.

    Returns how many programs the folder's directory holds.
    """
    check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as exc:  # a file where a folder should be, no permission, a name too long
        reason = exc.strerror.lower() if exc.strerror else "cannot be created"
        raise DataError(
            [
                Problem(
                    str(target),
                    None,
                    None,
                    f"cannot be created ({reason}); nothing was written",
                    "a new folder name in a folder you may write to",
                )
            ]
        ) from None
    try:
        folder = staging / "data"
        shutil.copytree(
            bundled_data_dir(),
            folder,
            ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
        )
        (folder / SAMPLE_PROGRAMS).unlink(missing_ok=True)
        (folder / "programs").mkdir(exist_ok=True)
        (folder / "programs" / csv_name).write_text(csv_text, encoding="utf-8")
        loaded = catalog.load(folder)  # DataError: the folder is not usable; nothing is kept
        if target.exists():
            target.rmdir()
        folder.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(loaded.programs)
