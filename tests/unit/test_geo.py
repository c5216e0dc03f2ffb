"""ZIP codes to places, offline, and great-circle miles, one to many."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carenav.errors import InputError
from carenav.geo import BULK_FROM, ZIP_TABLE, locate, locate_many, miles_from, place_name


def test_a_zip_code_is_located_at_its_centre() -> None:
    assert locate("97205") == pytest.approx((45.5207, -122.6888))
    assert place_name("97205") == "Portland, OR"


def test_a_zip_plus_four_is_read_as_its_first_five_digits() -> None:
    assert locate("97205-1234") == locate("97205")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "00000",
            "ZIP code: '00000' is not a US ZIP code carenav knows; expected a current five-digit US ZIP code, such as 97205",
        ),
        ("9720", "ZIP code: '9720' is not a ZIP code; expected five digits, such as 97205"),
        ("abcde", "ZIP code: 'abcde' is not a ZIP code; expected five digits, such as 97205"),
    ],
)
def test_an_unknown_zip_is_one_clear_message(given: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        locate(given)
    assert str(caught.value) == message


def test_many_zip_codes_are_located_at_once_with_nan_for_unknown_ones() -> None:
    lat, lon = locate_many(pd.Series(["97205", "00000", "10001"]))
    assert lat[0] == pytest.approx(45.5207)
    assert np.isnan(lat[1]) and np.isnan(lon[1])
    assert lon[2] == pytest.approx(-73.9967)


def test_great_circle_miles_match_known_distances() -> None:
    # Portland OR to Seattle WA city centres: about 145 miles as the crow flies.
    portland = locate("97205")
    seattle = locate("98101")
    miles = miles_from(
        *portland,
        np.array([seattle[0], portland[0], np.nan]),
        np.array([seattle[1], portland[1], 0.0]),
    )
    assert miles[0] == pytest.approx(145, abs=5)
    assert miles[1] == 0
    assert np.isnan(miles[2])


def test_a_quarter_of_the_earth_is_a_quarter_of_its_circumference() -> None:
    miles = miles_from(0.0, 0.0, np.array([0.0]), np.array([90.0]))
    assert miles[0] == pytest.approx(2 * np.pi * 3958.8 / 4)


def _table_rows() -> dict[str, tuple[float, float, str]]:
    """The shipped ZIP file read the plain way: the oracle for the in-place search."""
    import csv

    lines = [
        line
        for line in ZIP_TABLE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    return {
        r["zip"]: (float(r["latitude"]), float(r["longitude"]), f"{r['city']}, {r['state']}")
        for r in csv.DictReader(lines)
    }


ROWS = _table_rows()
ZIPS = sorted(ROWS)


def test_the_zip_table_is_sorted_one_line_per_zip_and_covers_the_country() -> None:
    assert len(ZIPS) > 40_000
    assert len({r[2][-2:] for r in ROWS.values()}) >= 50  # every state, DC and territories
    lines = [
        line[:5]
        for line in ZIP_TABLE.read_text(encoding="utf-8").splitlines()[1:]
        if not line.startswith(("#", "zip,"))
    ]
    assert lines == sorted(set(lines))


def test_the_first_and_last_zip_of_the_table_are_found() -> None:
    for zip_code in (ZIPS[0], ZIPS[1], ZIPS[-2], ZIPS[-1]):
        assert locate(zip_code) == ROWS[zip_code][:2]
        assert place_name(zip_code) == ROWS[zip_code][2]


@given(st.integers(min_value=0, max_value=99_999))
@settings(max_examples=300, deadline=None)
def test_the_search_finds_exactly_the_zip_codes_the_table_lists(number: int) -> None:
    zip_code = f"{number:05d}"
    lat, lon = locate_many(pd.Series([zip_code]))
    if zip_code in ROWS:
        assert locate(zip_code) == ROWS[zip_code][:2]
        assert (lat[0], lon[0]) == ROWS[zip_code][:2]
    else:
        assert np.isnan(lat[0])
        with pytest.raises(InputError):
            locate(zip_code)


@given(st.lists(st.sampled_from(ZIPS), min_size=1, max_size=30))
@settings(max_examples=50, deadline=None)
def test_many_listed_zip_codes_are_each_placed_at_their_row(zip_codes: list[str]) -> None:
    lat, lon = locate_many(pd.Series(zip_codes))
    assert list(zip(lat, lon, strict=True)) == [ROWS[z][:2] for z in zip_codes]


def test_full_width_digits_are_read_as_the_zip_they_spell() -> None:
    assert locate("９７２０５") == locate("97205")


def test_a_zip_lookup_holds_no_zip_table_in_the_kernel() -> None:
    # The zipcodes package builds its whole table (about 38 MB) on its first lookup.
    code = (
        "import sys\n"
        "from carenav.geo import locate, place_name\n"
        "locate('22902'); place_name('97205')\n"
        "print('zipcodes' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_column_of_many_zip_codes_is_placed_as_each_would_be_alone() -> None:
    # Past BULK_FROM distinct ZIPs the file is read once instead of searched per ZIP.
    sample = [*ZIPS[:: len(ZIPS) // (BULK_FROM + 100)], "00000", "", "9720", "99999"]
    assert len(set(sample)) > BULK_FROM
    lat, lon = locate_many(pd.Series(sample))
    for zip_code, la, lo in zip(sample, lat, lon, strict=True):
        if zip_code in ROWS:
            assert (la, lo) == ROWS[zip_code][:2]
        else:
            assert np.isnan(la) and np.isnan(lo)
