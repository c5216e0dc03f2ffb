"""Cost estimates: a plan, a program and a schedule in; a week-by-week ledger (or totals) out.

`estimate` builds one ledger with its events and assumptions; `estimate_totals` gives the
client's total for every program in a DataFrame at once, equal to the ledgers to the cent.
Both are pure: no I/O, no printing; the catalog supplies plans and reference tables.
"""

from typing import TYPE_CHECKING, Any

from carenav.costs.engine import estimate
from carenav.costs.ledger import (
    CostEvent,
    CostLedger,
    DataVersion,
    LedgerTotals,
    LedgerWeek,
    PaymentPlan,
    next_monday,
)
from carenav.costs.questions import questions_to_ask
from carenav.models.base import dollars

if TYPE_CHECKING:
    from carenav.costs.vectorized import estimate_totals, program_frame, weekday_mask

__all__ = [
    "CostEvent",
    "CostLedger",
    "DataVersion",
    "LedgerTotals",
    "LedgerWeek",
    "PaymentPlan",
    "dollars",
    "estimate",
    "estimate_totals",
    "next_monday",
    "program_frame",
    "questions_to_ask",
    "weekday_mask",
]


# The vectorised engine needs pandas, which a page that estimates one program (the cost
# estimator's first screen) need not import: its names are imported on first use.
_VECTORIZED = ("estimate_totals", "program_frame", "weekday_mask")


def __getattr__(name: str) -> Any:
    if name in _VECTORIZED:
        from carenav.costs import vectorized

        return getattr(vectorized, name)
    raise AttributeError(f"module 'carenav.costs' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
