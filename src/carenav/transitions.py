"""Transitions: a current level and a history of assessments give step-down / stay / step-up.

Movement follows reassessment, not a fixed length of stay. The criteria (how many
improving assessments in a row, attendance and goals thresholds, step-up triggers)
are data in the rule set; this module only applies them and says which are met.
Too little history gives "review needed" and names what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from pydantic import Field

from carenav.models.assessment import Assessment, ClinicianDecision
from carenav.models.base import StrictModel
from carenav.models.levels import Continuum
from carenav.models.rules import RuleSet, StepUpTrigger
from carenav.placement import (
    PROVISIONAL,
    PlacementResult,
    check_assessment,
    decision_line,
    holds,
    level_namer,
    recommend_level,
)

Verdict = Literal["step_down_ready", "stay", "step_up_needed", "review_needed"]

VERDICT_WORDS: dict[str, str] = {
    "step_down_ready": "Ready to step down",
    "stay": "Stay at the current level",
    "step_up_needed": "Step up needed",
    "review_needed": "Review needed",
}


class CriterionCheck(StrictModel):
    """One step-down criterion: met, unmet, or unknown (None) for lack of information."""

    id: str
    description: str
    met: bool | None
    detail: str


class FiredTrigger(StrictModel):
    """A step-up trigger that fired, with its explanation and source."""

    trigger_id: str
    explanation: str
    source: str


class TransitionResult(StrictModel):
    """The readiness verdict, its target level and every reason, criterion and trigger."""

    label: str = PROVISIONAL
    rule_set_id: str
    rule_set_name: str
    rule_set_version: str
    disclaimer: str
    current_level: str
    verdict: Verdict
    target_level: str | None
    reasons: list[str] = Field(min_length=1, description="Ordered to be read to a client")
    criteria: list[CriterionCheck]
    triggers: list[FiredTrigger]
    missing: list[str]
    placement: PlacementResult | None
    decision: ClinicianDecision | None = None

    @property
    def verdict_words(self) -> str:
        return VERDICT_WORDS[self.verdict]

    def summary(self, continuum: Continuum | None = None) -> str:
        """The verdict as plain text, with reasons, criteria and the clinician's choice."""
        name = level_namer(continuum)
        lines = [
            self.label,
            f"Rule set: {self.rule_set_name}, version {self.rule_set_version}. {self.disclaimer}",
            f"Current level: {name(self.current_level)}.",
            f"Verdict: {self.verdict_words}"
            + (
                f" — target level {name(self.target_level)}."
                if self.target_level and self.target_level != self.current_level
                else "."
            ),
            "Why:",
            *(f"  {n}. {reason}" for n, reason in enumerate(self.reasons, start=1)),
        ]
        if self.criteria:
            lines.append("Step-down criteria:")
            marks = {True: "met", False: "not met", None: "unknown"}
            lines += [f"  - {c.description}: {marks[c.met]} ({c.detail})" for c in self.criteria]
        if self.missing:
            lines.append("Missing: " + "; ".join(self.missing) + ".")
        lines.append(decision_line(self.decision, self.target_level or self.current_level, name))
        return "\n".join(lines)


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
        return _result(
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
    fired = _fired_triggers(rule_set.transitions.step_up_triggers, ordered, rule_set)
    criteria, missing = _step_down_criteria(ordered, placements, current, rule_set)
    headline = _headline(latest, current_level, rule_set)

    if recommended > current:
        return _result(
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
            return _result(
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
        return _result(
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
        return _result(
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
        return _result(
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
        return _result(
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
        return _result(
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
    return _result(
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


def _fired_triggers(
    triggers: list[StepUpTrigger], ordered: list[Assessment], rule_set: RuleSet
) -> list[FiredTrigger]:
    latest = ordered[-1]
    previous = ordered[-2] if len(ordered) > 1 else None
    fired: list[FiredTrigger] = []
    for trigger in triggers:
        if trigger.when is not None:
            hit = holds(trigger.when, latest, rule_set)
        elif trigger.rating_rose_to_at_least is not None:
            level = trigger.rating_rose_to_at_least
            hit = previous is not None and any(
                rating >= level and rating > previous.rating(d)
                for d, rating in latest.scores().items()
            )
        else:
            missed = trigger.missed_sessions_at_least or 0
            hit = latest.attendance is not None and latest.attendance.missed >= missed
        if hit:
            fired.append(
                FiredTrigger(
                    trigger_id=trigger.id, explanation=trigger.explanation, source=trigger.source
                )
            )
    return fired


def _improving(
    ordered: list[Assessment],
    placements: list[PlacementResult],
    index: int,
    current: int,
    rule_set: RuleSet,
) -> bool:
    """Placed below the current level, with no dimension rated higher than the time before."""
    if rule_set.rank(placements[index].recommended_level) >= current:
        return False
    if index == 0:
        return True
    before = ordered[index - 1]
    return all(r <= before.rating(d) for d, r in ordered[index].scores().items())


def _step_down_criteria(
    ordered: list[Assessment],
    placements: list[PlacementResult],
    current: int,
    rule_set: RuleSet,
) -> tuple[list[CriterionCheck], list[str]]:
    wanted = rule_set.transitions.step_down
    checks: list[CriterionCheck] = []
    missing: list[str] = []
    streak = 0
    for index in range(len(ordered) - 1, -1, -1):
        if not _improving(ordered, placements, index, current, rule_set):
            break
        streak += 1
    needed = wanted.consecutive_improving_assessments
    description = f"Sustained improvement over {needed} assessment(s) in a row"
    if streak >= needed:
        checks.append(
            CriterionCheck(
                id="sustained-improvement",
                description=description,
                met=True,
                detail=f"{streak} in a row",
            )
        )
    elif streak == len(ordered):
        short = needed - streak
        missing.append(f"{short} more improving assessment(s) (only {len(ordered)} so far)")
        checks.append(
            CriterionCheck(
                id="sustained-improvement",
                description=description,
                met=None,
                detail=f"only {len(ordered)} assessment(s) so far",
            )
        )
    else:
        checks.append(
            CriterionCheck(
                id="sustained-improvement",
                description=description,
                met=False,
                detail=f"{streak} in a row, {needed} needed",
            )
        )
    latest = ordered[-1]
    if wanted.attendance_at_least is not None:
        share = latest.attendance.share if latest.attendance else None
        checks.append(
            _threshold(
                "attendance",
                "Attendance",
                wanted.attendance_at_least,
                share,
                "attendance since the last assessment",
                missing,
            )
        )
    if wanted.goals_met_at_least is not None:
        share = latest.plan_progress.share if latest.plan_progress else None
        checks.append(
            _threshold(
                "goals-met",
                "Treatment-plan goals met",
                wanted.goals_met_at_least,
                share,
                "treatment-plan progress (goals set and met)",
                missing,
            )
        )
    return checks, missing


def _threshold(
    key: str, what: str, wanted: Decimal, share: Decimal | None, lacking: str, missing: list[str]
) -> CriterionCheck:
    description = f"{what} at least {_percent(wanted)}"
    if share is None:
        missing.append(lacking)
        return CriterionCheck(id=key, description=description, met=None, detail="not recorded")
    return CriterionCheck(
        id=key, description=description, met=share >= wanted, detail=f"{_percent(share)}"
    )


def _percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal('1'))}%"


def _result(
    rule_set: RuleSet,
    current_level: str,
    verdict: Verdict,
    target: str | None,
    reasons: list[str],
    criteria: list[CriterionCheck],
    triggers: list[FiredTrigger],
    missing: list[str],
    placement: PlacementResult | None,
) -> TransitionResult:
    return TransitionResult(
        rule_set_id=rule_set.id,
        rule_set_name=rule_set.name,
        rule_set_version=rule_set.version,
        disclaimer=rule_set.disclaimer,
        current_level=current_level,
        verdict=verdict,
        target_level=target,
        reasons=reasons,
        criteria=criteria,
        triggers=triggers,
        missing=missing,
        placement=placement,
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
