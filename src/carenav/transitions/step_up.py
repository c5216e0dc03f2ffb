"""Step-up triggers: which of the rule set's triggers fire on the latest assessment."""

from __future__ import annotations

from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet, StepUpTrigger
from carenav.placement import holds
from carenav.transitions.result import FiredTrigger


def fired_triggers(
    triggers: list[StepUpTrigger], ordered: list[Assessment], rule_set: RuleSet
) -> list[FiredTrigger]:
    """The triggers that fire on the latest of `ordered` (oldest first), in rule-set order."""
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
