"""Cost estimates: a plan, a program and a schedule in; a week-by-week ledger (or totals) out.

`estimate` builds one ledger with its events and assumptions; `estimate_totals` gives the
client's total for every program in a DataFrame at once, equal to the ledgers to the cent.
Both are pure: no I/O, no printing; the catalog supplies plans and reference tables.
"""

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
from carenav.costs.vectorized import estimate_totals, program_frame, weekday_mask
from carenav.models.base import dollars

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


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
