"""Loading placement rule sets from rules/*.yaml, and checking that no rules contradict.

Each file is one rule set (format: docs/rules-format.md). Beyond its fields, a rule set
is checked for unknown dimensions, flags and levels, ratings off the scale, levels
that are not on the continuum, and rules that can together leave no level of care.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from carenav.catalog.reading import display_path, field_path, problems_from_validation, read_yaml
from carenav.errors import Problem
from carenav.models.conditions import CONDITION_KINDS
from carenav.models.levels import Continuum
from carenav.models.rules import DEFER_CHECKS, Rule, RuleIssue, RuleSet

RULES_FOLDER = "rules"
# Above this many rating/flag combinations the contradiction check is skipped with a warning.
MAX_COMBINATIONS = 2_000_000


def load_rule_sets(
    root: Path, continuum: Continuum | None, problems: list[Problem], warnings: list[Problem]
) -> list[RuleSet]:
    """Every rule set in root/rules/ (none when the folder is missing), problems recorded."""
    folder = root / RULES_FOLDER
    if not folder.is_dir():
        return []
    found: list[RuleSet] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        shown = display_path(path, root)
        rule_set = load_rule_set_file(path, root, continuum, problems, warnings)
        if rule_set is None:
            continue
        if rule_set.id in seen:
            problems.append(
                Problem(
                    shown,
                    rule_set.id,
                    "id",
                    f"the rule set id {rule_set.id} is also used by {seen[rule_set.id]}",
                    "a unique id",
                )
            )
            continue
        seen[rule_set.id] = shown
        found.append(rule_set)
    return found


def load_rule_set_file(
    path: Path,
    root: Path,
    continuum: Continuum | None,
    problems: list[Problem],
    warnings: list[Problem],
) -> RuleSet | None:
    """One rule set file as a RuleSet, or None after recording every problem in it."""
    shown = display_path(path, root)
    data = read_yaml(path, root, problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(shown, None, None, "is not a rule set", "a mapping with id, rules, ...")
        )
        return None
    try:
        rule_set = RuleSet.model_validate(data, context={DEFER_CHECKS: True})
    except ValidationError as exc:
        problems.extend(_problems_by_rule(exc, shown, data))
        return None
    before = len(problems)
    problems.extend(_as_problem(shown, issue) for issue in rule_set.issues())
    if continuum is not None:
        problems.extend(_continuum_problems(rule_set, continuum, shown))
    if len(problems) > before:
        return None
    problems.extend(
        _as_problem(shown, issue) for issue in contradictions(rule_set, shown, warnings)
    )
    return rule_set if len(problems) == before else None


def _as_problem(file: str, issue: RuleIssue) -> Problem:
    return Problem(file, issue.record, issue.field, issue.message, issue.expected)


def _problems_by_rule(exc: ValidationError, file: str, data: dict[str, Any]) -> list[Problem]:
    """Pydantic's errors, each naming the rule (or trigger) it belongs to by id."""
    found: list[Problem] = []
    for problem, error in zip(
        problems_from_validation(exc, file, str(data.get("id") or "rule set")),
        exc.errors(include_url=False),
        strict=True,
    ):
        loc = _without_tags(tuple(error["loc"]))
        record, rest = problem.record, loc
        for key, label in (("rules", "rule"), ("dimensions", "dimension"), ("flags", "flag")):
            if len(loc) >= 2 and loc[0] == key and isinstance(loc[1], int):
                record, rest = _entry_name(data.get(key), loc[1], label), loc[2:]
        if loc[:2] == ("transitions", "step_up_triggers") and len(loc) >= 3:
            entries = (data.get("transitions") or {}).get("step_up_triggers")
            record, rest = _entry_name(entries, int(loc[2]), "step-up trigger"), loc[3:]
        field = field_path(rest) or None
        found.append(Problem(file, record, field, problem.message, problem.expected))
    return found


