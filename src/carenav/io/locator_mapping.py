"""The locator mapping file (data/mappings/samhsa-locator.yaml) as a checked model.

Each locator category (SET, PAY, ...) maps each value label to carenav facts: a
directory column and the tokens it adds (``{levels: "2.1"}``). The model checks that
every column is one the directory has and every token is one that column accepts, so a
typo in the mapping is an error when it is read, never a silently wrong directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator

from carenav.catalog.reading import read_yaml
from carenav.errors import DataError, Problem, problems_from_validation
from carenav.models.base import StrictModel
from carenav.models.frame import FLAGS, OPTION_FACETS
from carenav.models.program import Options
from carenav.resources import bundled_data_dir

STATE = "{state}"
LEVELS = "levels"
# Columns whose tokens come from a closed vocabulary (None: any token the column accepts).
_VOCABULARY: dict[str, frozenset[str] | None] = {
    column: (frozenset(options) if options is not None else None)
    for column, (_, options) in OPTION_FACETS.items()
}
FactColumns = frozenset({LEVELS, *FLAGS, *OPTION_FACETS})


def _tokens(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Category(StrictModel):
    """One locator category: its name and what each of its value labels means in carenav."""

    name: str
    values: dict[str, dict[str, list[str]]]

    @field_validator("values", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            label: {column: _tokens(t) for column, t in (facts or {}).items()}
            if isinstance(facts, dict | type(None))
            else facts
            for label, facts in value.items()
        }

    @field_validator("values")
    @classmethod
    def _known_facts(
        cls, values: dict[str, dict[str, list[str]]]
    ) -> dict[str, dict[str, list[str]]]:
        for label, facts in values.items():
            for column, tokens in facts.items():
                _check_fact(label, column, tokens)
        return values


def _check_fact(label: str, column: str, tokens: list[str]) -> None:
    if column not in FactColumns:
        raise ValueError(
            f"'{label}' maps to '{column}', which is not a directory column that holds "
            f"options or yes/no facts ({', '.join(sorted(FactColumns))})"
        )
    for token in tokens:
        if column in FLAGS:
            if token != "yes":
                raise ValueError(
                    f"'{label}' sets the yes/no column {column} to '{token}'; write yes"
                )
        elif column != LEVELS and token != STATE:
            Options.parse(token)  # one lowercase token, as a directory cell holds it
            known = _VOCABULARY.get(column)
            if known is not None and token not in known:
                raise ValueError(
                    f"'{label}' maps to {column} '{token}', which is not one of "
                    f"{', '.join(sorted(known))}"
                )


class LocatorMapping(StrictModel):
    """How locator rows become directory columns; see the mapping file's own comments."""

    description: str
    source: str
    facility_types: dict[str, dict[str, list[str]]]
    categories: dict[str, Category]
    not_used: list[str] = Field(default_factory=list)

    @field_validator("facility_types", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {k: {c: _tokens(t) for c, t in (v or {}).items()} for k, v in value.items()}

    def level_codes(self) -> set[str]:
        """Every level code some value maps to (checked against levels_of_care.yaml on import)."""
        return {
            code
            for category in self.categories.values()
            for facts in category.values.values()
            for code in facts.get(LEVELS, [])
        }


def default_mapping_path() -> Path:
    """The mapping that ships with carenav."""
    return bundled_data_dir() / "mappings" / "samhsa-locator.yaml"


def load_mapping(path: Path | None = None) -> LocatorMapping:
    """The mapping at `path` (default: the shipped one), or DataError naming every problem."""
    path = path or default_mapping_path()
    problems: list[Problem] = []
    raw = read_yaml(path, path.parent, problems)
    if raw is not None:
        try:
            return LocatorMapping.model_validate(raw)
        except ValidationError as exc:
            problems.extend(problems_from_validation(exc, str(path), None))
    raise DataError(problems)
