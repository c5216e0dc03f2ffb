"""Large fictional program directories, seeded, for benchmarks and tests.

``synthetic_table(n, seed)`` has exactly the columns of a directory CSV file (all text,
blank = not recorded), so it can be written out and loaded by the catalog, or turned
into a directory frame at once with ``synthetic_frame``. Each cell is drawn from a small
pool of realistic cells made from the seed, so tens of thousands of rows take a moment.
Every program is fictional: ids ``syn-000001``, names "Synthetic Program 1", phones in
the 555-01xx range, websites on example.org.
"""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pandas as pd

from carenav.catalog.frame import frame_from_table
from carenav.models.frame import TABLE_COLUMNS
from carenav.models.program import Options
from carenav.models.vocabulary import Condition, Format, Holistic, Population, Therapy, Track

SAMPLE_PLANS = (
    "example-ppo-2026",
    "example-copay-2026",
    "medicare-part-b-2026",
    "example-hmo-2026",
    "example-marketplace-silver-2026",
)
LANGUAGES = ("english", "spanish", "vietnamese", "russian", "mandarin", "somali", "asl")
ACCREDITATION = ("joint-commission", "carf", "state-licensed")
# Level mixes seen in directories: mostly outpatient and IOP, fewer residential and hospital.
LEVELS = {
    "1": 0.2,
    "1;2.1": 0.12,
    "2.1": 0.25,
    "2.1;2.5": 0.12,
    "2.5": 0.06,
    "3.1": 0.05,
    "3.5": 0.07,
    "3.7": 0.06,
    "3.7;4": 0.03,
    "4": 0.04,
}
# Where synthetic programs are: (ZIP, city, state, latitude, longitude) of 68 US cities.
# Fixed here, not drawn from the ZIP package, so a seed makes the same directory on every
# machine and with every monthly release of the ZIP data (notebook outputs depend on it).
SITES: tuple[tuple[str, str, str, float, float], ...] = (
    ("97205", "Portland", "OR", 45.5207, -122.6888),
    ("97214", "Portland", "OR", 45.5142, -122.6364),
    ("97301", "Salem", "OR", 44.949, -123.004),
    ("97401", "Eugene", "OR", 44.0682, -123.0819),
    ("97701", "Bend", "OR", 44.0928, -121.2936),
    ("98101", "Seattle", "WA", 47.6114, -122.3305),
    ("98122", "Seattle", "WA", 47.6116, -122.3056),
    ("98402", "Tacoma", "WA", 47.2545, -122.4405),
    ("99201", "Spokane", "WA", 47.6665, -117.4365),
    ("98501", "Olympia", "WA", 47.0129, -122.8763),
    ("98660", "Vancouver", "WA", 45.6418, -122.6801),
    ("97520", "Ashland", "OR", 42.1885, -122.693),
    ("83702", "Boise", "ID", 43.6322, -116.2052),
    ("94612", "Oakland", "CA", 37.8085, -122.2668),
    ("95814", "Sacramento", "CA", 38.5804, -121.4922),
    ("92101", "San Diego", "CA", 32.7185, -117.1593),
    ("90012", "Los Angeles", "CA", 34.0614, -118.2385),
    ("93721", "Fresno", "CA", 36.7377, -119.7843),
    ("89101", "Las Vegas", "NV", 36.1721, -115.1224),
    ("85004", "Phoenix", "AZ", 33.4557, -112.0686),
    ("87102", "Albuquerque", "NM", 35.0818, -106.6482),
    ("80202", "Denver", "CO", 39.7491, -104.9946),
    ("80302", "Boulder", "CO", 40.0172, -105.2851),
    ("84101", "Salt Lake City", "UT", 40.7559, -111.8967),
    ("78701", "Austin", "TX", 30.2713, -97.7426),
    ("78704", "Austin", "TX", 30.2428, -97.7658),
    ("77002", "Houston", "TX", 29.7594, -95.3594),
    ("75201", "Dallas", "TX", 32.7904, -96.8044),
    ("76102", "Fort Worth", "TX", 32.7589, -97.328),
    ("73102", "Oklahoma City", "OK", 35.4726, -97.5199),
    ("66101", "Kansas City", "KS", 39.1157, -94.6271),
    ("64106", "Kansas City", "MO", 39.1052, -94.5699),
    ("68102", "Omaha", "NE", 41.259, -95.9409),
    ("55401", "Minneapolis", "MN", 44.9835, -93.2683),
    ("53202", "Milwaukee", "WI", 43.0506, -87.8968),
    ("60601", "Chicago", "IL", 41.8858, -87.6181),
    ("60614", "Chicago", "IL", 41.9229, -87.6483),
    ("62701", "Springfield", "IL", 39.8, -89.6495),
    ("46204", "Indianapolis", "IN", 39.772, -86.1535),
    ("48226", "Detroit", "MI", 42.3333, -83.0484),
    ("44113", "Cleveland", "OH", 41.4816, -81.7018),
    ("43215", "Columbus", "OH", 39.9671, -83.0044),
    ("40202", "Louisville", "KY", 38.2507, -85.7476),
    ("37203", "Nashville", "TN", 36.1504, -86.7916),
    ("30303", "Atlanta", "GA", 33.7525, -84.3888),
    ("28202", "Charlotte", "NC", 35.229, -80.8419),
    ("27601", "Raleigh", "NC", 35.7727, -78.6324),
    ("23219", "Richmond", "VA", 37.5463, -77.4378),
    ("20001", "Washington", "DC", 38.9122, -77.0177),
    ("21201", "Baltimore", "MD", 39.2946, -76.6252),
    ("19103", "Philadelphia", "PA", 39.9513, -75.1741),
    ("15222", "Pittsburgh", "PA", 40.4477, -79.9933),
    ("10001", "New York", "NY", 40.7484, -73.9967),
    ("11201", "Brooklyn", "NY", 40.694, -73.9903),
    ("12207", "Albany", "NY", 42.6526, -73.7562),
    ("14202", "Buffalo", "NY", 42.887, -78.8779),
    ("02108", "Boston", "MA", 42.3576, -71.0684),
    ("01608", "Worcester", "MA", 42.2624, -71.8003),
    ("06103", "Hartford", "CT", 41.7672, -72.676),
    ("04101", "Portland", "ME", 43.6606, -70.2589),
    ("33130", "Miami", "FL", 25.7672, -80.2059),
    ("33602", "Tampa", "FL", 27.9614, -82.4597),
    ("32801", "Orlando", "FL", 28.5399, -81.3727),
    ("70112", "New Orleans", "LA", 29.9605, -90.0753),
    ("35203", "Birmingham", "AL", 33.521, -86.8066),
    ("38103", "Memphis", "TN", 35.144, -90.048),
    ("96813", "Honolulu", "HI", 21.3179, -157.8521),
    ("99501", "Anchorage", "AK", 61.2225, -149.8677),
)
DAYS = (
    "Mon;Wed;Fri",
    "Tue;Wed;Thu",
    "Mon;Tue;Thu",
    "Tue;Thu;Sat",
    "Mon;Tue;Wed;Thu;Fri",
    "Wed",
    "Tue",
    "Mon;Tue;Wed;Thu;Fri;Sat;Sun",
    "",
)


