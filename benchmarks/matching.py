"""How long the program finder takes to filter and rank 1,000 / 10,000 / 100,000 programs.

For each size, a seeded synthetic directory is built once; then, alternating so that
drift on a noisy machine hits both alike, the script times ``find_programs`` (every
hard filter, the score, the sort, near misses, and reasons for the 25 rows shown) and a
baseline on the same frame: one boolean mask and one sort, the least any finder must
do. It prints the medians and their ratio, then the time to load a 20,000-program
directory CSV through the catalog (validation into models plus the frame).

    .venv/bin/python benchmarks/matching.py [--runs 21] [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from carenav.catalog import load as load_catalog
from carenav.catalog.program_directory import load_directory
from carenav.catalog.programs import COLUMNS
from carenav.matching import find_programs
from carenav.models import ClientNeeds
from carenav.synthetic import synthetic_frame, synthetic_table

RANKING = load_catalog(sections=("ranking",)).ranking
TODAY = date(2026, 11, 27)
# A realistic navigator query: every hard filter the app offers, and three nice-to-haves.
NEEDS = ClientNeeds.model_validate(
    {
        "needs": {"substance-use"},
        "conditions": {"alcohol-use"},
        "levels": {"2.1", "2.5"},
        "plan": "example-ppo-2026",
        "other_payment": {"sliding-scale"},
        "zip": "97205",
        "max_miles": 1500,
        "available_days": {"Mon", "Tue", "Wed", "Thu", "Fri"},
        "times": {"evening", "daytime"},
        "formats": {"in-person", "hybrid"},
        "nice_to_have": {"family_program": True, "therapies": {"cbt"}, "languages": {"spanish"}},
    }
)


def baseline(frame: pd.DataFrame) -> np.ndarray:
    """One boolean mask over the frame and a sort of the survivors: a floor for any finder."""
    mask = frame["level:2.1"].to_numpy() != 0
    kept = np.flatnonzero(mask)
    order = np.argsort(-frame["wait_days"].to_numpy()[kept], kind="stable")
    return kept[order]


def finder(frame: pd.DataFrame) -> int:
    return len(find_programs(NEEDS, frame, ranking=RANKING, today=TODAY, explain=25).results)


def median_ms(
    runs: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        for fn, out in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(a), statistics.median(b)


def load_time(n: int, runs: int) -> float:
    """Median seconds to load an n-program directory CSV through the catalog section loader."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "programs").mkdir()
        synthetic_table(n, seed=7)[list(COLUMNS)].to_csv(
            root / "programs" / "synthetic.csv", index=False
        )
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            problems: list = []
            directory = load_directory(root, problems, use_cache=False)
            times.append(time.perf_counter() - start)
            assert directory is not None and len(directory) == n and not problems, problems[:3]
        return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--load-size", type=int, default=20000)
    args = parser.parse_args()
    print(f"{'programs':>9} {'results':>8} {'finder ms':>10} {'baseline ms':>12} {'ratio':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        frame = synthetic_frame(size, seed=1)
        finder(frame)  # warm up: the ZIP table, numpy code paths
        found, took, floor = (
            finder(frame),
            *median_ms(args.runs, lambda f=frame: finder(f), lambda f=frame: baseline(f)),
        )
        print(f"{size:>9,} {found:>8,} {took:>10.1f} {floor:>12.2f} {took / floor:>6.1f}")
    seconds = load_time(args.load_size, runs=3)
    print(
        f"catalog load of {args.load_size:,} programs (CSV -> validated models + frame): {seconds:.2f} s median of 3"
    )


if __name__ == "__main__":
    main()
