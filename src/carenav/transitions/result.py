"""The transition result: a verdict, its target level, and the criteria and triggers behind it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from carenav.models.assessment import ClinicianDecision
from carenav.models.base import StrictModel
from carenav.models.rules import RuleSet
from carenav.placement import PROVISIONAL, PlacementResult, rule_set_provenance

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
    def provenance(self) -> str:
        """'Rule set: NAME, version V. DISCLAIMER', as every summary and view states it."""
        return rule_set_provenance(self.rule_set_name, self.rule_set_version, self.disclaimer)

    @property
    def verdict_words(self) -> str:
        return VERDICT_WORDS[self.verdict]


def transition_result(
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
    """A TransitionResult stamped with the rule set's id, name, version and disclaimer."""
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
