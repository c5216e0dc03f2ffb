"""How fired rules narrow the levels of care, and the search for rules that leave none.

``level_window`` is the one statement of what the four effects do together: the
highest floor and the lowest ceiling bound the levels, exclusions remove some, and a
review changes none. Placement (``carenav.placement.allowed_levels``) reads one
assessment through it; ``contradictions`` reads every distinct situation a rule set
can meet through it at once, so the catalog can refuse a rule set that could leave a
client with no level before any engine runs. Conditions evaluate on whole arrays
(``carenav.models.conditions``), so a typical rule set is checked in milliseconds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from carenav.models.rules import Rule, RuleIssue, RuleSet

# Above this many rating/flag combinations the contradiction check is skipped with a warning.
MAX_COMBINATIONS = 2_000_000
Mask = npt.NDArray[np.bool_]


class LevelWindow(NamedTuple):
    """Per situation: the open levels (rows x levels), and the floor and ceiling ranks."""

    open: Mask
    low: npt.NDArray[np.int64]
    high: npt.NDArray[np.int64]


def level_window(
    rule_set: RuleSet, rules: Sequence[Rule], fired: Mapping[str, Mask]
) -> LevelWindow:
    """The levels left open in each situation, given where each rule fired (rule id -> mask)."""
    size = len(next(iter(fired.values()))) if fired else 1
    low = np.zeros(size, dtype=np.int64)
    high = np.full(size, len(rule_set.levels) - 1, dtype=np.int64)
    open_levels = np.ones((size, len(rule_set.levels)), dtype=np.bool_)
    for rule in rules:
        mask = fired[rule.id]
        if rule.effect.minimum_level is not None:
            low = np.where(mask, np.maximum(low, rule_set.rank(rule.effect.minimum_level)), low)
        elif rule.effect.maximum_level is not None:
            high = np.where(mask, np.minimum(high, rule_set.rank(rule.effect.maximum_level)), high)
        for code in rule.effect.exclude_levels or []:
            open_levels[:, rule_set.rank(code)] &= ~mask
    ranks = np.arange(len(rule_set.levels))
    open_levels &= (ranks >= low[:, None]) & (ranks <= high[:, None])
    return LevelWindow(open_levels, low, high)


def contradictions(rule_set: RuleSet) -> list[RuleIssue] | None:
    """Rules that can fire together and leave no level, or None when too many to try.

    Only the ratings at which some rule changes its answer are tried (the others behave
    the same), with every combination of the flags the level rules use.
    """
    rules = [r for r in rule_set.rules if not r.effect.require_review]
    grid = _grid(rule_set, rules)
    if grid is None:
        return None
    ratings, flags = grid
    fired = {rule.id: rule.when.evaluate(ratings, flags) for rule in rules}
    window = level_window(rule_set, rules, fired)
    empty = np.flatnonzero(~window.open.any(axis=1))
    if empty.size == 0:
        return []
    # The simplest situation that shows it: the fewest raised ratings and flags.
    effort = sum(ratings[d] - rule_set.scale_for(d).minimum for d in ratings)
    effort = effort + sum(f.astype(np.int64) for f in flags.values())
    row = int(empty[np.argmin(effort[empty])])
    situation = Situation(ratings, flags, row, int(window.low[row]), int(window.high[row]))
    return [_describe(rule_set, rules, fired, situation)]


class Situation(NamedTuple):
    """One row of the grid: its ratings and flags, and the floor and ceiling there."""

    ratings: dict[str, Any]
    flags: dict[str, Any]
    row: int
    low: int
    high: int


def _grid(rule_set: RuleSet, rules: list[Rule]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    values: dict[str, set[int]] = {d: set() for d in rule_set.dimension_ids()}
    flag_ids: list[str] = []
    for rule in rules:
        for ref in rule.when.references("when"):
            if ref.kind == "flag" and ref.value not in flag_ids:
                flag_ids.append(str(ref.value))
            elif ref.kind == "rating" and isinstance(ref.value, int):
                for d in [ref.dimension] if ref.dimension else list(values):
                    values[d] |= {ref.value, ref.value + 1}
    axes: list[list[int]] = []
    for d in values:
        scale = rule_set.scale_for(d)
        axes.append(
            sorted({scale.minimum} | {v for v in values[d] if scale.minimum <= v <= scale.maximum})
        )
    size = int(np.prod([len(a) for a in axes])) * 2 ** len(flag_ids)
    if size > MAX_COMBINATIONS:
        return None
    columns = np.array(list(product(*axes, *([0, 1] for _ in flag_ids))), dtype=np.int64)
    columns = columns.reshape(size, len(axes) + len(flag_ids))
    ratings = {d: columns[:, i] for i, d in enumerate(values)}
    flags = {f: columns[:, len(axes) + i].astype(np.bool_) for i, f in enumerate(flag_ids)}
    for f in rule_set.flag_ids():
        flags.setdefault(f, np.zeros(size, dtype=np.bool_))
    return ratings, flags


def _describe(
    rule_set: RuleSet, rules: list[Rule], fired: Mapping[str, Mask], at: Situation
) -> RuleIssue:
    on = [r for r in rules if bool(fired[r.id][at.row])]
    floor = [
        r for r in on if r.effect.minimum_level and rule_set.rank(r.effect.minimum_level) == at.low
    ]
    ceiling = [
        r for r in on if r.effect.maximum_level and rule_set.rank(r.effect.maximum_level) == at.high
    ]
    shut = [r for r in on if r.effect.exclude_levels]
    involved = (floor[:1] + ceiling[:1]) if at.low > at.high else (floor[:1] + ceiling[:1] + shut)
    involved = involved or on
    last = max(involved, key=rules.index)
    others = [r for r in involved if r is not last]
    situation = [
        f"{d} rated {int(at.ratings[d][at.row])}"
        for d in at.ratings
        if int(at.ratings[d][at.row]) != rule_set.scale_for(d).minimum
    ] + [f"flag {f}" for f in at.flags if bool(at.flags[f][at.row])]
    together = (
        ", together with rule " + ", ".join(f"{r.id} ({r.effect.describe()})" for r in others)
        if others
        else ""
    )
    example = ", ".join(situation) or "every rating is at its lowest"
    return RuleIssue(
        f"rule {last.id}",
        f"effect.{last.effect.kind}",
        f"{last.effect.describe()}{together}, leaves no level of care (for example when {example})",
        "rules that always leave at least one level",
    )