def _without_tags(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the union tags pydantic adds to locations ('when.flag.flag' -> 'when.flag')."""
    kept: list[int | str] = []
    for position, part in enumerate(loc):
        following = loc[position + 1] if position + 1 < len(loc) else None
        if part in CONDITION_KINDS and following == part:
            continue
        if part == "not" and following == "not":
            continue
        kept.append(part)
    return tuple(kept)


def _entry_name(entries: Any, position: int, label: str) -> str:
    if (
        isinstance(entries, list)
        and position < len(entries)
        and isinstance(entries[position], dict)
    ):
        name = entries[position].get("id")
        if isinstance(name, str) and name:
            return f"{label} {name}"
    return f"{label} #{position + 1}"


def _continuum_problems(rule_set: RuleSet, continuum: Continuum, file: str) -> list[Problem]:
    codes = continuum.codes()
    found: list[Problem] = []
    for position, code in enumerate(rule_set.levels):
        if code not in codes:
            found.append(
                Problem(
                    file,
                    rule_set.id,
                    f"levels[{position}]",
                    f"level {code} is not on the continuum",
                    "one of " + ", ".join(codes),
                )
            )
    known = [c for c in rule_set.levels if c in codes]
    if [c for c in codes if c in known] != known:
        found.append(
            Problem(
                file,
                rule_set.id,
                "levels",
                "the levels are not in the continuum's order",
                "least to most intensive, as in levels_of_care.yaml",
            )
        )
    return found


def contradictions(rule_set: RuleSet, file: str, warnings: list[Problem]) -> list[RuleIssue]:
    """Rules that can fire together and leave no level, found by trying every combination.

    Only the ratings at which some rule changes its answer are tried (the others behave
    the same), with every combination of the flags the level rules use; conditions
    evaluate on whole arrays, so this takes milliseconds for a typical rule set.
    """
    rules = [r for r in rule_set.rules if not r.effect.require_review]
    grid = _grid(rule_set, rules)
    if grid is None:
        warnings.append(
            Problem(
                file,
                rule_set.id,
                "rules",
                "has too many rating and flag "
                "combinations to check for contradictions; not checked",
                None,
            )
        )
        return []
    ratings, flags, size = grid
    fired = {rule.id: rule.when.evaluate(ratings, flags) for rule in rules}
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
    empty = np.flatnonzero(~open_levels.any(axis=1))
    if empty.size == 0:
        return []
    # The simplest situation that shows it: the fewest raised ratings and flags.
    effort = sum(ratings[d] - rule_set.scale_for(d).minimum for d in ratings)
    effort = effort + sum(f.astype(np.int64) for f in flags.values())
    row = int(empty[np.argmin(effort[empty])])
    return [_describe(rule_set, rules, fired, row, ratings, flags, int(low[row]), int(high[row]))]


def _grid(
    rule_set: RuleSet, rules: list[Rule]
) -> tuple[dict[str, Any], dict[str, Any], int] | None:
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
    return ratings, flags, size


def _describe(
    rule_set: RuleSet,
    rules: list[Rule],
    fired: dict[str, Any],
    row: int,
    ratings: dict[str, Any],
    flags: dict[str, Any],
    low: int,
    high: int,
) -> RuleIssue:
    on = [r for r in rules if bool(fired[r.id][row])]
    floor = [
        r for r in on if r.effect.minimum_level and rule_set.rank(r.effect.minimum_level) == low
    ]
    ceiling = [
        r for r in on if r.effect.maximum_level and rule_set.rank(r.effect.maximum_level) == high
    ]
    shut = [r for r in on if r.effect.exclude_levels]
    involved = (floor[:1] + ceiling[:1]) if low > high else (floor[:1] + ceiling[:1] + shut)
    involved = involved or on
    last = max(involved, key=rules.index)
    others = [r for r in involved if r is not last]
    situation = [
        f"{d} rated {int(ratings[d][row])}"
        for d in ratings
        if int(ratings[d][row]) != rule_set.scale_for(d).minimum
    ] + [f"flag {f}" for f in flags if bool(flags[f][row])]
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
