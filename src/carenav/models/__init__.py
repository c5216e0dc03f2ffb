"""The vocabulary of care navigation as pydantic models: no I/O, no widgets."""

from carenav.models.base import Identifier, Money, Rate, Source, StrictModel, round_cents
from carenav.models.levels import Continuum, FourthEdition, HoursPerWeek, LevelOfCare

__all__ = [
    "Continuum",
    "FourthEdition",
    "HoursPerWeek",
    "Identifier",
    "LevelOfCare",
    "Money",
    "Rate",
    "Source",
    "StrictModel",
    "round_cents",
]
