"""Co-occurring clients: one assessment per rule set, each read on its own scale, and which one sets the floor.

A client with depression and an alcohol problem is rated under the mental-health
set and under the substance-use set. Each set gives its own level and reasons; their
ratings are never mixed (a 3 on one scale is not a 3 on the other). The more
intensive of the two levels, on the shared continuum, is the floor for the client;
a clinician decides, ideally in a program that treats both together.

>>> from carenav import catalog
>>> from carenav.models.assessment import Assessment
>>> data = catalog.load(sections=("rules",))
>>> sets = [data.rule_set("illustrative-mh"), data.rule_set("illustrative-sud")]
>>> mh = Assessment(date="2026-03-02", rater="demo",
...     ratings=dict.fromkeys(sets[0].dimension_ids(), 0) | {"symptoms": 3})
>>> sud = Assessment(date="2026-03-02", rater="demo",
...     ratings=dict.fromkeys(sets[1].dimension_ids(), 1))
>>> both = assess_co_occurring({"illustrative-mh": mh, "illustrative-sud": sud}, sets,
...     data.continuum)
>>> both.floor_level, both.floor_set_ids
('2.1', ['illustrative-mh'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import Field

from carenav.errors import InputError
from carenav.models.assessment import Assessment
from carenav.models.base import StrictModel
from carenav.models.levels import Continuum
from carenav.models.rules import RuleSet
from carenav.placement import PROVISIONAL, PlacementResult, level_namer, recommend_level

__all__ = [
    "INTEGRATED",
    "CoOccurringResult",
    "assess_co_occurring",
]

INTEGRATED = (
    "Both concerns are present: look for a program that treats them together "
    "(integrated treatment for co-occurring disorders)."
)


class CoOccurringResult(StrictModel):
    """Each rule set's own result, side by side, and the level that is the floor for the client."""

    label: str = PROVISIONAL
    results: list[PlacementResult] = Field(min_length=2)
    floor_level: str
    floor_set_ids: list[str] = Field(description="The set(s) whose level is the floor")

    def result_for(self, rule_set_id: str) -> PlacementResult:
        return next(r for r in self.results if r.rule_set_id == rule_set_id)

    def summary(self, continuum: Continuum | None = None) -> str:
        """Each set's level and reasons under its own heading, then which one sets the floor."""
        name = level_namer(continuum)
        setters = [self.result_for(i).rule_set_name for i in self.floor_set_ids]
        lines = [
            self.label,
            f"Assessed under {len(self.results)} rule sets; their ratings are not mixed.",
        ]
        for result in self.results:
            lines.append("")
            lines.append(f"{result.rule_set_name}: {name(result.recommended_level)}.")
            lines.append(result.provenance)
            lines.extend(f"  - {reason}" for reason in result.reasons())
        lines.append("")
        lines.append(
            f"The floor for this client: {name(self.floor_level)}, set by {' and '.join(setters)}."
        )
        lines.append(INTEGRATED)
        return "\n".join(lines)


def assess_co_occurring(
    assessments: Mapping[str, Assessment],
    rule_sets: Sequence[RuleSet],
    continuum: Continuum,
) -> CoOccurringResult:
    """Each assessment under the rule set it was made for; the more intensive level is the floor.

    `assessments` maps a rule set id to the assessment made under that set. An
    assessment given to the wrong set is refused by the set itself (wrong dimensions
    or scale), with the set named in the message.
    """
    by_id = {r.id: r for r in rule_sets}
    if len(assessments) < 2:
        raise InputError(
            "assessments", "a co-occurring assessment needs two rule sets", "two or more"
        )
    results: list[PlacementResult] = []
    for rule_set_id, assessment in assessments.items():
        if rule_set_id not in by_id:
            raise InputError(
                "assessments",
                f"'{rule_set_id}' is not one of the rule sets given",
                "one of " + ", ".join(by_id),
            )
        try:
            results.append(recommend_level(assessment, by_id[rule_set_id]))
        except InputError as exc:
            raise InputError(
                f"assessments.{rule_set_id}.{exc.field}",
                f"under {by_id[rule_set_id].name}: {exc.detail}",
                exc.expected,
            ) from None
    order = continuum.codes()
    for result in results:
        if result.recommended_level not in order:
            raise InputError(
                "levels",
                f"{result.rule_set_name} recommends level {result.recommended_level}, "
                "which is not on the continuum, so it cannot be compared",
                "levels from levels_of_care.yaml",
            )
    top = max(order.index(r.recommended_level) for r in results)
    return CoOccurringResult(
        results=results,
        floor_level=order[top],
        floor_set_ids=[r.rule_set_id for r in results if order.index(r.recommended_level) == top],
    )


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
