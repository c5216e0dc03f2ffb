"""Transitions: a current level and a history of assessments give step-down / stay / step-up.

Movement follows reassessment, not a fixed length of stay. The criteria (how many
improving assessments in a row, attendance and goals thresholds, step-up triggers)
are data in the rule set; this package only applies them and says which are met.
Too little history gives "review needed" and names what is missing.

>>> from carenav import catalog
>>> rules = catalog.load().rule_set("illustrative-sud")
>>> from carenav.models.assessment import Assessment
>>> mild = {d: 1 for d in rules.dimension_ids()}
>>> first = Assessment(date="2026-01-05", rater="demo", ratings=mild)
>>> result = assess_transition("2.1", [first], rules)
>>> result.verdict, result.target_level
('review_needed', '1')
>>> result.missing[0]
'1 more improving assessment(s) (only 1 so far)'
"""

from carenav.transitions.engine import assess_transition, decide_transition
from carenav.transitions.result import (
    VERDICT_WORDS,
    CriterionCheck,
    FiredTrigger,
    TransitionResult,
    Verdict,
)

__all__ = [
    "VERDICT_WORDS",
    "CriterionCheck",
    "FiredTrigger",
    "TransitionResult",
    "Verdict",
    "assess_transition",
    "decide_transition",
]


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
