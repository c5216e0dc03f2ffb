"""The vocabulary of care navigation as pydantic models: no I/O, no widgets.

Names load on first use (PEP 562): a Voila page that shows only the levels of care
does not pay, in every new kernel, for importing the cost, program and rule models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carenav.models.assessment import (
        Assessment,
        Attendance,
        ClinicianDecision,
        DimensionRating,
        PlanProgress,
    )
    from carenav.models.base import Identifier, Money, Rate, Source, StrictModel, round_cents
    from carenav.models.client import ClientNeeds, Preferences, Weights
    from carenav.models.coverage import (
        Accumulators,
        CommercialPlan,
        CostSharing,
        CoveragePlan,
        EnteredPlan,
        EstimateInputs,
        Household,
        MedicaidPlan,
        OriginalMedicarePlan,
        OutOfNetwork,
        SelfPayPlan,
        UnitLimit,
    )
    from carenav.models.levels import Continuum, FourthEdition, HoursPerWeek, LevelOfCare
    from carenav.models.program import Address, Options, Payment, Program, Schedule
    from carenav.models.reference import (
        MedicaidCostSharing,
        MedicarePartBYear,
        OutOfPocketLimit,
        PovertyGuideline,
        ReferenceTables,
        SlidingScale,
    )
    from carenav.models.rules import (
        Dimension,
        Effect,
        FlagDefinition,
        RatingScale,
        Rule,
        RuleSet,
        StepDownCriteria,
        StepUpTrigger,
        TransitionCriteria,
    )
    from carenav.models.vignette import Vignette, VignetteStep

# Where each name is defined; tests/unit/test_models_package.py checks it against the imports above.
_WHERE = {
    "Accumulators": "coverage",
    "Address": "program",
    "Assessment": "assessment",
    "Attendance": "assessment",
    "ClientNeeds": "client",
    "ClinicianDecision": "assessment",
    "CommercialPlan": "coverage",
    "Continuum": "levels",
    "CostSharing": "coverage",
    "CoveragePlan": "coverage",
    "Dimension": "rules",
    "DimensionRating": "assessment",
    "Effect": "rules",
    "EnteredPlan": "coverage",
    "EstimateInputs": "coverage",
    "FlagDefinition": "rules",
    "FourthEdition": "levels",
    "HoursPerWeek": "levels",
    "Household": "coverage",
    "Identifier": "base",
    "LevelOfCare": "levels",
    "MedicaidCostSharing": "reference",
    "MedicaidPlan": "coverage",
    "MedicarePartBYear": "reference",
    "Money": "base",
    "Options": "program",
    "OriginalMedicarePlan": "coverage",
    "OutOfNetwork": "coverage",
    "OutOfPocketLimit": "reference",
    "Payment": "program",
    "PlanProgress": "assessment",
    "PovertyGuideline": "reference",
    "Preferences": "client",
    "Program": "program",
    "Rate": "base",
    "RatingScale": "rules",
    "ReferenceTables": "reference",
    "Rule": "rules",
    "RuleSet": "rules",
    "Schedule": "program",
    "SelfPayPlan": "coverage",
    "SlidingScale": "reference",
    "Source": "base",
    "StepDownCriteria": "rules",
    "StepUpTrigger": "rules",
    "StrictModel": "base",
    "TransitionCriteria": "rules",
    "UnitLimit": "coverage",
    "Vignette": "vignette",
    "VignetteStep": "vignette",
    "Weights": "client",
    "round_cents": "base",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Accumulators",
    "Address",
    "Assessment",
    "Attendance",
    "ClientNeeds",
    "ClinicianDecision",
    "CommercialPlan",
    "Continuum",
    "CostSharing",
    "CoveragePlan",
    "Dimension",
    "DimensionRating",
    "Effect",
    "EnteredPlan",
    "EstimateInputs",
    "FlagDefinition",
    "FourthEdition",
    "HoursPerWeek",
    "Household",
    "Identifier",
    "LevelOfCare",
    "MedicaidCostSharing",
    "MedicaidPlan",
    "MedicarePartBYear",
    "Money",
    "Options",
    "OriginalMedicarePlan",
    "OutOfNetwork",
    "OutOfPocketLimit",
    "Payment",
    "PlanProgress",
    "PovertyGuideline",
    "Preferences",
    "Program",
    "Rate",
    "RatingScale",
    "ReferenceTables",
    "Rule",
    "RuleSet",
    "Schedule",
    "SelfPayPlan",
    "SlidingScale",
    "Source",
    "StepDownCriteria",
    "StepUpTrigger",
    "StrictModel",
    "TransitionCriteria",
    "UnitLimit",
    "Vignette",
    "VignetteStep",
    "Weights",
    "round_cents",
]
