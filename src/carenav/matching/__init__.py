"""Matching: a client's needs against the program directory, as filters, a score, reasons and near misses.

Hard filters: options within a facet combine with OR, facets with AND; a program whose
record does not say is kept and marked "not confirmed — call to check"; only a
recorded no excludes. Nice-to-haves score programs with weights the user can change.

>>> from datetime import date
>>> from carenav import catalog
>>> from carenav.models import ClientNeeds
>>> data = catalog.load(sections=("programs", "ranking"))
>>> needs = ClientNeeds(needs={"substance-use"}, levels={"2.1"}, zip="97205", max_miles=30)
>>> matches = find_programs(needs, data.programs.frame, today=date(2026, 11, 27), ranking=data.ranking)
>>> bool((matches.results["miles"] <= 30).all())
True
"""

from carenav.matching.criteria import Criterion, Option, track_options
from carenav.matching.engine import Matches, find_programs
from carenav.matching.reasons import NOT_CONFIRMED
from carenav.matching.score import score
from carenav.models.ranking import SORT_KEYS, SortKey

__all__ = [
    "NOT_CONFIRMED",
    "SORT_KEYS",
    "Criterion",
    "Matches",
    "Option",
    "SortKey",
    "find_programs",
    "score",
    "track_options",
]


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
