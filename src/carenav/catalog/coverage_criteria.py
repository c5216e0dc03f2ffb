"""Loading coverage-criteria sets: the files in rules/ that say `kind: coverage-criteria`.

They sit beside the placement rule sets (one folder, one chooser in the apps) but are
a different model: criteria answered meets / does not meet / not documented yet, with
citations and certification schedules, never a level recommendation.
"""

from __future__ import annotations

import re
from pathlib import Path

from carenav.catalog.reading import display_path, read_yaml, validate_record
from carenav.errors import Problem
from carenav.models.coverage_criteria import COVERAGE_CRITERIA, CoverageCriteriaSet
from carenav.models.levels import Continuum

RULES_FOLDER = "rules"
_KIND_LINE = re.compile(rf"^kind:\s*['\"]?{COVERAGE_CRITERIA}['\"]?\s*(#.*)?$", re.MULTILINE)


def is_coverage_criteria_file(path: Path) -> bool:
    """Whether a rules/ file declares itself a coverage-criteria set (a top-level `kind:`)."""
    return bool(_KIND_LINE.search(path.read_text(encoding="utf-8", errors="replace")))


def load_coverage_sets(
    root: Path,
    continuum: Continuum | None,
    taken_ids: dict[str, str],
    problems: list[Problem],
) -> list[CoverageCriteriaSet]:
    """Every coverage-criteria set in root/rules/, problems recorded; ids unique with `taken_ids`."""
    folder = root / RULES_FOLDER
    if not folder.is_dir():
        return []
    found: list[CoverageCriteriaSet] = []
    seen = dict(taken_ids)
    for path in sorted(folder.glob("*.yaml")):
        if not is_coverage_criteria_file(path):
            continue
        shown = display_path(path, root)
        data = read_yaml(path, root, problems)
        if data is None:
            continue
        record = str(data.get("id")) if isinstance(data, dict) and data.get("id") else "rule set"
        criteria = validate_record(CoverageCriteriaSet, data, shown, record, problems)
        if criteria is None:
            continue
        if criteria.id in seen:
            problems.append(
                Problem(
                    shown,
                    criteria.id,
                    "id",
                    f"the rule set id {criteria.id} is also used by {seen[criteria.id]}",
                    "a unique id",
                )
            )
            continue
        if continuum is not None:
            codes = continuum.codes()
            unknown = [code for code in criteria.levels if code not in codes]
            if unknown:
                problems.append(
                    Problem(
                        shown,
                        criteria.id,
                        "levels",
                        f"level {', '.join(unknown)} is not on the continuum",
                        "one of " + ", ".join(codes),
                    )
                )
                continue
        seen[criteria.id] = shown
        found.append(criteria)
    return found
