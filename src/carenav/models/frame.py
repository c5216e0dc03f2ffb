"""The two tables of the program directory: the file's columns and the frame's codes.

A *directory table* has one row per program and the columns of a directory CSV file
as text (``TABLE_COLUMNS``, documented in docs/programs-format.md). The *directory
frame* the catalog builds from it has one column per option a filter can ask about,
each coded ``NO`` (recorded no), ``UNKNOWN`` (not recorded) or ``YES`` as int8, so
that "any of these options" is a column-wise maximum. This module is the contract
between the catalog, which builds the frame, and the engines, which read it; it
does no work of its own.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

from carenav.models.billing import Weekday
from carenav.models.vocabulary import Condition, Format, Holistic, Population, Therapy, Track

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Codes = npt.NDArray[np.int8]

NO, UNKNOWN, YES = 0, 1, 2
OTHERS = "*"


def __getattr__(name: str) -> Any:
    """`Codes` (int8 arrays), built on first use: this contract is read by first screens
    that never touch an array, and numpy costs a kernel about 0.13 s to import."""
    if name == "Codes":
        import numpy as np
        import numpy.typing as npt

        return npt.NDArray[np.int8]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def options_in(columns: Iterable[Hashable], prefix: str) -> list[str]:
    """The options a frame has columns for under a prefix, e.g. every plan id for 'plan'.

    `columns` are a frame's columns, or the directory's recorded ones (no frame read).
    """
    start, others = option_column(prefix, ""), option_column(prefix, OTHERS)
    return [
        name[len(start) :]
        for name in map(str, columns)
        if name.startswith(start) and name != others
    ]


# The columns of a directory file, in the documented order.
TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "organization",
    "verified_on",
    "source",
    "street",
    "city",
    "state",
    "zip",
    "latitude",
    "longitude",
    "phone",
    "intake_phone",
    "website",
    "levels",
    "populations",
    "tracks",
    "conditions",
    "therapies",
    "family_program",
    "holistic",
    "meeting_days",
    "days_per_week",
    "hours_per_session",
    "daytime",
    "evening",
    "typical_weeks",
    "formats",
    "plans",
    "medicare",
    "medicaid_states",
    "self_pay",
    "sliding_scale",
    "payment_plan",
    "scholarship",
    "private_insurance",
    "military_insurance",
    "payment_assistance",
    "group_size",
    "staff_to_client_ratio",
    "transportation_help",
    "parking",
    "languages",
    "accreditation",
    "admission_requirements",
    "wait_days",
    "what_to_bring",
    "billing_unit",
    "charge",
    "cash_price",
    "in_network_rates",
    "sliding_scale_tiers",
    "planned_weeks",
)

# Option facets: the file column, the frame prefix, and the options (None: whatever the file names).
OPTION_FACETS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "populations": ("pop", tuple(Population)),
    "tracks": ("track", tuple(Track)),
    "conditions": ("cond", tuple(Condition)),
    "therapies": ("therapy", tuple(Therapy)),
    "holistic": ("holistic", tuple(Holistic)),
    "formats": ("format", tuple(Format)),
    "plans": ("plan", None),
    "medicaid_states": ("medicaid", None),
    "languages": ("lang", None),
    "accreditation": ("accredited", None),
}
# Yes/no facts: the file column is also the frame column.
FLAGS = (
    "family_program",
    "daytime",
    "evening",
    "medicare",
    "self_pay",
    "sliding_scale",
    "payment_plan",
    "scholarship",
    "private_insurance",
    "military_insurance",
    "payment_assistance",
    "transportation_help",
    "parking",
)
NUMBERS = (
    "days_per_week",
    "hours_per_session",
    "typical_weeks",
    "group_size",
    "wait_days",
    "planned_weeks",
)
# Text carried through for display.
TEXT = (
    "id",
    "name",
    "organization",
    "source",
    "street",
    "city",
    "state",
    "zip",
    "phone",
    "intake_phone",
    "website",
    "levels",
    "meeting_days",
    "staff_to_client_ratio",
    "admission_requirements",
    "what_to_bring",
    "billing_unit",
)
# Money parsed from the file, as whole cents (Int64, NA where not recorded).
CENTS = {"charge": "charge_cents", "cash_price": "cash_price_cents"}
# The contracted rate for one plan is column 'rate:PLAN' (cents); the tiers one column.
RATE_PREFIX = "rate"
TIERS = "sliding_scale_tiers"


def option_column(prefix: str, option: str) -> str:
    """The frame column of one option, e.g. ('therapy', 'cbt') -> 'therapy:cbt'."""
    return f"{prefix}:{option}"


def day_mask(days: Iterable[Weekday | str]) -> int:
    """Seven bits, Monday the lowest: the days as one number for vectorized comparison."""
    mask = 0
    for day in days:
        mask |= 1 << Weekday(day).index
    return mask
