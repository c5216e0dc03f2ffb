"""ZIP code to latitude/longitude, offline, and great-circle distance in miles, vectorized.

The ZIP table is ``geo_data/us_zip_centres.csv`` in this package, one sorted line per
ZIP, written by ``scripts/make_zip_centres.py`` from the ``zipcodes`` package (MIT
licence, by Sean Pianka, https://github.com/seanpianka/zipcodes): coordinates from
GeoNames (CC BY 4.0), ZIP list from USPS ZIP Locale Detail. A ZIP's point is its centre,
so a distance is approximate: good for "about 12 miles", not for directions.

A lookup is a binary search over the file's lines (about 17 reads of one line), so a
kernel holds no ZIP table at all: the ``zipcodes`` package itself builds its whole
42,000-ZIP table in memory on its first lookup (about 38 MB a kernel). The directory's
programs are placed once, when the directory is validated, and the cache keeps the points.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from carenav.errors import InputError
from carenav.models.base import ascii_digits

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    FloatArray = npt.NDArray[np.float64]

EARTH_RADIUS_MILES = 3958.8
ZIP_TABLE = Path(__file__).resolve().parent / "geo_data" / "us_zip_centres.csv"
ZIP_SOURCE = (
    "US ZIP code centres from the zipcodes package (GeoNames coordinates, CC BY 4.0; "
    "USPS ZIP Locale Detail)"
)

Point = tuple[float, float, str]


def _clean(zip_code: str) -> str:
    text = ascii_digits(str(zip_code))
    if len(text) == 10 and text[5] == "-":
        text = text[:5]
    return text


def _is_zip(text: str) -> bool:
    """Five ASCII digits: the only text that is looked up."""
    return len(text) == 5 and text.isascii() and text.isdigit()


@lru_cache(maxsize=1)
def _data_start() -> int:
    """The byte offset of the table's first ZIP line (after its comments and header)."""
    with ZIP_TABLE.open("rb") as table:
        while True:
            line = table.readline()
            if not line or line.startswith(b"zip,"):
                return table.tell()


def _first_line_from(table: BinaryIO, offset: int, start: int) -> bytes:
    """The first whole line that begins at or after ``offset``."""
    if offset <= start:
        table.seek(start)
    else:
        table.seek(offset - 1)
        table.readline()  # the rest of the line ``offset - 1`` is in
    return table.readline()


def _search(table: BinaryIO, key: bytes, start: int, end: int) -> Point | None:
    """Binary search of the sorted lines for the one whose ZIP is ``key``."""
    low, high = start, end
    while low < high:
        middle = (low + high) // 2
        line = _first_line_from(table, middle, start)
        if not line or line[:5] >= key:
            high = middle
        else:
            low = middle + 1
    line = _first_line_from(table, low, start)
    if line[:5] != key:
        return None
    _, latitude, longitude, city, state = line.decode("utf-8").rstrip("\n").split(",")
    return float(latitude), float(longitude), f"{city}, {state}"


@lru_cache(maxsize=4096)
def _lookup(text: str) -> Point | None:
    """(latitude, longitude, 'City, ST') for a clean five-digit ZIP, or None when unknown."""
    with ZIP_TABLE.open("rb") as table:
        end = table.seek(0, 2)
        return _search(table, text.encode("ascii"), _data_start(), end)


def _known(zip_code: str) -> Point:
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
    """'Portland, OR' for a ZIP code; InputError for an unknown one.

    >>> place_name("22902")
    'Charlottesville, VA'
    """
    return _known(zip_code)[2]


# More distinct ZIP codes than this (a directory being validated) are placed by reading the
# file once, not by one search each: 20,000 searches take seconds, one read about 0.1 s.
BULK_FROM = 500


def _all_points() -> pd.DataFrame:
    """The whole table, read for one bulk placement and let go (never kept in a kernel)."""
    import pandas as pd

    return pd.read_csv(
        ZIP_TABLE,
        comment="#",
        usecols=["zip", "latitude", "longitude"],
        dtype={"zip": str, "latitude": float, "longitude": float},
    ).set_index("zip")


def locate_many(zip_codes: pd.Series) -> tuple[FloatArray, FloatArray]:
    """Latitudes and longitudes for a column of ZIP codes; NaN where a ZIP is unknown.

    Each distinct ZIP is searched once, through the same file search as ``locate``; a
    column with many distinct ZIPs is matched against the file read once instead.
    """
    import numpy as np
    import pandas as pd

    keys = zip_codes.astype("string").fillna("").str.slice(0, 5)
    codes, uniques = pd.factorize(keys)
    if len(uniques) > BULK_FROM:
        table = _all_points()
        lat = np.asarray(keys.map(table["latitude"]).astype("float64"), dtype=np.float64)
        lon = np.asarray(keys.map(table["longitude"]).astype("float64"), dtype=np.float64)
        return lat, lon
    points: list[Point | None] = []
    with ZIP_TABLE.open("rb") as table_file:
        end = table_file.seek(0, 2)
        start = _data_start()
        for unique in uniques:
            text = str(unique)
            points.append(
                _search(table_file, text.encode("ascii"), start, end) if _is_zip(text) else None
            )
    lats = np.array([p[0] if p else np.nan for p in points] + [np.nan], dtype=np.float64)
    lons = np.array([p[1] if p else np.nan for p in points] + [np.nan], dtype=np.float64)
    return lats[codes], lons[codes]


def miles_from(
    latitude: float, longitude: float, latitudes: FloatArray, longitudes: FloatArray
) -> FloatArray:
    """Great-circle (haversine) miles from one point to many; NaN where a point is unknown."""
    import numpy as np  # here, not at the top: a finder page shows ZIP place names without it

    lat1 = np.radians(latitude)
    lat2 = np.radians(latitudes)
    dlat = lat2 - lat1
    dlon = np.radians(longitudes) - np.radians(longitude)
    a = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    result: FloatArray = 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result
