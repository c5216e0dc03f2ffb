"""Entry points: assess_transition gives the verdict; decide_transition records the decision."""

from __future__ import annotations

from collections.abc import Sequence

from carenav.models.assessment import Assessment, ClinicianDecision
from carenav.models.rules import RuleSet
from carenav.placement import PlacementResult, check_assessment, recommend_level
from carenav.transitions.result import CriterionCheck, TransitionResult, transition_result
from carenav.transitions.step_down import step_down_criteria
from carenav.transitions.step_up import fired_triggers


def assess_transition(
    current_level: str, history: Sequence[Assessment], rule_set: RuleSet
) -> TransitionResult:
    """Step-down readiness, stay, or step-up for a client at `current_level`.

    `history` is every assessment so far in any order; the latest one decides the
    recommendation and the ones before it show whether improvement is sustained.
    """
    current = rule_set.rank(current_level)
    ordered = sorted(history, key=lambda a: a.date)
    for assessment in ordered:
        check_assessment(assessment, rule_set)
    if not ordered:
        return transition_result(
            rule_set,
            current_level,
            "review_needed",
            None,
            ["There is no assessment yet, so readiness cannot be judged."],
            [],
            [],
            ["an assessment of the client at this level"],
            None,
        )
    placements = [recommend_level(a, rule_set) for a in ordered]
    latest = placements[-1]
    recommended = rule_set.rank(latest.recommended_level)
    fired = fired_triggers(rule_set.transitions.step_up_triggers, ordered, rule_set)
    criteria, missing = step_down_criteria(ordered, placements, current, rule_set)
    headline = _headline(latest, current_level, rule_set)

    if recommended > current:
        return transition_result(
            rule_set,
            current_level,
            "step_up_needed",
            latest.recommended_level,
            [headline, *latest.reasons(), *(t.explanation for t in fired)],
            criteria,
            fired,
            [],
            latest,
        )
    if fired:
        target = rule_set.levels[min(current + 1, len(rule_set.levels) - 1)]
        if target == current_level:
            return transition_result(
                rule_set,
                current_level,
                "review_needed",
                None,
                [
                    f"A step-up trigger fired but level {current_level} is already the "
                    "most intensive level in this rule set.",
                    *(t.explanation for t in fired),
                ],
                criteria,
                fired,
                [],
                latest,
            )
        return transition_result(
            rule_set,
            current_level,
            "step_up_needed",
            target,
            [
                f"A step-up trigger fired, so the next more intensive level, {target}, is needed.",
                *(t.explanation for t in fired),
                headline,
            ],
            criteria,
            fired,
            [],
            latest,
        )
    if recommended == current:
        return transition_result(
            rule_set,
            current_level,
            "stay",
            current_level,
            [headline, *latest.reasons()],
            criteria,
            fired,
            missing,
            latest,
        )
    return _below_current(rule_set, current_level, latest, headline, criteria, missing)


def _below_current(
    rule_set: RuleSet,
    current_level: str,
    latest: PlacementResult,
    headline: str,
    criteria: list[CriterionCheck],
    missing: list[str],
) -> TransitionResult:
    """The rules place the client below the current level: check the step-down criteria."""
    unmet = [c for c in criteria if c.met is False]
    unknown = [c for c in criteria if c.met is None]
    target = latest.recommended_level
    if unmet:
        return transition_result(
            rule_set,
            current_level,
            "stay",
            current_level,
            [
                headline,
                "Not every step-down criterion is met yet:",
                *(f"{c.description}: {c.detail}" for c in unmet),
            ],
            criteria,
            [],
            missing,
            latest,
        )
    if unknown:
        return transition_result(
            rule_set,
            current_level,
            "review_needed",
            target,
            [
                headline,
                "Step-down readiness cannot be judged yet; missing: " + "; ".join(missing) + ".",
            ],
            criteria,
            [],
            missing,
            latest,
        )
    if latest.needs_review:
        return transition_result(
            rule_set,
            current_level,
            "review_needed",
            target,
            [
                headline,
                "Every step-down criterion is met, but a rule asks for a clinician's review first:",
                *(r.explanation for r in latest.fired if r.kind == "require_review"),
            ],
            criteria,
            [],
            [],
            latest,
        )
    return transition_result(
        rule_set,
        current_level,
        "step_down_ready",
        target,
        [
            headline,
            "Every step-down criterion is met:",
            *(f"{c.description}: {c.detail}" for c in criteria),
        ],
        criteria,
        [],
        [],
        latest,
    )


def _headline(latest: PlacementResult, current_level: str, rule_set: RuleSet) -> str:
    code = latest.recommended_level
    if code == current_level:
        return f"The latest assessment places the client at the current level, {code}."
    direction = "above" if rule_set.rank(code) > rule_set.rank(current_level) else "below"
    return (
        f"The latest assessment places the client at level {code}, {direction} "
        f"the current level {current_level}."
    )


def decide_transition(
    result: TransitionResult,
    chosen_level: str,
    reason: str | None = None,
    clinician: str | None = None,
) -> TransitionResult:
    """The result with the clinician's chosen level; one other than the target needs a reason."""
    decision = ClinicianDecision(
        chosen_level=chosen_level, reason=reason or None, clinician=clinician
    )
    decision.check_against(result.target_level or result.current_level)
    return result.model_copy(update={"decision": decision})
