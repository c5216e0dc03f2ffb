"""The public API, pinned (as pyhf pins its own): a name an analyst's notebook uses cannot vanish unnoticed.

A change here is a change to what analysts import: add a name on purpose, remove one
only with a note in the README, and keep `__all__` and this list the same.
"""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "carenav": ["__version__"],
    "carenav.catalog": [
        "Catalog",
        "DATA_ENV",
        "SECTIONS",
        "bundled_data_dir",
        "default_data_dir",
        "load",
    ],
    "carenav.co_occurring": ["CoOccurringResult", "INTEGRATED", "assess_co_occurring"],
    "carenav.costs": [
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
    ],
    "carenav.coverage_review": [
        "COVERAGE_LABEL",
        "CoverageReview",
        "CriterionFinding",
        "Recertification",
        "recertification_days",
        "recertifications",
        "review_coverage",
    ],
    "carenav.matching": [
        "Criterion",
        "Matches",
        "NOT_CONFIRMED",
        "Option",
        "SORT_KEYS",
        "SortKey",
        "find_programs",
        "score",
        "track_options",
    ],
    "carenav.placement": [
        "FiredRule",
        "PROVISIONAL",
        "PlacementResult",
        "allowed_levels",
        "check_assessment",
        "decide",
        "holds",
        "level_namer",
        "recommend_level",
        "rule_set_provenance",
        "rules_that_fire",
    ],
    "carenav.transitions": [
        "CriterionCheck",
        "FiredTrigger",
        "TransitionResult",
        "VERDICT_WORDS",
        "Verdict",
        "assess_transition",
        "decide_transition",
    ],
}


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_the_public_names_of_each_module_are_pinned(name: str) -> None:
    module = importlib.import_module(name)
    assert dir(module) == PUBLIC[name]


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_name_can_be_used(name: str) -> None:
    module = importlib.import_module(name)
    missing = [attr for attr in PUBLIC[name] if not hasattr(module, attr)]
    assert missing == []
