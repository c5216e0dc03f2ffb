"""How fast the cost engine is: one ledger, and vectorized totals over 100,000 programs.

Run: .venv/bin/python benchmarks/costs.py

Prints medians (time.perf_counter over several runs), beside two baselines measured in
the same run: a plain pandas sum over the same frame (the floor for touching every
row), and the per-program ledger loop over a 1,000-program sample, scaled to 100,000
(what the vectorized path replaces). Targets: totals < 0.5 s, one ledger < 5 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from carenav.catalog import bundled_data_dir
from carenav.catalog.payers import load_payers
from carenav.catalog.reference import load_reference
from carenav.costs import estimate
from carenav.costs.vectorized import estimate_totals
from carenav.errors import InputError, Problem
from carenav.models.billing import ProgramBilling, Weekday
from carenav.models.coverage import EstimateInputs

PROGRAMS = 100_000
SAMPLE = 1_000
PLAN_ID = "example-ppo-2026"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """The median wall time of `runs` calls, after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def synthetic_programs(count: int, seed: int = 7) -> pd.DataFrame:
    """Random programs in the estimate_totals contract: rates $50-$1,500, 1-7 meeting days."""
    rng = np.random.default_rng(seed)
    rate = rng.integers(5_000, 150_000, count)
    rate_known = rng.random(count) < 0.9
    return pd.DataFrame(
        {
            "program_id": [f"p{i}" for i in range(count)],
            "weekday_mask": rng.integers(1, 128, count),
            "in_network_cents": pd.Series(rate, dtype="Int64").where(rate_known),
            "charge_cents": pd.array(rate + rng.integers(0, 50_000, count), dtype="Int64"),
            "cash_price_cents": pd.array(rate // 2, dtype="Int64"),
            "level": rng.choice(["2.1", "2.5", "1"], count),
        }
    )


def as_billing(row: pd.Series) -> ProgramBilling:
    days = [day for day in Weekday if int(row["weekday_mask"]) >> day.index & 1]
    rate = row["in_network_cents"]
    return ProgramBilling(
        meeting_days=days,
        in_network_rates={} if pd.isna(rate) else {PLAN_ID: Decimal(int(rate)) / 100},
        charge=Decimal(int(row["charge_cents"])) / 100,
        cash_price=Decimal(int(row["cash_price_cents"])) / 100,
    )


def main() -> None:
    problems: list[Problem] = []
    reference = load_reference(bundled_data_dir(), problems)
    plans = load_payers(bundled_data_dir(), reference, problems, [])
    plan = plans[PLAN_ID]
    # Crosses the plan year, so the vectorized path does two plan years.
    inputs = EstimateInputs(start=date(2026, 11, 2), weeks=26)
    readme_inputs = EstimateInputs(start=date(2026, 3, 2), weeks=12)
    readme_program = ProgramBilling(
        meeting_days=[Weekday.MON, Weekday.WED, Weekday.FRI],
        in_network_rates={PLAN_ID: Decimal(450)},
    )

    frame = synthetic_programs(PROGRAMS)
    vectorized = median_seconds(lambda: estimate_totals(frame, plan, inputs, reference), runs=7)
    plain_sum = median_seconds(
        lambda: (frame["in_network_cents"] * frame["weekday_mask"]).sum(), runs=7
    )

    sample = [as_billing(row) for _, row in frame.head(SAMPLE).iterrows()]

    def loop() -> list[int | None]:
        found: list[int | None] = []
        for billing in sample:
            try:
                found.append(
                    int(estimate(plan, billing, inputs, reference).totals.client_pays * 100)
                )
            except InputError:
                found.append(None)
        return found

    vectorized_sample = estimate_totals(frame.head(SAMPLE), plan, inputs, reference)["client_cents"]
    same = [None if pd.isna(v) else int(v) for v in vectorized_sample] == loop()

    loop_scaled = median_seconds(loop, runs=3) * PROGRAMS / SAMPLE
    one_ledger = median_seconds(
        lambda: estimate(plan, readme_program, readme_inputs, reference), runs=200
    )
    one_ledger_long = median_seconds(
        lambda: estimate(plan, readme_program, inputs, reference), runs=200
    )

    print(
        f"carenav cost benchmark ({PROGRAMS:,} synthetic programs, plan {PLAN_ID}, 26 weeks across a plan year)"
    )
    print(
        f"  vectorized totals, {PROGRAMS:,} programs : {vectorized * 1000:8.1f} ms median  (target < 500 ms)"
    )
    print(
        f"  baseline: plain pandas sum, same frame : {plain_sum * 1000:8.1f} ms median  (ratio {vectorized / plain_sum:.1f}x)"
    )
    print(
        f"  baseline: ledger loop, scaled from {SAMPLE:,}: {loop_scaled * 1000:8.1f} ms         (vectorized is {loop_scaled / vectorized:.0f}x faster)"
    )
    print(
        f"  one ledger, README check (12 weeks)    : {one_ledger * 1000:8.2f} ms median  (target < 5 ms)"
    )
    print(f"  one ledger, 26 weeks, two plan years   : {one_ledger_long * 1000:8.2f} ms median")
    print(
        f"  vectorized equals the ledgers on the {SAMPLE:,}-program sample: {'yes' if same else 'NO'}"
    )
    ok = vectorized < 0.5 and one_ledger < 0.005 and same
    print("  targets met" if ok else "  TARGETS MISSED")


if __name__ == "__main__":
    main()
