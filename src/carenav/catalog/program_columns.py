"""A directory file checked a column at a time: each distinct cell, or group of cells, validated once.

Building one Program a row costs about 0.3 ms, half a minute for a national directory, while
most cells repeat (level lists, plans, languages, yes/no). So each row is cut into parts that
no validator reads across, and the models' own validators run once on each distinct value of
each part:

- a field without a validator of its model: its distinct cells in one batch through the
  field's own type and constraints (a pydantic TypeAdapter built from the model's field);
- the cells a validator reads together (`JOINT`): each distinct combination once, inside a
  fixed program that is valid without them.

A row every part of which passed is a valid Program, with the id and levels its parts' models
gave. `relies_on_known_validators` checks that the models have exactly the validators the
parts were cut for (when they do not, nothing is settled here and every row is validated
whole); a property test compares both paths on directories with injected faults. Every row
that fails a part is left to `validate_rows`, which validates it whole and words its problems,
so a broken row gets the same message whichever path found it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import BaseModel, TypeAdapter, ValidationError

from carenav.catalog.program_rows import _PATHS, _SPLIT, BILLING_COLUMNS, record_from_row
from carenav.models.billing import ProgramBilling
from carenav.models.program import Address, Payment, Program, Schedule

# The model each group of columns fills (group None: Program's own fields).
_OWNERS: dict[str | None, type[BaseModel]] = {
    None: Program,
    "address": Address,
    "schedule": Schedule,
    "payment": Payment,
    "billing": ProgramBilling,
}
# Every validator the models have, by model: (field validators' fields, model validators).
# The parts below are cut for exactly these; a new validator must be placed in a part here.
KNOWN_VALIDATORS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Program": (frozenset({"levels", "tracks"}), frozenset({"_billing_days_match_schedule"})),
    "Address": (frozenset(), frozenset({"_both_coordinates_or_neither"})),
    "Schedule": (frozenset({"meeting_days"}), frozenset({"_days_agree"})),
    "Payment": (frozenset(), frozenset()),
    "ProgramBilling": (frozenset({"meeting_days"}), frozenset()),
}
# Whether any billing column is filled (a billing then needs meeting days), and whether each
# coordinate is given: derived cells, "yes" or "".
BILLED, HAS_LATITUDE, HAS_LONGITUDE = "(billing given)", "(latitude given)", "(longitude given)"
_TEMPLATE_ADDRESS = {"city": "Portland", "state": "OR", "zip": "97205"}
# Cells validators read together -> (the record cells they stand for, the record keys they fill).
# levels, tracks: Program's field validators. Meeting days: the schedule's and billing's
# field validators, Schedule._days_agree (with days_per_week), Program's check that billing
# and schedule days agree, and billing's need of them. Coordinates: both or neither. A filled
# billing stands in as unit "day" and a given coordinate as 0: their values are checked as
# fields of their own.
JOINT: dict[tuple[str, ...], tuple[Callable[[tuple[str, ...]], dict[str, str]], frozenset[str]]] = {
    ("levels",): (lambda cells: {"levels": cells[0]}, frozenset({"levels"})),
    ("tracks",): (lambda cells: {"tracks": cells[0]}, frozenset({"tracks"})),
    ("meeting_days", "days_per_week", BILLED): (
        lambda cells: {
            "meeting_days": cells[0],
            "days_per_week": cells[1],
            "billing_unit": "day" if cells[2] else "",
        },
        frozenset({"schedule", "billing"}),
    ),
    (HAS_LATITUDE, HAS_LONGITUDE): (
        lambda cells: {
            **_TEMPLATE_ADDRESS,
            "latitude": "0" if cells[0] else "",
            "longitude": "0" if cells[1] else "",
        },
        frozenset({"address"}),
    ),
}
# A program that is valid with none of the joint parts' cells (each replaces its own keys).
_TEMPLATE: dict[str, Any] = {
    "id": "column-check",
    "name": "Column check",
    "organization": "carenav",
    "verified_on": "2026-01-01",
    "source": "carenav column check",
    "address": _TEMPLATE_ADDRESS,
    "phone": "503-555-0100",
    "levels": "1",
}
Check = Callable[[list[tuple[str, ...]]], list[Any]]


class _Failed:
    """The result of a value that did not validate (None can be a field's valid value)."""


_FAILED: Any = _Failed()


@dataclass(frozen=True)
class Settled:
    """Which rows of a file passed every part, and the id and levels each has as a Program."""

    passed: npt.NDArray[np.bool_]
    ids: list[str]
    levels: list[tuple[str, ...]]

    def row(self, position: int) -> tuple[str, tuple[str, ...]] | None:
        """(id, levels) of the row at this position if it passed, else None."""
        if not self.passed[position]:
            return None
        return self.ids[position], self.levels[position]


def relies_on_known_validators() -> bool:
    """Whether the models have exactly the validators the parts were cut for."""
    for model in _OWNERS.values():
        decorators = model.__pydantic_decorators__
        fields = {f for d in decorators.field_validators.values() for f in d.info.fields}
        found = (frozenset(fields), frozenset(decorators.model_validators))
        if KNOWN_VALIDATORS.get(model.__name__) != found:
            return False
    return True


def check_columns(table: pd.DataFrame) -> Settled:
    """Which rows of a directory table (text cells, as `read_table` gives) are valid Programs."""
    n = len(table)
    parts = _parts()
    if not parts or any(c not in table for c in _PATHS):
        return Settled(np.zeros(n, dtype=bool), [], [])
    factorized = {c: _factorize(table[c]) for c in _PATHS}
    billed = np.zeros(n, dtype=bool)
    for column in BILLING_COLUMNS:
        billed |= _filled(*factorized[column])
    given = {
        BILLED: billed,
        HAS_LATITUDE: _filled(*factorized["latitude"]),
        HAS_LONGITUDE: _filled(*factorized["longitude"]),
    }
    for name, cells in given.items():
        factorized[name] = _factorize(pd.Series(np.where(cells, "yes", ""), dtype=object))
    passed = np.ones(n, dtype=bool)
    outputs: dict[str, tuple[npt.NDArray[np.int64], list[Any]]] = {}
    for columns, check in parts:
        codes, distinct = _distinct_values(columns, factorized, n)
        try:
            results = check(distinct)
        except Exception:  # a validator raising: the per-row check reports it as it always has
            results = [_FAILED] * len(distinct)
        ok = np.fromiter((r is not _FAILED for r in results), dtype=bool, count=len(results))
        passed &= ok[codes]
        if columns in (("id",), ("levels",)):
            outputs[columns[0]] = (codes, results)
    id_codes, id_values = outputs["id"]
    level_codes, level_values = outputs["levels"]
    # A failed row's id and levels are never read (Settled.row), so every row takes its values.
    ids = np.asarray([v if isinstance(v, str) else "" for v in id_values], dtype=object)
    levels = np.empty(len(level_values), dtype=object)
    levels[:] = [tuple(v.levels) if isinstance(v, Program) else () for v in level_values]
    return Settled(passed, ids[id_codes].tolist(), levels[level_codes].tolist())


def _factorize(column: pd.Series) -> tuple[npt.NDArray[np.int64], list[Any]]:
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return np.asarray(codes, dtype=np.int64), uniques.to_numpy(dtype=object).tolist()


def _distinct_values(
    columns: Sequence[str], factorized: dict[str, tuple[npt.NDArray[np.int64], list[Any]]], n: int
) -> tuple[npt.NDArray[np.int64], list[tuple[str, ...]]]:
    """A code per row naming its distinct combination of these columns' cells, and the combinations."""
    if len(columns) == 1:
        codes, uniques = factorized[columns[0]]
        return codes, [(u,) for u in uniques]
    key = np.zeros(n, dtype=np.int64)
    for column in columns:
        codes, uniques = factorized[column]
        key, _ = pd.factorize(key * len(uniques) + codes)
    key = np.asarray(key, dtype=np.int64)
    first = np.unique(key, return_index=True)[1]
    distinct = [
        tuple(factorized[c][1][factorized[c][0][row]] for c in columns) for row in first.tolist()
    ]
    return key, distinct


@cache
def _parts() -> tuple[tuple[tuple[str, ...], Check], ...]:
    if not relies_on_known_validators():
        return ()
    joint = {column for columns in JOINT for column in columns}
    parts: list[tuple[tuple[str, ...], Check]] = [
        (columns, _in_template(cells, own)) for columns, (cells, own) in JOINT.items()
    ]
    for column, (group, _) in _PATHS.items():
        if column not in joint:
            parts.append(((column,), _field_check(_OWNERS[group], column)))
    return tuple(parts)


def _filled(codes: npt.NDArray[np.int64], uniques: list[Any]) -> npt.NDArray[np.bool_]:
    """Per row, whether the cell holds more than spaces (a non-text cell counts as filled)."""
    given = np.fromiter(
        (not isinstance(u, str) or bool(u.strip()) for u in uniques), dtype=bool, count=len(uniques)
    )
    return given[codes]


def _field_check(model: type[BaseModel], column: str) -> Check:
    """One field's distinct cells through the field's own type and constraints, in one batch."""
    info = model.model_fields[_PATHS[column][1]]
    adapter: TypeAdapter[list[Any]] = TypeAdapter(
        list[Annotated[info.annotation, info]],  # type: ignore[name-defined]
        config=model.model_config,
    )
    required = info.is_required()
    split = _SPLIT.get(column)

    def check(distinct: list[tuple[str, ...]]) -> list[Any]:
        # Each cell as record_from_row puts it in the record: trimmed, blank left out, split.
        results: list[Any] = [_FAILED] * len(distinct)
        present: list[int] = []
        values: list[Any] = []
        for index, (text,) in enumerate(distinct):
            if not isinstance(text, str):
                continue
            value: Any = text.strip()
            if not value:
                if not required:
                    results[index] = ""
                continue
            if split is not None:
                try:
                    value = split(value)
                except ValueError:
                    continue
            present.append(index)
            values.append(value)
        for index, validated in zip(present, _batch(adapter, values), strict=True):
            results[index] = validated
        return results

    return check


def _in_template(cells: Callable[[tuple[str, ...]], dict[str, str]], own: frozenset[str]) -> Check:
    """Distinct combinations of cells, each inside a program that is valid without them."""
    adapter: TypeAdapter[list[Program]] = TypeAdapter(list[Program])
    base = {key: value for key, value in _TEMPLATE.items() if key not in own}

    def check(distinct: list[tuple[str, ...]]) -> list[Any]:
        results: list[Any] = [_FAILED] * len(distinct)
        present: list[int] = []
        values: list[Any] = []
        for index, combination in enumerate(distinct):
            if not all(isinstance(text, str) for text in combination):
                continue
            try:
                record = record_from_row(cells(combination))
            except ValueError:
                continue
            present.append(index)
            values.append({**base, **{k: v for k, v in record.items() if k in own}})
        for index, validated in zip(present, _batch(adapter, values), strict=True):
            results[index] = validated
        return results

    return check


def _batch(adapter: TypeAdapter[list[Any]], values: list[Any]) -> list[Any]:
    """Each value validated (_FAILED where it failed), in one call when all pass."""
    try:
        return list(adapter.validate_python(values))
    except ValidationError as exc:
        failed = {e["loc"][0] for e in exc.errors(include_url=False) if e["loc"]}
    if not all(isinstance(index, int) for index in failed) or not failed:
        return [_FAILED] * len(values)
    kept = [i for i in range(len(values)) if i not in failed]
    try:
        validated = adapter.validate_python([values[i] for i in kept])
    except ValidationError:
        return [_FAILED] * len(values)
    results: list[Any] = [_FAILED] * len(values)
    for index, value in zip(kept, validated, strict=True):
        results[index] = value
    return results
