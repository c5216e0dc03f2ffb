"""The continuum of care as a pandas table, for analysts and trainers."""

from __future__ import annotations

import pandas as pd

from carenav.models.levels import Continuum


def levels_frame(continuum: Continuum) -> pd.DataFrame:
    """One row per level, least to most intensive, indexed by level code.

    >>> from carenav import catalog
    >>> float(levels_frame(catalog.load(sections=()).continuum).loc["2.1", "min_hours_adults"])
    9.0
    """
    rows = [
        {
            "code": level.code,
            "name": level.name,
            "common_name": level.common_name,
            "twenty_four_hour": level.twenty_four_hour,
            "min_hours_adults": level.hours_adults.minimum,
            "max_hours_adults": level.hours_adults.maximum,
            "hours_adults": level.hours_adults.describe(with_note=False),
            "medical_oversight": level.medical_oversight,
            "fourth_edition": (level.fourth_edition.code if level.fourth_edition else level.code)
            or "removed",
            "sources": len(level.sources),
        }
        for level in continuum.levels
    ]
    return pd.DataFrame(rows).set_index("code")
