"""Step-down criteria: sustained improvement, attendance and goals, each met, unmet or unknown."""

from __future__ import annotations

from decimal import Decimal

from carenav.models.assessment import Assessment
from carenav.models.rules import RuleSet
from carenav.placement import PlacementResult
from carenav.transitions.result import CriterionCheck


def step_down_criteria(
    ordered: list[Assessment],
    placements: list[PlacementResult],
    current: int,
    rule_set: RuleSet,
) -> tuple[list[CriterionCheck], list[str]]:
    """Each step-down criterion checked against `ordered` (oldest first), and what is missing."""
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
