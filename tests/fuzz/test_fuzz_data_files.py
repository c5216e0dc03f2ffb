"""Every field of every kind of data file, mutated: one clear problem per fault, or a correct load.

Each example changes one thing in a private copy of the bundled data (a value of the wrong
type, out of range or an unknown code; a field removed; a key given twice; bytes damaged or
cut off) and loads it as `carenav validate` does. The load either refuses with problems that
name their file in words, or gives a catalog whose levels and plans are all its own data's;
it never raises anything else and never writes into the data folder.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from carenav import catalog
from tests.fuzz.checks import digest, load_or_explain
from tests.fuzz.profile import fuzz, record
from tests.fuzz.strategies import (
    AWKWARD_TEXT,
    DAMAGE,
    UNKNOWN_LEVELS,
    VALUES,
    damaged,
    drop_path,
    key_paths,
    set_path,
)

BUNDLED = catalog.bundled_data_dir()
# The catalog section that reads each folder of a data folder.
SECTION = {
    "payers": {"payers"},
    "reference": {"reference"},
    "rules": {"rules"},
    "vignettes": {"vignettes"},
    "scenarios": {"scenarios"},
    "programs": {"programs"},
    "evidence.yaml": {"evidence"},
    "ranking.yaml": {"ranking"},
    "levels_of_care.yaml": set(),
}
YAML_FILES = sorted(
    str(p.relative_to(BUNDLED))
    for p in BUNDLED.rglob("*.yaml")
    if p.relative_to(BUNDLED).parts[0] in SECTION
)
CSV_FILE = "programs/sample_programs.csv"
SURFACE = "data files"


def test_every_kind_of_data_file_is_fuzzed() -> None:
    kinds = {Path(name).parts[0] for name in [*YAML_FILES, CSV_FILE]}
    assert kinds == set(SECTION), sorted(set(SECTION) - kinds)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(BUNDLED, root)
    yield root


def _sections(name: str) -> set[str]:
    return SECTION[Path(name).parts[0]]


def _try(folder: Path, name: str, content: bytes, *given: Any) -> catalog.Catalog | None:
    """Load `folder` with `name` holding `content`; check nothing else changed; put it back."""
    path = folder / name
    original = (BUNDLED / name).read_bytes()
    try:
        path.write_bytes(content)
        before = digest(folder)
        try:
            loaded = load_or_explain(folder, _sections(name), *given)
        except BaseException:
            record(SURFACE, "traceback")
            raise
        assert digest(folder) == before, "loading changed the data folder"
        record(SURFACE, "message" if loaded is None else "answer")
        return loaded
    finally:
        path.write_bytes(original)


def _dump(document: Any) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8")


@fuzz(long=400, bounded=8)
@given(name=st.sampled_from(YAML_FILES), data=st.data())
def test_a_field_set_to_a_hostile_value_gives_problems_or_a_valid_catalog(
    folder: Path, name: str, data: Any
) -> None:
    document = yaml.safe_load((BUNDLED / name).read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(key_paths(document)), label="field")
    value = data.draw(VALUES, label="value")
    set_path(document, where, value)
    _try(folder, name, _dump(document), value)


@fuzz(long=200)
@given(name=st.sampled_from(YAML_FILES), data=st.data())
def test_a_field_removed_gives_problems_or_a_valid_catalog(
    folder: Path, name: str, data: Any
) -> None:
    document = yaml.safe_load((BUNDLED / name).read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(key_paths(document)), label="field")
    drop_path(document, where)
    _try(folder, name, _dump(document))


@fuzz(long=150)
@given(name=st.sampled_from(YAML_FILES), data=st.data())
def test_a_top_level_key_given_twice_is_refused(folder: Path, name: str, data: Any) -> None:
    text = (BUNDLED / name).read_text(encoding="utf-8")
    keys = re.findall(r"^([A-Za-z_][\w-]*):", text, flags=re.M)
    key = data.draw(st.sampled_from(keys), label="key")
    value = data.draw(st.sampled_from(["1500", "99999", "'2.2'", "[]", "again"]), label="value")
    # The last value would win in a plain YAML reader: carenav must refuse instead.
    assert _try(folder, name, f"{text}\n{key}: {value}\n".encode(), value) is None


@fuzz(long=200)
@given(
    name=st.sampled_from([*YAML_FILES, CSV_FILE]),
    damage=st.sampled_from(DAMAGE),
    at=st.integers(0, 50_000),
)
def test_damaged_bytes_give_problems_or_a_valid_catalog(
    folder: Path, name: str, damage: str, at: int
) -> None:
    loaded = _try(folder, name, damaged((BUNDLED / name).read_bytes(), damage, at))
    if damage in {"bad utf-8", "empty"}:
        assert loaded is None, f"a file with {damage} loaded"


@fuzz(long=60)
@given(level=UNKNOWN_LEVELS, where=st.sampled_from(["limits", "prior_authorization"]))
def test_a_plan_naming_a_level_the_continuum_lacks_never_loads(
    folder: Path, level: str, where: str
) -> None:
    name = "payers/example-copay-2026.yaml"
    document = yaml.safe_load((BUNDLED / name).read_text(encoding="utf-8"))
    if where == "limits":
        document["limits"][0]["level"] = level
    else:
        document["prior_authorization"] = [level]
    loaded = _try(folder, name, _dump(document), level)
    # Only a code that is a level once its spaces are trimmed may load (and then as that level).
    assert loaded is None or level.strip() in loaded.continuum.codes(), level


def _csv(name: str) -> tuple[list[str], list[list[str]]]:
    """The comment lines above a directory CSV, and its rows (header first)."""
    lines = (BUNDLED / name).read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    return comments, rows


def _write_csv(comments: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    out.writelines(comments)
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


CELLS = st.one_of(
    st.text(max_size=30),
    AWKWARD_TEXT,
    UNKNOWN_LEVELS,
    st.sampled_from(["!", "!*", ";", "yes;no", "2.1;9.9", "-5", "1e400", "555-0100x", "NaN"]),
)


@fuzz(long=300)
@given(data=st.data())
def test_a_directory_cell_set_to_a_hostile_value_gives_problems_or_a_valid_directory(
    folder: Path, data: Any
) -> None:
    comments, rows = _csv(CSV_FILE)
    row = data.draw(st.integers(1, len(rows) - 1), label="row")
    column = data.draw(st.integers(0, len(rows[0]) - 1), label="column")
    value = data.draw(CELLS, label="value")
    rows[row][column] = value
    loaded = _try(folder, CSV_FILE, _write_csv(comments, rows), value)
    if loaded is not None:
        assert len(loaded.programs) == len(rows) - 1  # every row loaded, none dropped silently


@fuzz(long=60, bounded=3)
@given(data=st.data())
def test_a_directory_with_a_row_twice_or_a_column_gone_is_refused(folder: Path, data: Any) -> None:
    comments, rows = _csv(CSV_FILE)
    change = data.draw(st.sampled_from(["row twice", "column gone", "header renamed"]))
    if change == "row twice":
        rows.append(list(rows[data.draw(st.integers(1, len(rows) - 1), label="row")]))
    else:
        required = [c for c in ("id", "name", "levels") if c in rows[0]]
        column = rows[0].index(data.draw(st.sampled_from(required), label="column"))
        if change == "column gone":
            rows = [r[:column] + r[column + 1 :] for r in rows]
        else:
            rows[0][column] += "_"
    assert _try(folder, CSV_FILE, _write_csv(comments, rows)) is None
