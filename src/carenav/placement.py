"""Placement: an assessment and a rule set give the recommended level of care, with reasons.

The highest-need dimension sets the minimum safe level; ratings are never averaged.
Each rule that fires limits the levels (at least, at most, not these) or asks for a
clinician's review; the recommendation is the least intensive level the rules leave.
The result is provisional decision support: a clinician makes the placement.

>>> from carenav import catalog
>>> rules = catalog.load().rule_set("illustrative-sud")
>>> from carenav.models.assessment import Assessment
>>> mild = {d: 1 for d in rules.dimension_ids()}
>>> recommend_level(Assessment(date="2026-01-05", rater="demo", ratings=mild), rules).recommended_level
'1'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

import numpy as np
from pydantic import Field

from carenav.errors import DataError, InputError, Problem
from carenav.models.assessment import Assessment, ClinicianDecision
from carenav.models.base import StrictModel
from carenav.models.conditions import Condition
from carenav.models.levels import Continuum, level_label
from carenav.models.rule_checks import level_window
from carenav.models.rules import Rule, RuleSet

__all__ = [
    "PROVISIONAL",
    "FiredRule",
    "PlacementResult",
    "allowed_levels",
    "check_assessment",
    "decide",
    "holds",
    "level_namer",
    "recommend_level",
    "rule_set_provenance",
    "rules_that_fire",
]

PROVISIONAL = "Provisional decision support — a clinician makes the placement decision."


class FiredRule(StrictModel):
    """A rule whose condition held, what it did to the levels, and its role in the result."""

    rule_id: str
    kind: str = Field(description="minimum_level, maximum_level, exclude_levels or require_review")
    effect: str
    role: str
    explanation: str
    source: str


class PlacementResult(StrictModel):
    """The recommended level, the other levels still allowed, and the rules behind them."""

    label: str = PROVISIONAL
    rule_set_id: str
    rule_set_name: str
    rule_set_version: str
    disclaimer: str
    assessment_date: date
    rater: str
    recommended_level: str
    allowed_levels: list[str]
    fired: list[FiredRule] = Field(description="Ordered to be read to a client")
    needs_review: bool
    decision: ClinicianDecision | None = None

    @property
    def provenance(self) -> str:
        """'Rule set: NAME, version V. DISCLAIMER', as every summary and view states it."""
        return rule_set_provenance(self.rule_set_name, self.rule_set_version, self.disclaimer)

    def reasons(self) -> list[str]:
        """The explanations in reading order; never empty."""
        if not self.fired:
            return [
                "No rule raised the level for these ratings, so the least intensive level "
                "in this rule set fits."
            ]
        return [rule.explanation for rule in self.fired]


def rule_set_provenance(name: str, version: str, disclaimer: str) -> str:
    """Which rule set produced an answer, and what it is not: said the same way everywhere."""
    return f"Rule set: {name}, version {version}. {disclaimer}"


def level_namer(continuum: Continuum | None) -> Callable[[str], str]:
    """Names a level code: '2.1 Intensive outpatient (IOP)' with a continuum, else 'level 2.1'."""
    return functools.partial(level_label, continuum=continuum)


def check_assessment(assessment: Assessment, rule_set: RuleSet) -> None:
    """Raise InputError unless every dimension is rated on its scale and every flag is known."""
    rule_set.check_assessment(assessment)


def holds(condition: Condition, assessment: Assessment, rule_set: RuleSet) -> bool:
    """Whether a condition holds for one assessment (conditions evaluate on arrays)."""
    ratings = {d: np.array([r], dtype=np.int64) for d, r in assessment.scores().items()}
    flags = {f: np.array([f in assessment.flags], dtype=np.bool_) for f in rule_set.flag_ids()}
    return bool(condition.evaluate(ratings, flags)[0])


def rules_that_fire(assessment: Assessment, rule_set: RuleSet) -> list[Rule]:
    """The rules whose condition holds for this assessment, in the rule set's order."""
    return [rule for rule in rule_set.rules if holds(rule.when, assessment, rule_set)]


