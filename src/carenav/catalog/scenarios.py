"""Loading worked cost cases from scenarios/*.yaml, each naming a plan the folder has."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from carenav.catalog.reading import display_path, read_yaml, validate_record
from carenav.errors import Problem
from carenav.models.scenario import CostCase, CostCaseFile

SCENARIOS_FOLDER = "scenarios"


def load_cost_cases(
    root: Path, plan_ids: Collection[str], problems: list[Problem]
) -> list[CostCase]:
    """Every case in root/scenarios/*.yaml (none when the folder is missing), problems recorded."""
    folder = root / SCENARIOS_FOLDER
    if not folder.is_dir():
        return []
    found: list[CostCase] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        shown = display_path(path, root)
        data = read_yaml(path, root, problems)
        if data is None:
            continue
        cases = validate_record(CostCaseFile, data, shown, "cost cases", problems)
        if cases is None:
            continue
        for case in cases.cases:
            before = len(problems)
            if case.id in seen:
                problems.append(Problem(shown, case.id, "id", "appears twice", "each case id once"))
            if case.plan not in plan_ids:
                problems.append(
                    Problem(
                        shown,
                        case.id,
                        "plan",
                        f"names plan {case.plan}, which is not in payers/",
                        "one of " + ", ".join(sorted(plan_ids)),
                    )
                )
            seen.add(case.id)
            if len(problems) == before:
                found.append(case)
    return found
