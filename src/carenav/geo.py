"""ZIP code to latitude/longitude, offline, and great-circle distance in miles, vectorized.

The ZIP table comes from the ``zipcodes`` package (MIT licence, by Sean Pianka,
https://github.com/seanpianka/zipcodes), which compiles its data into the package:
coordinates from GeoNames (CC BY 4.0), ZIP list from USPS ZIP Locale Detail and
unitedstateszipcodes.org, refreshed monthly. A ZIP's point is its centre, so a
distance is approximate: good for "about 12 miles", not for directions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import zipcodes

from carenav.errors import InputError
from carenav.models.base import ascii_digits

EARTH_RADIUS_MILES = 3958.8
ZIP_SOURCE = (
    "US ZIP code centres from the zipcodes package (GeoNames coordinates, CC BY 4.0; "
    "USPS ZIP Locale Detail)"
)

FloatArray = npt.NDArray[np.float64]


@lru_cache(maxsize=1)
def zip_table() -> pd.DataFrame:
    """Every US ZIP code the package knows, indexed by ZIP: city, state, latitude, longitude.

    Read once per process (about 0.7 s); the table is never changed after.
    """
    rows: list[dict[str, Any]] = zipcodes.list_all()  # type: ignore[no-untyped-call]
    table = pd.DataFrame(
        {
            "zip": [r["zip_code"] for r in rows],
            "city": [r["city"] for r in rows],
            "state": [r["state"] for r in rows],
            "latitude": pd.to_numeric([r["lat"] for r in rows], errors="coerce"),
            "longitude": pd.to_numeric([r["long"] for r in rows], errors="coerce"),
        }
    )
    table = table.dropna(subset=["latitude", "longitude"]).drop_duplicates("zip")
    return table.set_index("zip")


def _clean(zip_code: str) -> str:
    text = ascii_digits(str(zip_code))
    if len(text) == 10 and text[5] == "-":
        text = text[:5]
    return text


def _is_zip(text: str) -> bool:
    """Five ASCII digits: the only text that may reach the ZIP library (it panics on others)."""
    return len(text) == 5 and text.isascii() and text.isdigit()


# Up to this many distinct ZIP codes are looked up one by one (about 1 ms each); more,
# and the whole table is read once (about 0.7 s), which is cheaper from there on.
BULK_FROM = 500


@lru_cache(maxsize=4096)
def _lookup(text: str) -> tuple[float, float, str] | None:
    """(latitude, longitude, 'City, ST') for a clean five-digit ZIP, or None when unknown."""
    found: list[dict[str, Any]] = zipcodes.matching(text)  # type: ignore[no-untyped-call]
    for row in found:
        try:
            return float(row["lat"]), float(row["long"]), f"{row['city']}, {row['state']}"
        except (TypeError, ValueError):
            continue
    return None


def _known(zip_code: str) -> tuple[float, float, str]:
    text = _clean(zip_code)
    if not _is_zip(text):
        raise InputError(
            "ZIP code", f"'{zip_code}' is not a ZIP code", "five digits, such as 97205"
        )
    found = _lookup(text)
    if found is None:
        raise InputError(
            "ZIP code",
            f"'{text}' is not a US ZIP code carenav knows",
            "a current five-digit US ZIP code, such as 97205",
        )
    return found


def locate(zip_code: str) -> tuple[float, float]:
    """The (latitude, longitude) of a ZIP code's centre; InputError for a ZIP not in the table.

    >>> locate("97205")
    (45.5207, -122.6888)
    """
    latitude, longitude, _ = _known(zip_code)
    return latitude, longitude


def place_name(zip_code: str) -> str:
    """'Portland, OR' for a ZIP code; InputError for an unknown one."""
    return _known(zip_code)[2]


def locate_many(zip_codes: pd.Series) -> tuple[FloatArray, FloatArray]:
    """Latitudes and longitudes for a column of ZIP codes; NaN where a ZIP is unknown."""
    keys = zip_codes.astype("string").fillna("").str.slice(0, 5)
    codes, uniques = pd.factorize(keys)
    if len(uniques) > BULK_FROM:
        table = zip_table()
        lat = np.asarray(keys.map(table["latitude"]).astype("float64"), dtype=np.float64)
        lon = np.asarray(keys.map(table["longitude"]).astype("float64"), dtype=np.float64)
        return lat, lon
    points = [_lookup(str(u)) if _is_zip(str(u)) else None for u in uniques]
    lats = np.array([p[0] if p else np.nan for p in points] + [np.nan], dtype=np.float64)
    lons = np.array([p[1] if p else np.nan for p in points] + [np.nan], dtype=np.float64)
    return lats[codes], lons[codes]


def miles_from(
    latitude: float, longitude: float, latitudes: FloatArray, longitudes: FloatArray
) -> FloatArray:
    """Great-circle (haversine) miles from one point to many; NaN where a point is unknown."""
    lat1 = np.radians(latitude)
    lat2 = np.radians(latitudes)
    dlat = lat2 - lat1
    dlon = np.radians(longitudes) - np.radians(longitude)
    a = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    result: FloatArray = 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result
