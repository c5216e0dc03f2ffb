"""The column check and the per-row model check agree on directories with injected faults.

`carenav validate` settles most rows of a directory file a column at a time
(carenav.catalog.program_columns) and validates only the rest as whole Programs. Each example
writes a fictional directory with a few cells changed (hostile text, a blank, a value from
another row that breaks a rule across columns, an id twice, an unknown level) and validates
it both ways: the same problems in the same order, the same directory, and row by row the
same verdict with the same id and levels.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carenav.catalog.programs as programs_module
from carenav import catalog
from carenav.catalog.program_columns import Settled, check_columns
from carenav.catalog.program_rows import COLUMNS, validate_rows
from carenav.errors import Problem
from carenav.synthetic import synthetic_table
from tests.fuzz.profile import fuzz, record
from tests.fuzz.strategies import AWKWARD_TEXT, UNKNOWN_LEVELS, UNKNOWN_STATES

ROWS = 24
FILE = "programs/synthetic.csv"
# Near misses of every column's format, beside the fuzz suite's hostile text.
NEAR_MISSES = st.sampled_from(
    [
        "",
        " ",
        "yes;no",
        "Yes",
        "Mon;Mon",
        "Mon;Funday",
        "mon",
        "0",
        "8",
        "-1",
        "1.5",
        "105",
        "1e400",
        "91",
        "-181",
        "45.5",
        "day",
        "week",
        "100=0.1;above=1",
        "100=2",
        "example-ppo-2026=450",
        "example-ppo-2026",
        "plan=",
        "!*",
        "cbt;!cbt",
        "substance-use",
        "1:6",
        "1:6000",
        "503-555-0100",
        "555-0100",
        "https://example.org",
        "http//example.org",
        "2026-02-30",
        "97205",
        "９７２０５",
        "OR",
        "or",
        "2.1;2.1",
    ]
)
# Cells valid alone that break a rule across columns in many rows (or a level or id rule).
RULE_BREAKERS = st.sampled_from(
    [
        ("latitude", ""),
        ("longitude", ""),
        ("latitude", "45.52"),
        ("days_per_week", "2"),
        ("days_per_week", "3"),
        ("meeting_days", ""),
        ("meeting_days", "Sat;Sun"),
        ("billing_unit", "day"),
        ("charge", "450.00"),
        ("in_network_rates", "example-ppo-2026=300"),
        ("sliding_scale_tiers", "100=0.1;above=1"),
        ("planned_weeks", "12"),
        ("levels", "2.1;2.1"),
        ("levels", "9.9"),
        ("tracks", "substance-use"),
        ("id", "syn-000001"),
        ("city", ""),
        ("zip", ""),
    ]
)
CELLS = st.one_of(
    NEAR_MISSES,
    AWKWARD_TEXT,
    UNKNOWN_LEVELS,
    UNKNOWN_STATES,
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("columns") / "data"
    shutil.copytree(catalog.bundled_data_dir(), root)
    for old in (root / "programs").glob("*.csv"):
        old.unlink()
    yield root


def _settle_nothing(table: pd.DataFrame) -> Settled:
    """The per-row model check alone: no row settled by columns."""
    return Settled(np.zeros(len(table), dtype=bool), [], [])


@fuzz(long=300, bounded=25)
@given(seed=st.integers(0, 10_000), data=st.data())
def test_the_column_check_finds_the_problems_the_per_row_check_finds(
    folder: Path, seed: int, data: Any
) -> None:
    table = synthetic_table(ROWS, seed=seed)[list(COLUMNS)]
    for _ in range(data.draw(st.integers(0, 6), label="faults")):
        row = data.draw(st.integers(0, ROWS - 1), label="row")
        if data.draw(st.booleans(), label="rule breaker"):
            column, value = data.draw(RULE_BREAKERS, label="cell")
        else:
            column = data.draw(st.sampled_from(COLUMNS), label="column")
            # A hostile cell, or another row's cell: valid alone, maybe not with this row.
            other = data.draw(st.integers(0, ROWS - 1), label="from row")
            value = data.draw(st.one_of(CELLS, st.just(str(table.at[other, column]))), label="cell")
        table.at[row, column] = value
    path = folder / FILE
    table.to_csv(path, index=False)
    levels = catalog.load(folder, sections=()).continuum
    codes = levels.codes() if levels else ()

    fast: list[Problem] = []
    slow: list[Problem] = []
    by_columns = programs_module.validate_directory(folder, [path], fast, codes)
    with mock.patch.object(programs_module, "check_columns", _settle_nothing):
        by_rows = programs_module.validate_directory(folder, [path], slow, codes)
    record("data files", "message" if fast else "answer")

    assert fast == slow
    assert (by_columns is None) == (by_rows is None)
    if by_columns is not None and by_rows is not None:
        for mine, theirs in zip(by_columns, by_rows, strict=True):  # the frame, the cells
            pd.testing.assert_frame_equal(mine, theirs)

    read = programs_module.read_table(path, folder, [])
    if read is None:
        return
    settled = check_columns(read)
    cells = read.to_dict("records")
    for position, line in enumerate(read.index):
        built = validate_rows([(line, cells[position])], FILE, [])
        expected = (built[0].id, tuple(built[0].levels)) if built else None
        assert settled.row(position) == expected, (line, cells[position])
