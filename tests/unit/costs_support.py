"""Plans and reference tables from the bundled data/, shared by the cost-engine tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from carenav.catalog import bundled_data_dir
from carenav.catalog.payers import load_payers
from carenav.catalog.reference import load_reference
from carenav.errors import Problem
from carenav.models.billing import ProgramBilling, Weekday
from carenav.models.coverage import CoveragePlan, EstimateInputs
from carenav.models.reference import ReferenceTables


@cache
def bundled() -> tuple[ReferenceTables, dict[str, CoveragePlan]]:
    """The bundled reference tables and plans (loaded once; both are immutable)."""
    problems: list[Problem] = []
    reference = load_reference(bundled_data_dir(), problems)
    plans = load_payers(bundled_data_dir(), reference, problems, [])
    assert not problems, problems
    return reference, plans


def reference() -> ReferenceTables:
    return bundled()[0]


def plan(plan_id: str) -> CoveragePlan:
    return bundled()[1][plan_id]


def program(
    rate: str | None = "450",
    days: str = "Mon,Wed,Fri",
    charge: str | None = None,
    cash: str | None = None,
    plans: tuple[str, ...] = (
        "example-ppo-2026",
        "example-copay-2026",
        "medicare-part-b-2026",
        "medicaid-ny-example",
    ),
    **extra: Any,
) -> ProgramBilling:
    """A program billing `rate` a day to each sample plan, meeting on `days`."""
    return ProgramBilling(
        meeting_days=[Weekday(d) for d in days.split(",")],
        in_network_rates={} if rate is None else dict.fromkeys(plans, Decimal(rate)),
        charge=None if charge is None else Decimal(charge),
        cash_price=None if cash is None else Decimal(cash),
        **extra,
    )


def inputs(start: date = date(2026, 3, 2), weeks: int = 12, **extra: Any) -> EstimateInputs:
    return EstimateInputs.model_validate({"start": start, "weeks": weeks, **extra})
