"""Loading data/reference/: Medicare Part B by year, poverty guidelines, limits, scales, Medicaid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from carenav.catalog.reading import display_path, read_yaml, validate_record
from carenav.errors import Problem
from carenav.models.medicare import DualRule, MedicareSettingRule
from carenav.models.reference import (
    MedicaidCostSharing,
    MedicarePartBYear,
    OutOfPocketLimit,
    PovertyGuideline,
    ReferenceTables,
    SlidingScale,
)

REFERENCE_DIR = "reference"
# Each file: the list (or mapping) it holds, the model of one entry, the ReferenceTables field.
LISTS: dict[str, list[tuple[str, type[BaseModel], str]]] = {
    "medicare_part_b.yaml": [("years", MedicarePartBYear, "medicare_part_b")],
    "poverty_guidelines.yaml": [("guidelines", PovertyGuideline, "poverty_guidelines")],
    "out_of_pocket_limits.yaml": [
        ("aca", OutOfPocketLimit, "aca_limits"),
        ("medicare_advantage", OutOfPocketLimit, "medicare_advantage_limits"),
    ],
    "sliding_scales.yaml": [("scales", SlidingScale, "sliding_scales")],
    "medicare_rules.yaml": [
        ("settings", MedicareSettingRule, "medicare_settings"),
        ("dual", DualRule, "dual_rules"),
    ],
}
MEDICAID_FILE = "medicaid_cost_sharing.yaml"
DOCUMENT_KEYS = {"description", "units", "notes"}


def _name(entry: Any, position: int) -> str:
    """A reference row named in messages by what identifies it: id, year and region, or position."""
    if isinstance(entry, dict):
        parts = [
            str(entry[k])
            for k in ("id", "year", "region", "state", "setting", "status")
            if entry.get(k) is not None
        ]
        if parts:
            return " ".join(parts)
    return f"#{position + 1}"


def load_reference(root: Path, problems: list[Problem]) -> ReferenceTables:
    """The reference tables under root/reference/; a missing folder or file loads as empty."""
    folder = root / REFERENCE_DIR
    tables: dict[str, Any] = {}
    if not folder.is_dir():
        return ReferenceTables()
    for file_name, sections in LISTS.items():
        path = folder / file_name
        if not path.is_file():
            continue
        data = _document(path, root, {key for key, _, _ in sections}, problems)
        if data is None:
            continue
        shown = display_path(path, root)
        for key, model, target in sections:
            entries = data.get(key, [])
            if not isinstance(entries, list):
                problems.append(Problem(shown, None, key, "is not a list", f"a '{key}:' list"))
                continue
            rows = [
                validate_record(model, entry, shown, _name(entry, i), problems)
                for i, entry in enumerate(entries)
            ]
            tables[target] = [row for row in rows if row is not None]
            _no_duplicates(tables[target], shown, problems)
    path = folder / MEDICAID_FILE
    if path.is_file():
        data = _document(path, root, {"medicaid"}, problems)
        if data is not None and "medicaid" in data:
            shown = display_path(path, root)
            tables["medicaid"] = validate_record(
                MedicaidCostSharing, data["medicaid"], shown, "medicaid", problems
            )
    return ReferenceTables.model_validate(tables)


def _document(
    path: Path, root: Path, keys: set[str], problems: list[Problem]
) -> dict[str, Any] | None:
    """The file as a mapping, or None after recording why not; unknown top-level keys are problems."""
    data = read_yaml(path, root, problems)
    shown = display_path(path, root)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(shown, None, None, "is not a mapping", "description, units and the tables")
        )
        return None
    for key in sorted(set(data) - keys - DOCUMENT_KEYS, key=str):
        expected = ", ".join(sorted(keys | DOCUMENT_KEYS))
        problems.append(Problem(shown, None, str(key), "is not a known field", expected))
    return data


def _no_duplicates(rows: list[Any], file: str, problems: list[Problem]) -> None:
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        key = tuple(
            getattr(row, k, None)
            for k in ("id", "year", "region", "setting", "status", "effective")
        )
        if key in seen:
            name = " ".join(str(k) for k in key if k is not None)
            problems.append(Problem(file, name, None, "appears twice", "each row once"))
        seen.add(key)
