"""Loading placement rule sets from rules/*.yaml, and checking that no rules contradict.

Each file is one rule set (format: docs/rules-format.md). Beyond its fields, a rule set
is checked for unknown dimensions, flags and levels, ratings off the scale, levels
that are not on the continuum, and rules that can together leave no level of care.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from carenav.catalog.checked import check_key, passed_before, remember_passed
from carenav.catalog.coverage_criteria import is_coverage_criteria_file
from carenav.catalog.levels import LEVELS_FILE
from carenav.catalog.reading import display_path, read_yaml
from carenav.errors import Problem, field_path, problems_from_validation
from carenav.models.conditions import CONDITION_KINDS
from carenav.models.levels import Continuum
from carenav.models.rules import DEFER_CHECKS, RuleIssue, RuleSet

RULES_FOLDER = "rules"
CONTRADICTIONS = "rule-contradictions-1"


def load_rule_sets(
    root: Path,
    continuum: Continuum | None,
    problems: list[Problem],
    warnings: list[Problem],
    *,
    recheck: bool = False,
) -> list[RuleSet]:
    """Every rule set in root/rules/ (none when the folder is missing), problems recorded.

    The contradiction search runs once per file content (carenav.catalog.checked);
    `recheck=True` runs it again whatever was remembered, as `carenav validate` does.
    """
    folder = root / RULES_FOLDER
    if not folder.is_dir():
        return []
    found: list[RuleSet] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        if is_coverage_criteria_file(path):
            continue  # a payer's checklist, read by catalog.coverage_criteria
        shown = display_path(path, root)
        rule_set = load_rule_set_file(path, root, continuum, problems, warnings, recheck=recheck)
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
    *,
    recheck: bool = True,
) -> RuleSet | None:
    """One rule set file as a RuleSet, or None after recording every problem in it.

    The slow contradiction search is skipped when these exact bytes (with this levels
    file and carenav version) passed it before, unless `recheck`.
    """
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
    key = check_key(CONTRADICTIONS, [root / LEVELS_FILE, path])
    if not recheck and passed_before(key):
        return rule_set
    from carenav.models.rule_checks import contradictions  # numpy: only when the search runs

    found = contradictions(rule_set)
    if found == []:
        remember_passed(key)
    if found is None:
        warnings.append(
            Problem(
                shown,
                rule_set.id,
                "rules",
                "has too many rating and flag "
                "combinations to check for contradictions; not checked",
                None,
            )
        )
    problems.extend(_as_problem(shown, issue) for issue in found or [])
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
