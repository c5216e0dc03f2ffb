"""The program directory as one pandas DataFrame, built column by column from a directory table.

A *directory table* has one row per program and the file's columns as text
(docs/programs-format.md). The *directory frame* built from it has one column per
option a filter can ask about, each coded ``NO`` (recorded no), ``UNKNOWN`` (not
recorded) or ``YES`` as int8, so that "any of these options" is a column-wise
maximum and "recorded no for all of them" is a maximum of ``NO``. The frame is
built once, when the directory is loaded; matching then never touches a model.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from carenav.geo import locate_many
from carenav.models.billing import Weekday
from carenav.models.program import Options
from carenav.models.vocabulary import Condition, Format, Holistic, Population, Therapy, Track

NO, UNKNOWN, YES = 0, 1, 2
OTHERS = "*"
Codes = npt.NDArray[np.int8]

# Option facets: the file column, the frame prefix, and the options (None: whatever the file names).
OPTION_FACETS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "populations": ("pop", tuple(Population)),
    "tracks": ("track", tuple(Track)),
    "conditions": ("cond", tuple(Condition)),
    "therapies": ("therapy", tuple(Therapy)),
    "holistic": ("holistic", tuple(Holistic)),
    "formats": ("format", tuple(Format)),
    "plans": ("plan", None),
    "medicaid_states": ("medicaid", None),
    "languages": ("lang", None),
    "accreditation": ("accredited", None),
}
# Yes/no facts: the file column is also the frame column.
FLAGS = (
    "family_program",
    "daytime",
    "evening",
    "medicare",
    "self_pay",
    "sliding_scale",
    "payment_plan",
    "scholarship",
    "transportation_help",
    "parking",
)
NUMBERS = (
    "days_per_week",
    "hours_per_session",
    "typical_weeks",
    "group_size",
    "wait_days",
    "planned_weeks",
)
# Text carried through for display and for the cost engine.
TEXT = (
    "id",
    "name",
    "organization",
    "source",
    "street",
    "city",
    "state",
    "zip",
    "phone",
    "intake_phone",
    "website",
    "levels",
    "meeting_days",
    "staff_to_client_ratio",
    "admission_requirements",
    "what_to_bring",
    "billing_unit",
    "in_network_rates",
    "sliding_scale_tiers",
)
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def option_column(prefix: str, option: str) -> str:
    """The frame column of one option, e.g. ('therapy', 'cbt') -> 'therapy:cbt'."""
    return f"{prefix}:{option}"


def options_in(frame: pd.DataFrame, prefix: str) -> list[str]:
    """The options a frame has columns for under a prefix, e.g. every plan id for 'plan'."""
    start = f"{prefix}:"
    return [c[len(start) :] for c in frame.columns if c.startswith(start) and c != start + OTHERS]


def option_codes(frame: pd.DataFrame, prefix: str, option: str, missing: int = UNKNOWN) -> Codes:
    """One option's codes; for an option with no column of its own, the facet's OTHERS column,
    else ``missing`` for every row (NO for levels, which every record lists in full)."""
    column = option_column(prefix, option)
    if column not in frame:
        column = option_column(prefix, OTHERS)
    if column not in frame:
        return np.full(len(frame), missing, dtype=np.int8)
    codes: Codes = frame[column].to_numpy(dtype=np.int8)
    return codes


def day_mask(days: Iterable[Weekday | str]) -> int:
    """Seven bits, Monday the lowest: the days as one number for vectorized comparison."""
    mask = 0
    for day in days:
        mask |= 1 << Weekday(day).index
    return mask


def _option_codes(cells: pd.Series, options: tuple[str, ...] | None) -> tuple[list[str], Codes]:
    """Per row and option: NO, UNKNOWN or YES. Each distinct cell is parsed once."""
    codes, uniques = pd.factorize(cells.fillna(""), sort=False)
    parsed = [Options.parse(str(text)) for text in uniques]
    if options is None:
        # An open facet (plan ids, languages): a column per option the file names, and
        # OTHERS ('plan:*') for an option no program names: NO where a list is complete.
        names: set[str] = set()
        for opts in parsed:
            names |= opts.offered | opts.not_offered
        options = (*sorted(names), OTHERS)
    table = np.full((len(parsed) + 1, len(options)), UNKNOWN, dtype=np.int8)
    for row, opts in enumerate(parsed):
        for col, option in enumerate(options):
            status = opts.status(option)
            table[row, col] = UNKNOWN if status is None else (YES if status else NO)
    return list(options), table[codes]


def _flag_codes(cells: pd.Series) -> Codes:
    text = cells.fillna("").astype(str).str.strip().str.lower()
    out = np.full(len(text), UNKNOWN, dtype=np.int8)
    out[text.isin(_TRUE).to_numpy()] = YES
    out[text.isin(_FALSE).to_numpy()] = NO
    return out


def _day_masks(cells: pd.Series) -> npt.NDArray[np.int16]:
    codes, uniques = pd.factorize(cells.fillna(""), sort=False)
    lookup = np.array(
        [
            day_mask(d.strip() for d in str(text).split(";") if d.strip())
            if str(text).strip()
            else -1
            for text in uniques
        ]
        + [-1],
        dtype=np.int16,
    )
    return lookup[codes]


def _level_codes(cells: pd.Series) -> dict[str, Codes]:
    codes, uniques = pd.factorize(cells.fillna(""), sort=False)
    sets = [{c.strip() for c in str(text).split(";") if c.strip()} for text in uniques]
    levels = sorted(set().union(*sets), key=float) if sets else []
    out: dict[str, Codes] = {}
    for level in levels:
        lookup = np.array([YES if level in s else NO for s in sets] + [NO], dtype=np.int8)
        out[level] = lookup[codes]
    return out


def _cents(cells: pd.Series) -> pd.Series:
    amounts = pd.to_numeric(cells.replace("", np.nan), errors="coerce")
    return (amounts * 100).round().astype("Int64")


MAIN_TRACKS = ("substance-use", "mental-health", "co-occurring")


def _complete_main_tracks(columns: dict[str, object]) -> None:
    """A record that names any main track names all it has: the others are a recorded no.

    A program's tracks are what it is; a mental-health program that does not add
    "not substance use" must still not be shown to a substance-use client as "not
    confirmed". Only a record with no main track at all leaves them unknown.
    """
    names = [option_column("track", t) for t in MAIN_TRACKS]
    codes = [cast(Codes, columns[name]) for name in names]
    named = np.logical_or.reduce([c == YES for c in codes])
    for name, code in zip(names, codes, strict=True):
        columns[name] = np.where(named & (code == UNKNOWN), NO, code).astype(np.int8)


def frame_from_table(table: pd.DataFrame) -> pd.DataFrame:
    """The directory frame for a directory table (every cell text, blank for not recorded).

    Call it on a table the catalog has validated, or one the synthetic generator made.
    """
    table = table.fillna("")
    n = len(table)
    columns: dict[str, object] = {}
    for name in TEXT:
        columns[name] = table[name].astype(str).to_numpy() if name in table else np.full(n, "")
    verified = pd.to_datetime(table["verified_on"]).to_numpy().astype("datetime64[D]")
    columns["verified_on"] = verified
    # The same date as a day number (date.toordinal()), so record ages are one subtraction.
    columns["verified_day"] = verified.astype(np.int64) + date(1970, 1, 1).toordinal()
    lat = pd.to_numeric(table["latitude"].replace("", np.nan), errors="coerce").to_numpy(
        dtype=float
    )
    lon = pd.to_numeric(table["longitude"].replace("", np.nan), errors="coerce").to_numpy(
        dtype=float
    )
    approximate = np.isnan(lat)
    if approximate.any():
        zip_lat, zip_lon = locate_many(table["zip"])
        lat = np.where(approximate, zip_lat, lat)
        lon = np.where(approximate, zip_lon, lon)
    columns["latitude"], columns["longitude"] = lat, lon
    columns["location_from_zip"] = approximate
    for name in NUMBERS:
        columns[name] = pd.to_numeric(table[name].replace("", np.nan), errors="coerce").to_numpy(
            dtype=float
        )
    columns["days_mask"] = _day_masks(table["meeting_days"])
    columns["charge_cents"] = _cents(table["charge"])
    columns["cash_price_cents"] = _cents(table["cash_price"])
    for name in FLAGS:
        columns[name] = _flag_codes(table[name])
    for level, codes in _level_codes(table["levels"]).items():
        columns[option_column("level", level)] = codes
    for file_column, (prefix, vocabulary) in OPTION_FACETS.items():
        cells = (
            table[file_column].str.lower()
            if file_column == "medicaid_states"
            else table[file_column]
        )
        options, matrix = _option_codes(cells, vocabulary)
        for index, option in enumerate(options):
            columns[option_column(prefix, option)] = matrix[:, index]
    _complete_main_tracks(columns)
    return pd.DataFrame(columns, index=pd.RangeIndex(n))
