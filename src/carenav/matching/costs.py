"""The client's estimated cost for every program in a directory frame, through the cost engine.

Adapts the directory frame (``carenav.models.frame``: the catalog has already parsed
rates into ``rate:PLAN`` cents and the tiers into models) to the columns that
``carenav.costs.estimate_totals`` documents, then calls it: no loop over programs, and
totals equal to the per-program ledger to the cent. Programs without billing facts get
no estimate (NA), with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pandas as pd

from carenav.costs import estimate_totals
from carenav.costs.terms import self_pay_share
from carenav.models.billing import SlidingScaleTier
from carenav.models.coverage import CoveragePlan, EstimateInputs, SelfPayPlan
from carenav.models.frame import RATE_PREFIX, TIERS, option_column
from carenav.models.reference import ReferenceTables

PPM = 1_000_000
Tiers = tuple[SlidingScaleTier, ...]


def _by_tiers(cells: pd.Series, convert: Callable[[Tiers], float]) -> npt.NDArray[np.float64]:
    """Apply ``convert`` once per distinct set of tiers and spread the answers over the rows."""
    codes, uniques = pd.factorize(cells)
    values = np.asarray([convert(u) for u in uniques] + [np.nan], dtype=np.float64)
    spread: npt.NDArray[np.float64] = values[codes]
    return spread


def cost_columns(
    frame: pd.DataFrame, plan: CoveragePlan, inputs: EstimateInputs, reference: ReferenceTables
) -> pd.DataFrame:
    """The directory frame in the columns ``estimate_totals`` reads, for one plan and client."""
    billed = frame["billing_unit"].astype(str).str.len().to_numpy() > 0
    days = frame["days_mask"].to_numpy(dtype=np.int64)
    usable = billed & (days >= 0)

    def cents(column: str) -> pd.Series:
        values: pd.Series = (
            frame[column].astype("Int64").mask(pd.Series(~usable, index=frame.index))
        )
        return values

    rate_column = option_column(RATE_PREFIX, plan.id)
    rates = (
        frame[rate_column].to_numpy(dtype=np.float64, na_value=np.nan)
        if rate_column in frame
        else np.full(len(frame), np.nan)
    )
    columns = pd.DataFrame(
        {
            "program_id": frame["id"].to_numpy(),
            "weekday_mask": np.where(usable, days, 0),
            "in_network_cents": pd.array(np.where(usable, rates, np.nan), dtype="Float64").astype(
                "Int64"
            ),
            "charge_cents": cents("charge_cents"),
            "cash_price_cents": cents("cash_price_cents"),
        },
        index=frame.index,
    )
    if isinstance(plan, SelfPayPlan) and inputs.household is not None:
        household = inputs.household

        def share(tiers: Tiers) -> float:
            if not tiers:
                return np.nan
            pays, _ = self_pay_share(list(tiers), household, inputs.start, reference)
            return float(pays * PPM)

        ppm = _by_tiers(frame[TIERS], share)
        columns["sliding_scale_pays_ppm"] = pd.array(ppm, dtype="Float64").astype("Int64")
    return columns


def estimated_costs(
    frame: pd.DataFrame, plan: CoveragePlan, inputs: EstimateInputs, reference: ReferenceTables
) -> pd.DataFrame:
    """Per program (same index as the frame): ``client_cents`` (Int64, NA when unknown) and ``missing``."""
    totals = estimate_totals(cost_columns(frame, plan, inputs, reference), plan, inputs, reference)
    no_billing = (frame["billing_unit"].astype(str).str.len() == 0).to_numpy()
    totals.loc[no_billing, "missing"] = "no billing facts in the directory"
    return totals[["program_id", "units", "client_cents", "missing"]]
