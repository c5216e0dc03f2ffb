"""The columns of a directory CSV file and how one row becomes a validated Program.

``COLUMNS`` is the documented column list (docs/programs-format.md). A row's problems
name its file, its line number, the program id and the column, never a model path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from carenav.errors import Problem, problems_from_validation
from carenav.models.frame import TABLE_COLUMNS
from carenav.models.program import Program

# Where each file column goes in the Program model: (group, field), group None = top level.
_PATHS: dict[str, tuple[str | None, str]] = {
    "id": (None, "id"),
    "name": (None, "name"),
    "organization": (None, "organization"),
    "verified_on": (None, "verified_on"),
    "source": (None, "source"),
    "street": ("address", "street"),
    "city": ("address", "city"),
    "state": ("address", "state"),
    "zip": ("address", "zip"),
    "latitude": ("address", "latitude"),
    "longitude": ("address", "longitude"),
    "phone": (None, "phone"),
    "intake_phone": (None, "intake_phone"),
    "website": (None, "website"),
    "levels": (None, "levels"),
    "populations": (None, "populations"),
    "tracks": (None, "tracks"),
    "conditions": (None, "conditions"),
    "therapies": (None, "therapies"),
    "family_program": (None, "family_program"),
    "holistic": (None, "holistic"),
    "meeting_days": ("schedule", "meeting_days"),
    "days_per_week": ("schedule", "days_per_week"),
    "hours_per_session": ("schedule", "hours_per_session"),
    "daytime": ("schedule", "daytime"),
    "evening": ("schedule", "evening"),
    "typical_weeks": ("schedule", "typical_weeks"),
    "formats": (None, "formats"),
    "plans": ("payment", "plans"),
    "medicare": ("payment", "medicare"),
    "medicaid_states": ("payment", "medicaid_states"),
    "self_pay": ("payment", "self_pay"),
    "sliding_scale": ("payment", "sliding_scale"),
    "payment_plan": ("payment", "payment_plan"),
    "scholarship": ("payment", "scholarship"),
    "private_insurance": ("payment", "private_insurance"),
    "military_insurance": ("payment", "military_insurance"),
    "payment_assistance": ("payment", "payment_assistance"),
    "group_size": (None, "group_size"),
    "staff_to_client_ratio": (None, "staff_to_client_ratio"),
    "transportation_help": (None, "transportation_help"),
    "parking": (None, "parking"),
    "languages": (None, "languages"),
    "accreditation": (None, "accreditation"),
    "admission_requirements": (None, "admission_requirements"),
    "wait_days": (None, "wait_days"),
    "what_to_bring": (None, "what_to_bring"),
    "billing_unit": ("billing", "unit"),
    "charge": ("billing", "charge"),
    "cash_price": ("billing", "cash_price"),
    "in_network_rates": ("billing", "in_network_rates"),
    "sliding_scale_tiers": ("billing", "sliding_scale"),
    "planned_weeks": ("billing", "planned_weeks"),
}
COLUMNS: tuple[str, ...] = TABLE_COLUMNS  # _PATHS names exactly these (a test checks)
REQUIRED: tuple[str, ...] = (
    "id",
    "name",
    "organization",
    "verified_on",
    "source",
    "city",
    "state",
    "zip",
    "phone",
    "levels",
)
_COLUMN_OF = {path: column for column, path in _PATHS.items()}
# The columns that make up a program's billing facts: any one filled gives it a billing.
BILLING_COLUMNS: tuple[str, ...] = tuple(
    c for c, (group, _) in _PATHS.items() if group == "billing"
)
_COLUMN_OF[("billing", "meeting_days")] = "meeting_days"
_BOOL_EXPECTED = "yes, no, or blank when the record does not say"


def key_values(text: str) -> dict[str, str]:
    """A 'name=value;name=value' cell as a mapping; ValueError names a malformed item."""
    pairs: dict[str, str] = {}
    for item in text.split(";"):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"'{item.strip()}' should be written as name=value")
        pairs[key.strip()] = value.strip()
    return pairs


def tiers_from_cell(text: str) -> list[dict[str, str | None]]:
    """A sliding-scale cell ('100=0.1;200=0.5;above=1') as SlidingScaleTier data."""
    tiers: list[dict[str, str | None]] = []
    for key, value in key_values(text).items():
        bound = None if key == "above" else key
        tiers.append({"up_to_percent_of_poverty": bound, "pays": value})
    return tiers


def _days(text: str) -> list[str]:
    return [day.strip() for day in text.split(";") if day.strip()]


_SPLIT: dict[str, Callable[[str], Any]] = {
    "in_network_rates": key_values,
    "sliding_scale_tiers": tiers_from_cell,
    "meeting_days": _days,
}
_SPEC: dict[str, tuple[str | None, str, Callable[[str], Any] | None]] = {
    column: (group, name, _SPLIT.get(column)) for column, (group, name) in _PATHS.items()
}


def record_from_row(row: Mapping[str, str]) -> dict[str, Any]:
    """A file row (column -> text, blank = not recorded) as the nested data of a Program.

    Raises ValueError with the column's name for a cell that cannot be split.
    """
    record: dict[str, Any] = {}
    address: dict[str, Any] = {}
    groups: dict[str | None, dict[str, Any]] = {
        None: record,
        "address": address,
        "schedule": {},
        "payment": {},
        "billing": {},
    }
    spec = _SPEC
    for column, text in row.items():
        # One lookup and no work for blank cells: this loop runs once per cell of the file.
        if not text or column not in spec:
            continue
        text = text.strip()
        if not text:
            continue
        group, name, split = spec[column]
        if split is None:
            groups[group][name] = text
            continue
        try:
            groups[group][name] = split(text)
        except ValueError as exc:
            raise ValueError(f"{column}|{exc}") from None
    schedule, payment, billing = groups["schedule"], groups["payment"], groups["billing"]
    if billing:
        if "meeting_days" in schedule:
            billing["meeting_days"] = schedule["meeting_days"]
        record["billing"] = billing
    record["address"] = address
    if schedule:
        record["schedule"] = schedule
    if payment:
        record["payment"] = payment
    return record


def _column_for(loc: tuple[int | str, ...]) -> str | None:
    if not loc:
        return None
    if len(loc) >= 2 and (str(loc[0]), str(loc[1])) in _COLUMN_OF:
        return _COLUMN_OF[(str(loc[0]), str(loc[1]))]
    if (None, str(loc[0])) in _COLUMN_OF:
        return _COLUMN_OF[(None, str(loc[0]))]
    return {"billing": "billing_unit"}.get(str(loc[0]), str(loc[0]))


def validate_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]], file: str, problems: list[Problem]
) -> list[Program]:
    """Each (line number, row) as a Program; every problem names file, line, program id and column."""
    programs: list[Program] = []
    for line, row in rows:
        where = f"row {line}" + (f" ({row.get('id')})" if row.get("id") else "")
        try:
            record = record_from_row(row)
        except ValueError as exc:
            column, _, message = str(exc).partition("|")
            problems.append(Problem(file, where, column, message))
            continue
        try:
            programs.append(Program.model_validate(record))
        except ValidationError as exc:
            problems.extend(_renamed(found) for found in problems_from_validation(exc, file, where))
    return programs


def _renamed(found: Problem) -> Problem:
    """A validation problem with the model's field path replaced by the file's column name."""
    parts: tuple[int | str, ...] = ()
    if found.field:
        parts = tuple(p for p in found.field.replace("[", ".").replace("]", "").split(".") if p)
    column = _column_for(parts)
    expected = _BOOL_EXPECTED if found.expected == "true or false" else found.expected
    return Problem(found.file, found.record, column, found.message, expected)
