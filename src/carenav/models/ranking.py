"""How the program finder ranks: the default weights and the distance and waiting constants.

These are choices, not facts: an organization may rank differently, so they are data
(``data/ranking.yaml``), each with a one-line reason, read by the catalog and handed to
the finder like a placement rule set is handed to placement. The user's own weights
(``Weights``, the finder's sliders) start from ``Ranking.default_weights()``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from carenav.models.base import Source, StrictModel
from carenav.models.client import Weights

# How the finder can order its results, with the words the apps and the CLI show.
SortKey = Literal["score", "distance", "wait", "verified", "name", "cost"]
SORT_KEYS: dict[str, str] = {
    "score": "best fit first (score)",
    "distance": "nearest first",
    "wait": "shortest wait first",
    "verified": "most recently verified first",
    "name": "by name",
    "cost": "lowest estimated cost first",
}


class RankingValue(StrictModel):
    """One number of the ranking and why it is what it is."""

    value: float = Field(ge=0)
    reason: str = Field(min_length=10, description="One line a navigator can read")


class Ranking(StrictModel):
    """The ranking defaults: a weight per nice-to-have, closeness and wait, and two constants."""

    description: str = Field(min_length=10)
    source: Source
    weights: dict[str, RankingValue] = Field(description="One per field of Weights")
    long_wait_days: RankingValue = Field(
        description="A wait at or beyond this many days scores nothing for promptness"
    )
    default_range_miles: RankingValue = Field(
        description="Without a travel limit, closeness is scored against this many miles"
    )

    @model_validator(mode="after")
    def _a_weight_for_every_field(self) -> Ranking:
        wanted, given = set(Weights.model_fields), set(self.weights)
        if given != wanted:
            missing = ", ".join(sorted(wanted - given)) or "none"
            unknown = ", ".join(sorted(given - wanted)) or "none"
            raise ValueError(
                f"weights must name each of {', '.join(sorted(wanted))} once "
                f"(missing: {missing}; unknown: {unknown})"
            )
        if self.long_wait_days.value <= 0 or self.default_range_miles.value <= 0:
            raise ValueError("long_wait_days and default_range_miles must be above 0")
        Weights.model_validate(self._defaults())  # each weight within Weights' bounds
        return self

    def _defaults(self) -> dict[str, float]:
        return {name: entry.value for name, entry in self.weights.items()}

    def default_weights(self, **changes: Any) -> Weights:
        """The default weights, with any changes, validated (e.g. ``family_program=5``)."""
        return Weights.model_validate({**self._defaults(), **changes})

    def reasons(self) -> list[str]:
        """Each number and its reason, as `carenav validate` lists them."""
        lines = [
            f"weight {name} = {entry.value:g}: {entry.reason}"
            for name, entry in self.weights.items()
        ]
        lines.append(
            f"long wait = {self.long_wait_days.value:g} days: {self.long_wait_days.reason}"
        )
        lines.append(
            f"default range = {self.default_range_miles.value:g} miles: "
            f"{self.default_range_miles.reason}"
        )
        return lines
