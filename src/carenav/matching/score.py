"""The score of each program, 0 to 100, from the nice-to-haves and the weights the user sets."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from carenav.directory import UNKNOWN, YES
from carenav.matching.criteria import Criterion
from carenav.models.client import Weights
from carenav.models.ranking import Ranking

FloatArray = npt.NDArray[np.float64]


def _credit(status: npt.NDArray[np.int8]) -> FloatArray:
    """A recorded yes counts 1, a fact not recorded 0.5, a recorded no 0."""
    return np.where(status == YES, 1.0, np.where(status == UNKNOWN, 0.5, 0.0))


def score(
    criteria: list[Criterion],
    weights: Weights,
    miles: FloatArray | None,
    range_miles: float | None,
    wait_days: FloatArray,
    ranking: Ranking,
) -> FloatArray:
    """Each program's score: the weighted average of its credits, times 100, to one decimal.

    ``ranking`` gives the long wait and the default range (``data/ranking.yaml``).
    """
    long_wait = ranking.long_wait_days.value
    n = len(wait_days)
    total = np.zeros(n)
    weight_sum = 0.0
    for criterion in criteria:
        if criterion.kind != "nice":
            continue
        weight = float(getattr(weights, criterion.facet, 1.0))
        total += weight * _credit(criterion.status)
        weight_sum += weight
    if miles is not None and weights.distance > 0:
        reach = range_miles or ranking.default_range_miles.value
        close = np.where(np.isnan(miles), 0.5, np.clip(1.0 - miles / reach, 0.0, 1.0))
        total += weights.distance * close
        weight_sum += weights.distance
    if weights.wait > 0:
        prompt = np.where(
            np.isnan(wait_days), 0.5, 1.0 - np.clip(wait_days, 0.0, long_wait) / long_wait
        )
        total += weights.wait * prompt
        weight_sum += weights.wait
    hard = [c for c in criteria if c.kind == "must"]
    if hard and weights.confirmed > 0:
        unknown = np.sum([c.status == UNKNOWN for c in hard], axis=0)
        total += weights.confirmed * (1.0 - unknown / len(hard))
        weight_sum += weights.confirmed
    if weight_sum == 0:
        return np.zeros(n)
    result: FloatArray = np.round(100.0 * total / weight_sum, 1)
    return result
