"""How the case's plan reaches the finder: each kind of plan as the directory records a way of paying.

The directory lists commercial plans by id, and Medicare, Medicaid by state and
self-pay or a sliding scale as their own columns; the navigator's one Plan choice is
turned into the matching one, so choosing Original Medicare or Medicaid filters the
programs instead of being refused as a plan the directory does not list.
"""

from __future__ import annotations

from typing import Any

from carenav.catalog import Catalog
from carenav.models.case import ClientCase
from carenav.models.client import ClientNeeds
from carenav.models.coverage import MedicaidPlan, OriginalMedicarePlan, SelfPayPlan


def finder_needs(case: ClientCase, catalog: Catalog) -> tuple[ClientNeeds | None, str]:
    """The needs the finder matches on, and a note when the plan cannot filter the programs."""
    needs = case.finder_needs()
    if needs is None or needs.plan is None:
        return needs, ""
    plan = catalog.payers.get(needs.plan)
    update: dict[str, Any] = {"plan": None}
    note = ""
    if isinstance(plan, OriginalMedicarePlan):
        update["medicare"] = True
    elif isinstance(plan, MedicaidPlan):
        update["medicaid_state"] = plan.state.upper()
    elif isinstance(plan, SelfPayPlan):
        update["other_payment"] = needs.other_payment | {"self-pay", "sliding-scale"}
    elif needs.plan in catalog.programs.options("plan"):
        return needs, ""
    else:
        name = plan.name if plan is not None else needs.plan
        note = (
            f" The directory records no program's network for {name}, so the programs are not "
            "filtered by plan: ask each one whether it takes the plan."
        )
    return ClientNeeds.model_validate({**needs.model_dump(), **update}), note
