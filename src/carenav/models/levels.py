"""Levels of care: the rungs of the continuum, from early intervention to hospital care.

The numbers are the ASAM Criteria's (3rd edition, 2013; the 4th edition's number,
where it differs, is kept beside it). Names, numbers and published hour floors are
public facts; the Criteria's decision rules are licensed and are not part of carenav.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from itertools import pairwise

from pydantic import Field, field_validator, model_validator

from carenav.models.base import Identifier, Source, StrictModel


class HoursPerWeek(StrictModel):
    """Clinical hours a week a level typically provides: a floor, and a ceiling where one is published."""

    minimum: float | None = Field(default=None, ge=0, le=168)
    below: float | None = Field(
        default=None, gt=0, le=168, description="Strictly under this many hours"
    )
    maximum: float | None = Field(default=None, gt=0, le=168)
    note: str | None = None

    def describe(self, with_note: bool = True) -> str:
        """The range in words, e.g. '9–19 hours a week' or 'under 9 hours a week'."""
        if self.minimum is not None and self.maximum is not None:
            text = f"{self.minimum:g}–{self.maximum:g} hours a week"
        elif self.minimum is not None:
            text = f"{self.minimum:g} or more hours a week"
        elif self.below is not None:
            text = f"under {self.below:g} hours a week"
        elif self.maximum is not None:
            text = f"up to {self.maximum:g} hours a week"
        else:
            text = "hours not set by a public standard"
        return f"{text} ({self.note})" if self.note and with_note else text


class FourthEdition(StrictModel):
    """How the ASAM 4th edition (2023) names this level, or that it removed it."""

    code: str | None = None
    name: str | None = None
    note: str | None = None


class LevelOfCare(StrictModel):
    """One level of care, e.g. 2.1 Intensive outpatient (IOP)."""

    code: str = Field(pattern=r"^\d(\.\d)?$", description="ASAM 3rd-edition number, e.g. '2.1'")
    name: str = Field(min_length=3)
    common_name: str = Field(min_length=2, description="What clients and staff call it, e.g. 'IOP'")
    fourth_edition: FourthEdition | None = None
    setting: str
    twenty_four_hour: bool
    medical_oversight: str
    hours_adults: HoursPerWeek
    hours_adolescents: HoursPerWeek | None = None
    typical_length: str | None = None
    serves: list[str] = Field(min_length=1)
    entry_point: str | None = Field(default=None, description="When clients start here directly")
    step_down_from: list[str] = Field(default_factory=list)
    step_up_from: list[str] = Field(default_factory=list)
    step_up_means: str | None = None
    step_down_means: str | None = None
    sources: list[Source] = Field(min_length=1)

    @property
    def rank(self) -> Decimal:
        """Position on the ladder: a higher number is a more intensive level."""
        return Decimal(self.code)

    @property
    def label(self) -> str:
        """'2.1 Intensive outpatient (IOP)'."""
        return f"{self.code} {self.name}"


class Continuum(StrictModel):
    """The levels in order from least to most intensive, with where the list comes from."""

    id: Identifier
    title: str
    description: str
    levels: list[LevelOfCare] = Field(min_length=2)

    @field_validator("levels")
    @classmethod
    def _codes_unique_and_rising(cls, levels: list[LevelOfCare]) -> list[LevelOfCare]:
        seen: set[str] = set()
        for level in levels:
            if level.code in seen:
                raise ValueError(f"level code {level.code} appears twice; each level once")
            seen.add(level.code)
        for lower, higher in pairwise(levels):
            if higher.rank <= lower.rank:
                raise ValueError(
                    f"level {higher.code} comes after {lower.code}; "
                    "levels must be listed from least to most intensive"
                )
        return levels

    @model_validator(mode="after")
    def _moves_name_known_levels(self) -> Continuum:
        codes = {level.code for level in self.levels}
        for level in self.levels:
            for code in (*level.step_down_from, *level.step_up_from):
                if code not in codes:
                    raise ValueError(
                        f"level {level.code} names level {code} as a step, "
                        f"but the continuum has no level {code}"
                    )
        return self

    def level(self, code: str) -> LevelOfCare:
        """The level with this code; raises UnknownIdError for a code not on the ladder."""
        from carenav.errors import UnknownIdError

        for level in self.levels:
            if level.code == code:
                return level
        raise UnknownIdError("level of care", code, [lvl.code for lvl in self.levels])

    def codes(self) -> list[str]:
        """The level codes, least to most intensive."""
        return [level.code for level in self.levels]

    def label(self, code: str) -> str:
        """How every screen and report names a level: '2.1 Intensive outpatient (IOP)'.

        A code not on this continuum is named 'level 9.9', never refused: the words
        must not fail where the data already has.
        """
        return level_label(code, self)

    def above(self, code: str) -> LevelOfCare | None:
        """The next more intensive level, or None at the top."""
        index = self.codes().index(self.level(code).code)
        return self.levels[index + 1] if index + 1 < len(self.levels) else None

    def below(self, code: str) -> LevelOfCare | None:
        """The next less intensive level, or None at the bottom."""
        index = self.codes().index(self.level(code).code)
        return self.levels[index - 1] if index > 0 else None


def parse_level_code(text: str) -> Decimal:
    """A level code as a number for ordering; ValueError for text that is not one."""
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"'{text}' is not a level code like 2.1") from exc


def level_label(code: str, continuum: Continuum | None) -> str:
    """'2.1 Intensive outpatient (IOP)' with a continuum that has the code, else 'level 2.1'."""
    if continuum is not None:
        for level in continuum.levels:
            if level.code == code:
                return f"{level.code} {level.common_name}"
    return f"level {code}"
