"""Small directories written as rows of the directory file format, for the matching tests."""

from __future__ import annotations

from datetime import date

import pandas as pd

from carenav import catalog
from carenav.catalog.frame import frame_from_table
from carenav.models.frame import TABLE_COLUMNS as COLUMNS

TODAY = date(2026, 11, 27)
# The bundled ranking defaults (data/ranking.yaml), as every caller of the finder passes them.
RANKING = catalog.load(sections=("ranking",)).ranking

# A program that passes everything a test asks for unless the test changes a cell.
BASE: dict[str, str] = {
    "name": "Test Program",
    "organization": "Test Organization",
    "verified_on": "2026-11-17",
    "source": "unit test",
    "city": "Portland",
    "state": "OR",
    "zip": "97205",
    "phone": "503-555-0100",
    "levels": "2.1",
    "populations": "adults",
    "tracks": "substance-use",
    "conditions": "alcohol-use;anxiety",
    "therapies": "cbt",
    "meeting_days": "Tue;Thu",
    "daytime": "no",
    "evening": "yes",
    "formats": "in-person",
    "plans": "example-ppo-2026",
    "wait_days": "3",
}


def table(*rows: dict[str, str]) -> pd.DataFrame:
    """A directory table: each row is BASE with the given cells changed, ids p1, p2, ..."""
    records = [{**BASE, "id": f"p{n}", **row} for n, row in enumerate(rows, start=1)]
    return pd.DataFrame([{c: r.get(c, "") for c in COLUMNS} for r in records], dtype=str)


def frame(*rows: dict[str, str]) -> pd.DataFrame:
    """The directory frame of those rows."""
    return frame_from_table(table(*rows))
