"""Find the programs that fit a client: hard filters, a score, a ranking, near misses, and reasons.

Pure: takes ClientNeeds and a directory frame (carenav.directory), returns DataFrames.
Every step on the whole directory is a numpy operation over columns; only the rows
shown get their reasons written out in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from carenav.directory import NO, UNKNOWN, options_in
from carenav.errors import InputError, UnknownIdError
from carenav.geo import locate, miles_from
from carenav.matching.criteria import Criterion, hard_criteria, preference_criteria
from carenav.matching.reasons import missed, reasons_for
from carenav.matching.score import score
from carenav.models.client import ClientNeeds, Weights
from carenav.models.ranking import SORT_KEYS, Ranking, SortKey

# Columns every result row carries, beside score, miles and reasons.
SHOWN = (
    "id",
    "name",
    "organization",
    "city",
    "state",
    "levels",
    "phone",
    "intake_phone",
    "website",
    "wait_days",
    "admission_requirements",
    "what_to_bring",
)


@dataclass(frozen=True)
class Matches:
    """What the finder found for one client.

    ``results``: programs that pass every hard filter, ranked, with ``score``, ``miles``,
    ``unconfirmed`` (how many must-haves the record does not confirm), ``verified_days_ago``
    and ``reasons`` (a list of sentences; written for the first ``explained`` rows, else None).
    ``near_misses``: programs excluded by exactly one criterion, named in ``missed`` and
    ``missed_because``.
    """

    results: pd.DataFrame
    near_misses: pd.DataFrame
    criteria: tuple[Criterion, ...]
    directory_size: int
    frame: pd.DataFrame
    miles: npt.NDArray[np.float64] | None
    today: date

    def reasons(self, program_id: str) -> list[str]:
        """The reasons for any program in the directory, shown or not."""
        where = np.flatnonzero(self.frame["id"].to_numpy() == program_id)
        if len(where) == 0:
            raise UnknownIdError("program", program_id, list(self.frame["id"].head(50)))
        i = int(where[0])
        miles = None if self.miles is None else float(self.miles[i])
        age = int(_verified_days_ago(self.frame, self.today)[i])
        return reasons_for(list(self.criteria), self.frame, i, miles, age)

    def summary(self) -> str:
        """One sentence for the screen reader and the page: how many fit and how many nearly fit."""
        fit = len(self.results)
        near = len(self.near_misses)
        head = (
            "No program fits"
            if fit == 0
            else ("1 program fits" if fit == 1 else f"{fit} programs fit")
        )
        tail = (
            ""
            if near == 0
            else (
                "; 1 more misses by one criterion"
                if near == 1
                else f"; {near} more miss by one criterion"
            )
        )
        return f"{head} (of {self.directory_size} in the directory){tail}."


def _verified_days_ago(frame: pd.DataFrame, today: date) -> npt.NDArray[np.int64]:
    verified = frame["verified_day"].to_numpy(dtype=np.int64)
    days: npt.NDArray[np.int64] = today.toordinal() - verified
    return days


def _sorted(
    positions: npt.NDArray[np.intp],
    key: str,
    scores: np.ndarray,
    miles: np.ndarray | None,
    frame: pd.DataFrame,
    cost: np.ndarray | None,
) -> npt.NDArray[np.intp]:
    """Positions in the chosen order. Ties fall back to directory order (positions are ascending),
    which is deterministic and avoids sorting strings on the hot path."""
    dist = miles[positions] if miles is not None else np.zeros(len(positions))
    dist = np.where(np.isnan(dist), np.inf, dist)
    if key == "score":
        order = np.lexsort((dist, -scores[positions]))
    elif key == "distance":
        order = np.lexsort((-scores[positions], dist))
    elif key == "wait":
        wait = frame["wait_days"].to_numpy()[positions]
        order = np.lexsort((-scores[positions], np.where(np.isnan(wait), np.inf, wait)))
    elif key == "verified":
        order = np.argsort(-frame["verified_day"].to_numpy()[positions], kind="stable")
    elif key == "name":
        order = np.argsort(frame["name"].to_numpy()[positions].astype(str), kind="stable")
    elif key == "cost":
        if cost is None:
            raise InputError(
                "sort by",
                "estimated cost is not available without a cost estimate",
                "another order",
            )
        values = cost[positions].astype(float)
        order = np.lexsort((-scores[positions], np.where(np.isnan(values), np.inf, values)))
    else:
        raise InputError("sort by", f"'{key}' is not a way to sort", ", ".join(SORT_KEYS))
    result: npt.NDArray[np.intp] = positions[order]
    return result


def find_programs(
    needs: ClientNeeds,
    frame: pd.DataFrame,
    *,
    today: date,
    ranking: Ranking,
    weights: Weights | None = None,
    sort_by: SortKey = "score",
    explain: int | None = 50,
    level_names: Mapping[str, str] | None = None,
    plan_names: Mapping[str, str] | None = None,
    estimated_cost_cents: pd.Series | None = None,
) -> Matches:
    """Programs that fit, ranked, with near misses and reasons.

    ``today`` is passed in (never read from the clock) for "verified N days ago".
    ``ranking``: the ranking defaults and constants (``catalog.load().ranking``, from
    ``data/ranking.yaml``); ``weights`` overrides its default weights.
    ``level_names`` and ``plan_names`` (id -> name) word the reasons ("accepts Example PPO
    2026" rather than the plan's id).
    ``explain``: write reasons for this many top results (None: all).
    ``estimated_cost_cents``: the client's estimated total per program in whole cents (Int64,
    NA when unknown), aligned with the frame, e.g. ``carenav.matching.costs.estimated_costs``;
    shown as ``estimated_cost_cents`` and usable with ``sort_by="cost"`` (unknown costs last).
    An unknown ZIP raises InputError; a plan no program records raises UnknownIdError.
    """
    weights = weights or ranking.default_weights()
    miles = None
    if needs.zip is not None:
        lat, lon = locate(needs.zip)
        miles = miles_from(
            lat,
            lon,
            frame["latitude"].to_numpy(dtype=float),
            frame["longitude"].to_numpy(dtype=float),
        )
    known_plans = options_in(frame.columns, "plan")
    criteria = hard_criteria(
        needs,
        frame,
        miles if miles is not None else np.full(len(frame), np.nan),
        level_names or {},
        known_plans,
        plan_names or {},
    )
    criteria += preference_criteria(needs.nice_to_have, frame, "nice")
    hard = [c for c in criteria if c.kind == "must"]
    matrix = (
        np.vstack([c.status for c in hard]) if hard else np.ones((1, len(frame)), dtype=np.int8)
    )
    failures = (matrix == NO).sum(axis=0)
    unconfirmed = (matrix == UNKNOWN).sum(axis=0)
    wait = frame["wait_days"].to_numpy(dtype=float)
    scores = score(criteria, weights, miles, needs.max_miles, wait, ranking)
    # Whole cents as float64 are exact below 2**53 cents, so sorting on them is exact.
    cost = (
        None
        if estimated_cost_cents is None
        else estimated_cost_cents.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    )
    passing = _sorted(np.flatnonzero(failures == 0), sort_by, scores, miles, frame, cost)
    # A near miss is one the client could still reach: one beyond the distance asked is
    # not "nearly" fitting however well it scores (it was showing programs 2,441 miles off).
    beyond = np.zeros(len(frame), dtype=bool)
    for criterion in hard:
        if criterion.key == "distance":
            beyond = criterion.status == NO
    near = _sorted(np.flatnonzero((failures == 1) & ~beyond), "score", scores, miles, frame, cost)
    verified_days = _verified_days_ago(frame, today)

    def table(positions: npt.NDArray[np.intp]) -> pd.DataFrame:
        # Take the shown columns first: taking every option column of 100,000 rows is the slow part.
        out = frame[list(SHOWN)].take(positions).reset_index(drop=True)
        out.insert(2, "score", scores[positions])
        out.insert(3, "miles", np.round(miles[positions], 1) if miles is not None else np.nan)
        out.insert(4, "unconfirmed", unconfirmed[positions])
        out["verified_days_ago"] = verified_days[positions]
        if cost is not None:
            out["estimated_cost_cents"] = pd.array(cost[positions], dtype="Float64").astype("Int64")
        out["position"] = positions
        return out

    results = table(passing)
    shown = passing if explain is None else passing[:explain]
    reasons: list[list[str] | None] = [
        reasons_for(
            criteria,
            frame,
            int(i),
            None if miles is None else float(miles[i]),
            int(verified_days[i]),
        )
        for i in shown
    ]
    results["reasons"] = pd.Series(reasons + [None] * (len(passing) - len(shown)), dtype=object)
    near_misses = table(near)
    blame = np.argmax(matrix[:, near] == NO, axis=0) if hard else np.zeros(0, dtype=np.intp)
    near_misses["missed"] = np.array([c.key for c in hard] or [""], dtype=object)[blame]
    explained = len(near) if explain is None else min(explain, len(near))
    because: list[str | None] = [
        missed(hard[b], int(i)) for b, i in zip(blame[:explained], near[:explained], strict=True)
    ]
    near_misses["missed_because"] = pd.Series(
        because + [None] * (len(near) - explained), dtype=object
    )
    return Matches(results, near_misses, tuple(criteria), len(frame), frame, miles, today)