def allowed_levels(fired: list[Rule], rule_set: RuleSet) -> list[str]:
    """The levels no fired rule rules out, least to most intensive (``level_window``)."""
    window = level_window(rule_set, fired, {rule.id: np.ones(1, dtype=np.bool_) for rule in fired})
    return [code for code, open_ in zip(rule_set.levels, window.open[0], strict=True) if open_]


def recommend_level(assessment: Assessment, rule_set: RuleSet) -> PlacementResult:
    """The least intensive level the fired rules allow, with every fired rule explained."""
    check_assessment(assessment, rule_set)
    fired = rules_that_fire(assessment, rule_set)
    allowed = allowed_levels(fired, rule_set)
    if not allowed:
        # The catalog refuses rule sets where this can happen; one built in code may not.
        ids = ", ".join(r.id for r in fired)
        raise DataError(
            [
                Problem(
                    rule_set.id,
                    None,
                    "rules",
                    f"the rules {ids} leave no level of care for this assessment",
                    "rules that always leave a level",
                )
            ]
        )
    recommended = allowed[0]
    return PlacementResult(
        rule_set_id=rule_set.id,
        rule_set_name=rule_set.name,
        rule_set_version=rule_set.version,
        disclaimer=rule_set.disclaimer,
        assessment_date=assessment.date,
        rater=assessment.rater,
        recommended_level=recommended,
        allowed_levels=allowed,
        fired=_in_reading_order(fired, recommended, rule_set),
        needs_review=any(r.effect.require_review for r in fired),
    )


def _in_reading_order(fired: list[Rule], recommended: str, rule_set: RuleSet) -> list[FiredRule]:
    """What set the level first, then other raised floors, ceilings, exclusions and reviews."""
    top = rule_set.rank(recommended)
    floor = max(
        (rule_set.rank(r.effect.minimum_level) for r in fired if r.effect.minimum_level), default=-1
    )
    ordered: list[tuple[tuple[int, int, int], FiredRule]] = []
    for position, rule in enumerate(fired):
        effect = rule.effect
        if effect.minimum_level is not None:
            rank = rule_set.rank(effect.minimum_level)
            group = 0 if rank == floor else 2
            if rank == top:
                role = "sets the recommended level"
            elif rank == floor:
                role = f"sets the floor at {effect.minimum_level}"
            else:
                role = f"also raises the floor to {effect.minimum_level}"
            key = (group, -rank, position)
        elif effect.exclude_levels is not None:
            below = [c for c in effect.exclude_levels if rule_set.rank(c) < top]
            group = 1 if below else 3
            role = (
                "rules out a less intensive level, so the recommendation moves up"
                if below
                else "rules out levels"
            )
            key = (group, 0, position)
        elif effect.maximum_level is not None:
            role = f"caps the allowed levels at {effect.maximum_level}"
            key = (4, rule_set.rank(effect.maximum_level), position)
        else:
            role = "asks for a clinician's review"
            key = (5, 0, position)
        ordered.append(
            (
                key,
                FiredRule(
                    rule_id=rule.id,
                    kind=effect.kind,
                    effect=effect.describe(),
                    role=role,
                    explanation=rule.explanation,
                    source=rule.source,
                ),
            )
        )
    return [item for _, item in sorted(ordered, key=lambda pair: pair[0])]


def decide(
    result: PlacementResult,
    chosen_level: str,
    reason: str | None = None,
    clinician: str | None = None,
    rule_set: RuleSet | None = None,
) -> PlacementResult:
    """The result with the clinician's chosen level recorded beside the recommendation.

    A choice that differs from the recommendation needs a written reason (InputError
    otherwise); with `rule_set` given, the chosen level must be one of its levels.
    """
    decision = ClinicianDecision(
        chosen_level=chosen_level, reason=reason or None, clinician=clinician
    )
    if rule_set is not None and decision.chosen_level not in rule_set.levels:
        raise InputError(
            "chosen level",
            f"{chosen_level} is not a level in {rule_set.name}",
            "one of " + ", ".join(rule_set.levels),
        )
    decision.check_against(result.recommended_level)
    return result.model_copy(update={"decision": decision})


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
