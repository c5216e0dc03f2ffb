"""Level codes and the day or session limits plans and state Medicaid programs put on them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from carenav.models.base import StrictModel
from carenav.models.known import known_levels

# A level of care's code: the form of one, and (given the data's codes) one the continuum has.
LevelCode = Annotated[
    str,
    Field(pattern=r"^\d(\.\d)?$", description="ASAM level, e.g. '2.1'"),
    AfterValidator(known_levels),
]


class UnitLimit(StrictModel):
    """A cap on days or sessions of one level of care in a plan year."""

    level: LevelCode
    units_per_plan_year: int = Field(ge=0, le=366)
    unit: Literal["day", "session"] = "day"


def one_limit_per_level(limits: list[UnitLimit]) -> list[UnitLimit]:
    """Refuse a list that gives one level two limits (which would one apply?)."""
    levels = [x.level for x in limits]
    if len(set(levels)) != len(levels):
        raise ValueError("a level has two limits; give each level one")
    return limits


# A plan's or a state's yearly limits: at most one per level of care.
UnitLimits = Annotated[list[UnitLimit], AfterValidator(one_limit_per_level)]
