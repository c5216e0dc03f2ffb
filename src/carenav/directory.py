"""Reading the directory frame: which options it has columns for, and one option's codes.

The frame itself is built once, by the catalog (``carenav.catalog.frame``), from a
directory table; its columns and codes are the contract in ``carenav.models.frame``.
Matching reads the frame through these functions and never touches a model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from carenav.models.frame import (
    NO,
    OTHERS,
    UNKNOWN,
    YES,
    Codes,
    day_mask,
    option_column,
    options_in,
)

__all__ = [
    "NO",
    "OTHERS",
    "UNKNOWN",
    "YES",
    "Codes",
    "day_mask",
    "option_codes",
    "option_column",
    "options_in",
]


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
