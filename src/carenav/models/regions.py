"""The three tables of the HHS poverty guidelines: the 48 contiguous states and DC, Alaska, Hawaii."""

from __future__ import annotations

from typing import Literal

Region = Literal["contiguous", "alaska", "hawaii"]
REGION_NAMES: dict[str, str] = {
    "contiguous": "the 48 contiguous states and DC",
    "alaska": "Alaska",
    "hawaii": "Hawaii",
}