def _cells(
    rng: random.Random, vocabulary: tuple[str, ...], size: int, low: int, high: int
) -> list[str]:
    """A pool of realistic cells: some options offered, sometimes a recorded no or '!*', some blank."""
    pool = [""]
    for _ in range(size):
        chosen = rng.sample(vocabulary, rng.randint(low, min(high, len(vocabulary))))
        rest = [v for v in vocabulary if v not in chosen]
        opts = Options.of(chosen, complete=rng.random() < 0.35)
        if rest and not opts.others_not_offered and rng.random() < 0.3:
            opts = Options(offered=opts.offered, not_offered=frozenset({rng.choice(rest)}))
        pool.append(opts.cell())
    return pool


def _pick(
    gen: np.random.Generator,
    pool: list[str] | tuple[str, ...],
    n: int,
    p: list[float] | None = None,
) -> np.ndarray:
    return np.asarray(pool, dtype=object)[gen.choice(len(pool), size=n, p=p)]


def _flag(gen: np.random.Generator, n: int, yes: float, unknown: float = 0.25) -> np.ndarray:
    return _pick(
        gen, ("yes", "no", ""), n, [yes * (1 - unknown), (1 - yes) * (1 - unknown), unknown]
    )


def synthetic_table(
    n: int, seed: int = 0, *, verified_by: date = date(2026, 11, 20)
) -> pd.DataFrame:
    """n fictional programs as a directory table (the columns of a directory CSV file, as text)."""
    rng = random.Random(seed)
    gen = np.random.default_rng(seed)
    site = gen.integers(0, len(SITES), size=n)
    zips, cities, states, lats, lons = (np.asarray(column) for column in zip(*SITES, strict=True))
    numbers = np.arange(1, n + 1).astype(str)
    levels = _pick(gen, list(LEVELS), n, list(LEVELS.values()))
    days = _pick(gen, DAYS, n, [0.16, 0.12, 0.12, 0.08, 0.16, 0.1, 0.06, 0.12, 0.08])
    charge = _pick(gen, ("150.00", "450.00", "600.00", "950.00", "1400.00"), n)
    billed = (days != "") & (gen.random(n) < 0.9)
    verified = np.datetime64(verified_by, "D") - gen.integers(0, 720, size=n).astype(
        "timedelta64[D]"
    )
    lat = lats.astype(float)[site] + gen.uniform(-0.05, 0.05, n)
    lon = lons.astype(float)[site] + gen.uniform(-0.05, 0.05, n)
    columns: dict[str, object] = {
        "id": np.char.add("syn-", np.char.zfill(numbers, 6)),
        "name": np.char.add("Synthetic Program ", numbers),
        "organization": np.char.add("Synthetic Organization ", (np.arange(n) % 997).astype(str)),
        "verified_on": verified.astype(str),
        "source": f"Synthetic record (carenav.synthetic, seed {seed})",
        "city": cities[site],
        "state": states[site],
        "zip": zips[site],
        "latitude": np.char.mod("%.4f", lat),
        "longitude": np.char.mod("%.4f", lon),
        "phone": np.char.add("555-555-01", np.char.zfill((np.arange(n) % 100).astype(str), 2)),
        "website": np.char.add(np.char.add("https://syn-", numbers), ".example.org"),
        "levels": levels,
        "populations": _pick(gen, _cells(rng, tuple(Population), 30, 1, 4), n),
        "tracks": _pick(gen, _cells(rng, tuple(Track), 30, 1, 3), n),
        "conditions": _pick(gen, _cells(rng, tuple(Condition), 40, 2, 5), n),
        "therapies": _pick(gen, _cells(rng, tuple(Therapy), 40, 1, 5), n),
        "family_program": _flag(gen, n, 0.5),
        "holistic": _pick(gen, _cells(rng, tuple(Holistic), 20, 1, 3), n),
        "meeting_days": days,
        "hours_per_session": _pick(gen, ("1", "3", "3", "6", ""), n),
        "daytime": _flag(gen, n, 0.7),
        "evening": _flag(gen, n, 0.4),
        "typical_weeks": _pick(gen, ("4", "8", "12", ""), n),
        "formats": _pick(gen, _cells(rng, tuple(Format), 10, 1, 3), n),
        "plans": _pick(gen, _cells(rng, SAMPLE_PLANS, 30, 1, 4), n),
        "medicare": _flag(gen, n, 0.3),
        "medicaid_states": np.where(gen.random(n) < 0.6, states[site], ""),
        "self_pay": _flag(gen, n, 0.85, 0.15),
        "sliding_scale": _flag(gen, n, 0.45),
        "payment_plan": _flag(gen, n, 0.5, 0.4),
        "scholarship": _flag(gen, n, 0.25, 0.5),
        "group_size": _pick(gen, ("6", "8", "10", "12", ""), n),
        "staff_to_client_ratio": _pick(gen, ("1:4", "1:6", "1:8", ""), n),
        "transportation_help": _flag(gen, n, 0.35, 0.35),
        "parking": _flag(gen, n, 0.75, 0.3),
        "languages": _pick(gen, _cells(rng, LANGUAGES, 20, 1, 3), n),
        "accreditation": _pick(gen, _cells(rng, ACCREDITATION, 6, 1, 2), n),
        "wait_days": _pick(gen, ("0", "1", "3", "7", "14", "21", ""), n),
        "billing_unit": np.where(billed, np.where(levels == "1", "session", "day"), ""),
        "charge": np.where(billed, charge, ""),
        "cash_price": np.where(billed, _pick(gen, ("120.00", "300.00", "400.00", "700.00"), n), ""),
        "planned_weeks": np.where(billed, _pick(gen, ("4", "8", "12"), n), ""),
    }
    table = pd.DataFrame(
        {name: columns.get(name, "") for name in TABLE_COLUMNS}, index=pd.RangeIndex(n)
    )
    return table.astype(str)


def synthetic_frame(n: int, seed: int = 0) -> pd.DataFrame:
    """n fictional programs as a directory frame, ready for carenav.matching."""
    return frame_from_table(synthetic_table(n, seed))
