"""Loading data/payers/: one coverage plan per YAML file, and the warnings a plan deserves."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from carenav.catalog.reading import display_path, read_yaml, record_name
from carenav.errors import Problem, problems_from_validation
from carenav.models.base import dollars
from carenav.models.coverage import (
    CommercialPlan,
    CostSharing,
    CoveragePlan,
    MedicaidPlan,
    SelfPayPlan,
    level_name,
)
from carenav.models.known import KnownCodes
from carenav.models.limits import UnitLimit
from carenav.models.reference import ReferenceTables

PAYERS_DIR = "payers"
PLAN_ADAPTER: TypeAdapter[CoveragePlan] = TypeAdapter(CoveragePlan)


KINDS = ("commercial", "medicare_advantage", "medicare_part_b", "medicaid", "self_pay")


def _plain(problem: Problem) -> Problem:
    """A plan's problem in a plan's words: its kind dropped from the field, shares as shares."""
    field = problem.field or ""
    head, _, rest = field.partition(".")
    if head in KINDS:
        field = rest
    message, expected = problem.message, problem.expected
    if field.endswith(("coinsurance", "allowed_percent_of_charge")) and message == "is above 1":
        message, expected = "is more than 1", "a share from 0 to 1 (0.2 is 20%)"
    elif message.startswith("Input tag"):
        field, message = "kind", "is not a kind of plan carenav knows"
        expected = "one of " + ", ".join(KINDS)
    return Problem(problem.file, problem.record, field or None, message, expected)


def parse_plan(
    data: object, file: str, problems: list[Problem], known: KnownCodes | None = None
) -> CoveragePlan | None:
    """One plan from parsed YAML (or a dict from a form), or None after recording its problems.

    `known` holds the data's level codes: a limit or prior authorization for a level the
    continuum lacks is refused, since it would silently never apply.
    """
    record = record_name(data, 0) if isinstance(data, dict) and data.get("id") else None
    try:
        return PLAN_ADAPTER.validate_python(data, context=known.context() if known else None)
    except ValidationError as exc:
        problems.extend(_plain(p) for p in problems_from_validation(exc, file, record))
        return None


def load_payers(
    root: Path,
    reference: ReferenceTables,
    problems: list[Problem],
    warnings: list[Problem],
    codes: KnownCodes | None = None,
) -> dict[str, CoveragePlan]:
    """Every plan in root/payers/*.yaml by id; a missing folder loads as none.

    A plan naming a sliding scale the reference data lacks is a problem; a plan whose
    terms deserve a question to the plan (see plan_warnings) adds a warning.
    """
    folder = root / PAYERS_DIR
    plans: dict[str, CoveragePlan] = {}
    if not folder.is_dir():
        return plans
    for path in sorted(folder.glob("*.yaml")):
        shown = display_path(path, root)
        data = read_yaml(path, root, problems)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(shown, None, None, "is not a plan", "a mapping with id, kind, name, ...")
            )
            continue
        plan = parse_plan(data, shown, problems, codes)
        if plan is None:
            continue
        if plan.id in plans:
            problems.append(
                Problem(shown, plan.id, "id", "is used by another plan file", "a unique id")
            )
            continue
        if isinstance(plan, SelfPayPlan) and reference.sliding_scales:
            known = [scale.id for scale in reference.sliding_scales]
            if plan.sliding_scale not in known:
                problems.append(
                    Problem(
                        shown,
                        plan.id,
                        "sliding_scale",
                        f"names no known scale ('{plan.sliding_scale}')",
                        f"one of {', '.join(known)}",
                    )
                )
                continue
        plans[plan.id] = plan
        warnings.extend(plan_warnings(plan, reference, shown))
    return plans


def _year_warnings(
    plan: CommercialPlan,
    reference: ReferenceTables,
    file: str,
    prefix: str,
    year: int,
    in_network: CostSharing,
    limits: list[UnitLimit],
) -> list[Problem]:
    """One plan year's warnings: a maximum above the year's legal limit, and each day limit."""
    found: list[Problem] = []
    legal = (
        reference.aca_limit(year)
        if plan.kind == "commercial"
        else reference.medicare_advantage_limit(year)
    )
    cap = in_network.out_of_pocket_max
    what = "ACA" if plan.kind == "commercial" else "Medicare Advantage"
    if legal is not None and (cap is None or cap > legal.self_only):
        shown = "no maximum" if cap is None else dollars(cap)
        found.append(
            Problem(
                file,
                plan.id,
                f"{prefix}in_network.out_of_pocket_max",
                f"{shown} is above the {year} {what} limit of {dollars(legal.self_only)} for self-only "
                "coverage (possible compliance issue: ask the plan)",
            )
        )
    for position, rule in enumerate(limits):
        found.append(
            Problem(
                file,
                plan.id,
                f"{prefix}limits[{position}]",
                f"limits {level_name(rule.level)} to {rule.units_per_plan_year} {rule.unit}s a plan "
                "year: a limit on mental-health or substance-use care is a possible parity "
                "issue (MHPAEA); ask the plan whether medical benefits have the same limit",
            )
        )
    return found


def plan_warnings(plan: CoveragePlan, reference: ReferenceTables, file: str) -> list[Problem]:
    """What to ask the plan about: a maximum above the legal limit, a day limit, a Medicaid copay."""
    found: list[Problem] = []
    if isinstance(plan, CommercialPlan):
        # The first plan year's terms, then each later year's own (later_years[i]).
        years = [("", plan.plan_year_start, plan.in_network, plan.limits)] + [
            (f"later_years[{index}].", later.starts, later.in_network, later.limits)
            for index, later in enumerate(plan.later_years)
        ]
        for prefix, starts, in_network, limits in years:
            found += _year_warnings(plan, reference, file, prefix, starts.year, in_network, limits)
    if isinstance(plan, MedicaidPlan) and reference.medicaid is not None:
        copay = plan.copay_per_unit
        if copay is None:
            copay, _ = reference.medicaid.copay_for(plan.state)
        ceiling = reference.medicaid.ceiling_per_visit_at_or_below_100_percent
        if copay > ceiling:
            found.append(
                Problem(
                    file,
                    plan.id,
                    "copay_per_unit",
                    f"{dollars(copay)} is above the federal ceiling of {dollars(ceiling)} a visit for clients at or "
                    "below 100% of poverty (42 CFR 447.52); check the state plan",
                )
            )
    return found
