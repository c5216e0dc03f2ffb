"""Rule sets built in code for the engine tests: a tiny one per effect, and a mental-health one.

The mental-health set has its own dimensions, a 1–5 scale, different levels and
different transition criteria, to prove the engine hard-codes none of the shipped set.
Its dimensions and rules are invented for the tests; they are not LOCUS.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet

SCALE_0_4 = {
    "minimum": 0,
    "maximum": 4,
    "meanings": {0: "none", 1: "mild", 2: "moderate", 3: "serious", 4: "severe"},
}


def tiny_rule_set(*rules: dict[str, Any], **extra: Any) -> RuleSet:
    """Two dimensions (a, b), one flag (f), five levels, and the rules given."""
    data: dict[str, Any] = {
        "id": "tiny",
        "name": "Tiny test rules",
        "version": "t1",
        "description": "For unit tests.",
        "disclaimer": "Test rules only; not for clinical use.",
        "source": {"title": "carenav tests"},
        "levels": ["1", "2.1", "2.5", "3.5", "4"],
        "scale": SCALE_0_4,
        "dimensions": [{"id": "a", "name": "Area A"}, {"id": "b", "name": "Area B"}],
        "flags": [{"id": "f", "question": "Is F true?"}],
        "rules": list(rules) or [_rule("never", {"flag": "f"}, {"require_review": True})],
    }
    data.update(extra)
    return RuleSet.model_validate(data)


def _rule(rule_id: str, when: dict[str, Any], effect: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": rule_id,
        "when": when,
        "effect": effect,
        "explanation": f"Explanation of {rule_id}.",
        "source": "test",
    }


rule = _rule


def assessed(
    on: date | str = "2026-01-01", flags: tuple[str, ...] = (), **ratings: int
) -> Assessment:
    return Assessment.model_validate(
        {"date": on, "rater": "tester", "ratings": ratings, "flags": list(flags)}
    )


MENTAL_HEALTH: dict[str, Any] = {
    "id": "example-mh",
    "name": "Example mental-health rules (tests only)",
    "version": "mh-0.1",
    "description": "A differently shaped rule set: four dimensions rated 1 to 5.",
    "disclaimer": "Invented for carenav's tests; not LOCUS and not for clinical use.",
    "source": {"title": "carenav tests", "year": 2026},
    "levels": ["1", "2.1", "2.5", "3.7", "4"],
    "scale": {
        "minimum": 1,
        "maximum": 5,
        "meanings": {
            1: "no current concern",
            2: "a little",
            3: "some — needs attention",
            4: "a lot — needs close attention",
            5: "extreme — needs immediate attention",
        },
    },
    "dimensions": [
        {"id": "safety", "name": "Safety"},
        {"id": "functioning", "name": "Getting through the day"},
        {"id": "support", "name": "Support around the person"},
        {"id": "engagement", "name": "Engagement with care"},
    ],
    "flags": [{"id": "recent-discharge", "question": "Discharged from hospital in the last week?"}],
    "rules": [
        _rule(
            "extreme-safety-risk",
            {"rating_at_least": {"dimension": "safety", "rating": 5}},
            {"minimum_level": "4"},
        ),
        _rule(
            "high-safety-risk",
            {"rating_at_least": {"dimension": "safety", "rating": 4}},
            {"minimum_level": "2.5"},
        ),
        _rule(
            "struggling-without-support",
            {
                "all_of": [
                    {"rating_at_least": {"dimension": "functioning", "rating": 4}},
                    {"rating_at_least": {"dimension": "support", "rating": 4}},
                ]
            },
            {"minimum_level": "3.7"},
        ),
        _rule(
            "two-areas-need-attention",
            {"any_rating_at_least": {"rating": 3, "count": 2}},
            {"minimum_level": "2.1"},
        ),
        _rule("all-calm", {"all_ratings_at_most": {"rating": 2}}, {"maximum_level": "1"}),
        _rule("after-discharge", {"flag": "recent-discharge"}, {"require_review": True}),
    ],
    "transitions": {
        "step_down": {"consecutive_improving_assessments": 3, "attendance_at_least": 0.9},
        "step_up_triggers": [
            {
                "id": "rose-to-a-lot",
                "rating_rose_to_at_least": 4,
                "explanation": "An area rose to 'a lot' or more.",
                "source": "test",
            },
        ],
    },
}


def mental_health_rule_set() -> RuleSet:
    return RuleSet.model_validate(MENTAL_HEALTH)
