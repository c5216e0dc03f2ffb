"""Building the directory frame from a directory table: every cell parsed here, once.

The frame's columns and codes are the contract in ``carenav.models.frame``. Each
distinct cell is parsed once (``pd.factorize``) with the same grammar the catalog
uses to validate rows (``carenav.catalog.program_rows``): option lists become coded
columns, meeting days a bit mask, money whole cents, each plan's contracted rate a
``rate:PLAN`` column and the sliding-scale tiers validated ``SlidingScaleTier``
tuples. ``frame_from_table`` is the one function that makes a frame.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from carenav.catalog.program_rows import key_values, tiers_from_cell
from carenav.geo import locate_many
from carenav.models.billing import SlidingScaleTier
from carenav.models.frame import (
    CENTS,
    FLAGS,
    NO,
    NUMBERS,
    OPTION_FACETS,
    OTHERS,
    RATE_PREFIX,
    TABLE_COLUMNS,
    TEXT,
    TIERS,
    UNKNOWN,
    YES,
    Codes,
    day_mask,
    option_column,
)
from carenav.models.program import Options

_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def empty_table() -> pd.DataFrame:
    """A directory table with every column and no rows."""
    return pd.DataFrame({c: pd.Series([], dtype=str) for c in TABLE_COLUMNS})


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


def _rate_columns(cells: pd.Series) -> dict[str, pd.Series]:
    """One 'rate:PLAN' column (Int64 cents, NA where the record names no rate) per plan named."""
    codes, uniques = pd.factorize(cells.fillna(""), sort=False)
    parsed = [key_values(str(text)) for text in uniques]
    plans = sorted({plan for rates in parsed for plan in rates})
    out: dict[str, pd.Series] = {}
    for plan in plans:
        lookup = np.array(
            [float(round(Decimal(r[plan]) * 100)) if plan in r else np.nan for r in parsed]
            + [np.nan],
            dtype=np.float64,
        )
        out[option_column(RATE_PREFIX, plan)] = pd.Series(
            pd.array(lookup[codes], dtype="Float64").astype("Int64")
        )
    return out


def tiers_column(cells: pd.Series) -> npt.NDArray[np.object_]:
    """The frame's tiers column from the file's sliding_scale_tiers cells (the cache reads it)."""
    return _tiers(cells)


def _tiers(cells: pd.Series) -> npt.NDArray[np.object_]:
    """Per row: the sliding-scale tiers as a tuple of SlidingScaleTier (empty when none)."""
    codes, uniques = pd.factorize(cells.fillna(""), sort=False)
    parsed: list[tuple[SlidingScaleTier, ...]] = [
        tuple(SlidingScaleTier.model_validate(t) for t in tiers_from_cell(str(text)))
        for text in uniques
    ]
    lookup = np.empty(len(parsed) + 1, dtype=object)
    for index, tiers in enumerate(parsed):
        lookup[index] = tiers
    lookup[len(parsed)] = ()
    spread: npt.NDArray[np.object_] = lookup[codes]
    return spread


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
    for file_column, frame_column in CENTS.items():
        columns[frame_column] = _cents(table[file_column])
    columns.update(_rate_columns(table["in_network_rates"]))
    columns[TIERS] = _tiers(table["sliding_scale_tiers"])
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
