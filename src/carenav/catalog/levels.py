"""Loading the continuum of care from levels_of_care.yaml."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from carenav.catalog.reading import display_path, read_yaml, record_name, validate_record
from carenav.errors import Problem, problems_from_validation
from carenav.models.levels import Continuum, LevelOfCare

LEVELS_FILE = "levels_of_care.yaml"


def load_continuum(root: Path, problems: list[Problem]) -> Continuum | None:
    """The continuum in root/levels_of_care.yaml, or None after recording every problem."""
    path = root / LEVELS_FILE
    shown = display_path(path, root)
    data = read_yaml(path, root, problems)
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("levels"), list):
        problems.append(
            Problem(shown, None, "levels", "is not a list of levels", "a 'levels:' list")
        )
        return None
    # Each level is checked on its own first, so one message names the level at fault.
    before = len(problems)
    for position, entry in enumerate(data["levels"]):
        validate_record(
            LevelOfCare, entry, shown, f"level {record_name(entry, position)}", problems
        )
    if len(problems) > before:
        return None
    try:
        return Continuum.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, shown, str(data.get("id") or "continuum")))
        return None
