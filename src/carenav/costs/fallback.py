"""Totals for a frame of programs by the per-program ledger, for rules the closed form lacks.

The vectorized path has a closed form for a plan year in which every unit costs the
same after the deductible. Rules that make a unit's cost depend on what came before
in another way are computed here instead, one ledger per row: exact, and slower.
Today that is two rules: a full-benefit dual at a program that takes Medicaid, whose
Medicaid copay (when above $0) caps each unit's share; and Medicaid's 5% household cap,
which stops copays for the rest of a month or quarter once reached.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from carenav.costs.engine import estimate
from carenav.costs.terms import YearTerms, meeting_dates
from carenav.errors import InputError
from carenav.models.billing import ProgramBilling, Weekday
from carenav.models.coverage import CoveragePlan, EstimateInputs
from carenav.models.reference import ReferenceTables

_DAYS = list(Weekday)


def needs_ledger(terms: YearTerms) -> bool:
    """True when these terms have no closed form in the vectorized path."""
    return bool(terms.client_copay_instead) or terms.period_cap is not None


def _column(programs: pd.DataFrame, name: str) -> list[int | None]:
    """A cents column as Python integers, NA as None."""
    values = programs[name].astype("Int64")
    return [None if pd.isna(v) else int(v) for v in values.to_list()]


def _dollars(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents).scaleb(-2)


def ledger_totals(
    programs: pd.DataFrame, plan: CoveragePlan, inputs: EstimateInputs, reference: ReferenceTables
) -> pd.DataFrame:
    """The frame `estimate_totals` returns, each row from its own ledger."""
    units: list[int] = []
    client: list[int | None] = []
    plan_pays: list[int | None] = []
    missing: list[str] = []
    columns = zip(
        _column(programs, "weekday_mask"),
        _column(programs, "in_network_cents"),
        _column(programs, "charge_cents"),
        _column(programs, "cash_price_cents"),
        programs["level"].astype(str).to_list()
        if "level" in programs
        else [inputs.level] * len(programs),
        strict=True,
    )
    for mask, rate, charge, cash, level in columns:
        billing = ProgramBilling.model_validate(
            {
                "charge": _dollars(charge),
                "cash_price": _dollars(cash),
                "in_network_rates": {} if rate is None else {plan.id: _dollars(rate)},
                "meeting_days": [d for d in _DAYS if (mask or 0) >> d.index & 1],
            }
        )
        try:
            ledger = estimate(plan, billing, inputs.model_copy(update={"level": level}), reference)
        except InputError as exc:
            units.append(len(meeting_dates(billing, inputs.start, inputs.weeks)))
            client.append(None)
            plan_pays.append(None)
            missing.append(exc.detail)
            continue
        units.append(ledger.totals.units)
        client.append(int(ledger.totals.client_pays * 100))
        plan_pays.append(int(ledger.totals.plan_pays * 100))
        missing.append("")
    return pd.DataFrame(
        {
            "program_id": programs["program_id"].to_numpy(),
            "units": np.asarray(units, dtype=np.int64),
            "client_cents": pd.array(client, dtype="Int64"),
            "plan_pays_cents": pd.array(plan_pays, dtype="Int64"),
            "missing": missing,
        },
        index=programs.index,
    )
