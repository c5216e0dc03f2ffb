"""Loading worked client stories from vignettes/*.yaml, checked against their rule sets."""

from __future__ import annotations

from pathlib import Path

from carenav.catalog.reading import display_path, read_yaml, validate_record
from carenav.catalog.rules import RULES_FOLDER
from carenav.errors import InputError, Problem
from carenav.models.rules import RuleSet
from carenav.models.vignette import Vignette

VIGNETTES_FOLDER = "vignettes"


def load_vignettes(root: Path, rule_sets: list[RuleSet], problems: list[Problem]) -> list[Vignette]:
    """Every vignette in root/vignettes/ (none when the folder is missing), problems recorded."""
    folder = root / VIGNETTES_FOLDER
    if not folder.is_dir():
        return []
    by_id = {rule_set.id: rule_set for rule_set in rule_sets}
    found: list[Vignette] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        shown = display_path(path, root)
        data = read_yaml(path, root, problems)
        if data is None:
            continue
        record = str(data.get("id")) if isinstance(data, dict) and data.get("id") else "vignette"
        vignette = validate_record(Vignette, data, shown, record, problems)
        if vignette is None:
            continue
        before = len(problems)
        if vignette.id in seen:
            problems.append(
                Problem(
                    shown, vignette.id, "id", "this id is used by another vignette", "a unique id"
                )
            )
        seen.add(vignette.id)
        if vignette.rule_set in by_id or not _rules_broken(problems):
            problems.extend(_against_rules(vignette, by_id, shown))
        if len(problems) == before:
            found.append(vignette)
    return found


def _rules_broken(problems: list[Problem]) -> bool:
    """Whether a rule file failed to load: its own problems then explain a missing rule set."""
    return any(p.file.startswith(f"{RULES_FOLDER}/") for p in problems)


def _against_rules(vignette: Vignette, by_id: dict[str, RuleSet], file: str) -> list[Problem]:
    rule_set = by_id.get(vignette.rule_set)
    if rule_set is None:
        known = ", ".join(sorted(by_id)) or "none loaded"
        return [
            Problem(
                file,
                vignette.id,
                "rule_set",
                f"names rule set {vignette.rule_set}, which is not in rules/",
                f"one of: {known}",
            )
        ]
    found: list[Problem] = []
    for position, step in enumerate(vignette.steps):
        where = f"steps[{position}]"
        codes = [step.level, step.expected.recommended_level, step.expected.target_level]
        if step.decision is not None:
            codes.append(step.decision.chosen_level)
        for code in codes:
            if code is not None and code not in rule_set.levels:
                found.append(
                    Problem(
                        file,
                        vignette.id,
                        where,
                        f"names level {code}, which is not in rule set {rule_set.id}",
                        "one of " + ", ".join(rule_set.levels),
                    )
                )
        try:
            rule_set.check_assessment(step.assessment)
        except InputError as exc:
            found.append(
                Problem(
                    file, vignette.id, f"{where}.assessment.{exc.field}", exc.detail, exc.expected
                )
            )
    return found
