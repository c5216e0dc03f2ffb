"""ZIP codes to places, offline, and great-circle miles, one to many."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from carenav.errors import InputError
from carenav.geo import locate, locate_many, miles_from, place_name


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
