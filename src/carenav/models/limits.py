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
