"""What a case means against the data: each program's level, fit, open questions and cost for this client.

The navigator app and `carenav handout` both call these functions, so the cost on the
handout is the cost the app shows and the one `carenav estimate` prints for the same
program, plan, level, start and weeks. Facts are returned as data (codes and values);
the presenters put them into words in the client's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from carenav.costs import CostLedger, estimate, next_monday
from carenav.errors import CarenavError
from carenav.models.case import ClientCase
from carenav.models.coverage import (
    CommercialPlan,
    CoveragePlan,
    EstimateInputs,
    OriginalMedicarePlan,
    UnitLimit,
)
from carenav.models.medicare import DualEligibility
from carenav.models.program import Program

if TYPE_CHECKING:
    from carenav.catalog import Catalog

# Why a program has no estimate; the presenters word each one.
NoEstimate = Literal["no_plan", "no_billing", "cannot_estimate"]


@dataclass(frozen=True)
class ProgramCost:
    """One program's estimate for this client, or why there is none."""

    level: str
    ledger: CostLedger | None = None
    missing: NoEstimate | None = None
    detail: str = ""


@dataclass(frozen=True)
class Fact:
    """One reason a program fits, or one thing its record does not confirm: a key and its values."""

    key: str
    value: str = ""


@dataclass(frozen=True)
class ProgramFacts:
    """Everything a client needs about one program on the handout."""

    program: Program
    miles: float | None
    cost: ProgramCost
    fits: list[Fact] = field(default_factory=list)
    unconfirmed: list[Fact] = field(default_factory=list)
    prior_authorization: bool = False
    session_limit: UnitLimit | None = None
    out_of_network: bool = False
    qmb: bool = False


def level_at(program: Program, wanted: str | None) -> str:
    """The level the client would attend at this program: the case's level when offered there."""
    return wanted if wanted in program.levels else program.levels[0]


def estimate_start(case: ClientCase, today: date) -> date:
    """The first day of the estimate: the case's start, else next Monday."""
    return case.start or next_monday(today)


def plan_for(
    case: ClientCase, catalog: Catalog, level: str, unit: str = "day"
) -> CoveragePlan | None:
    """The client's plan: a plan in the data, or the typed-in one applied to this level."""
    coverage = case.coverage
    if coverage.plan_id is not None:
        return catalog.payers[coverage.plan_id]
    if coverage.entered_plan is not None:
        return coverage.entered_plan.to_plan(level, "session" if unit == "session" else "day")
    return None


def program_cost(case: ClientCase, program: Program, catalog: Catalog, today: date) -> ProgramCost:
    """This program's estimate under the client's coverage, at its own level, rate and days."""
    level = level_at(program, case.level)
    if program.billing is None:
        return ProgramCost(level, missing="no_billing")
    plan = plan_for(case, catalog, level, program.billing.unit)
    if plan is None:
        return ProgramCost(level, missing="no_plan")
    coverage = case.coverage
    inputs = EstimateInputs(
        start=estimate_start(case, today),
        weeks=case.weeks,
        level=level,
        network=coverage.network,
        accumulators=coverage.accumulators,
        household=coverage.household,
        dual=_dual_here(case, program),
    )
    try:
        ledger = estimate(plan, program.billing, inputs, catalog.reference, program.name)
    except CarenavError as exc:
        return ProgramCost(level, missing="cannot_estimate", detail=str(exc))
    return ProgramCost(level, ledger=ledger)


def _dual_here(case: ClientCase, program: Program) -> DualEligibility:
    """The client's Medicaid-with-Medicare status, with whether this program takes that Medicaid."""
    dual = case.coverage.dual
    if dual.status == "none" or dual.medicaid_state is None:
        return dual
    takes = program.payment.medicaid_states.status(dual.medicaid_state.lower())
    return dual.model_copy(update={"program_takes_medicaid": takes})


def _miles(case: ClientCase, program: Program) -> float | None:
    if case.needs is None or case.needs.zip is None:
        return None
    import numpy as np

    from carenav.geo import locate, miles_from

    address = program.address
    try:
        here = locate(case.needs.zip)
        there = (
            (address.latitude, address.longitude)
            if address.latitude is not None and address.longitude is not None
            else locate(address.zip)
        )
    except CarenavError:
        return None
    distance = miles_from(here[0], here[1], np.array([there[0]]), np.array([there[1]]))[0]
    return round(float(distance), 1)


def _fits(
    case: ClientCase, program: Program, plan: CoveragePlan | None, level: str
) -> tuple[list[Fact], list[Fact]]:
    """What fits the client and what the record leaves open, from the program's own record."""
    fits: list[Fact] = []
    unknown: list[Fact] = []
    if case.level is not None and level == case.level:
        fits.append(Fact("level", level))
    if plan is not None and program.payment.plans.status(plan.id):
        fits.append(Fact("plan", plan.name))
    elif isinstance(plan, CommercialPlan) and program.payment.plans.status(plan.id) is None:
        unknown.append(Fact("plan", plan.name))
    needs = case.needs
    if needs is None:
        return fits, unknown
    for condition in sorted(needs.conditions):
        status = program.conditions.status(str(condition))
        if status:
            fits.append(Fact("condition", str(condition)))
        elif status is None:
            unknown.append(Fact("condition", str(condition)))
    times = {str(t) for t in needs.times}
    for time_of_day, known in (
        ("evening", program.schedule.evening),
        ("daytime", program.schedule.daytime),
    ):
        if time_of_day in times:
            if known:
                fits.append(Fact(time_of_day))
            elif known is None:
                unknown.append(Fact(time_of_day))
    languages = needs.must_have.languages | needs.nice_to_have.languages
    for language in sorted(languages):
        status = program.languages.status(language)
        if status:
            fits.append(Fact("language", language))
        elif status is None:
            unknown.append(Fact("language", language))
    return fits, unknown


def program_facts(
    case: ClientCase, program: Program, catalog: Catalog, today: date
) -> ProgramFacts:
    """The handout's facts for one program: distance, fit, open questions, cost, plan rules."""
    cost = program_cost(case, program, catalog, today)
    unit = program.billing.unit if program.billing else "day"
    plan = plan_for(case, catalog, cost.level, unit)
    fits, unconfirmed = _fits(case, program, plan, cost.level)
    prior_authorization = (
        isinstance(plan, CommercialPlan) and cost.level in plan.prior_authorization
    )
    limit = plan.limit_for(cost.level) if isinstance(plan, CommercialPlan) else None
    return ProgramFacts(
        program=program,
        miles=_miles(case, program),
        cost=cost,
        fits=fits,
        unconfirmed=unconfirmed,
        prior_authorization=prior_authorization,
        session_limit=limit,
        out_of_network=case.coverage.network == "out" and isinstance(plan, CommercialPlan),
        qmb=isinstance(plan, OriginalMedicarePlan) and case.coverage.dual.status == "qmb",
    )


@dataclass(frozen=True)
class CaseFacts:
    """A case read against the data: its plan, its level and the programs on the handout."""

    case: ClientCase
    today: date
    start: date
    plan_name: str | None
    programs: list[ProgramFacts]
    directory_checked: tuple[date, date] | None
    rule_set_name: str | None
    rule_set_version: str | None = None


def case_facts(case: ClientCase, catalog: Catalog, today: date) -> CaseFacts:
    """Everything the handout says about this case, computed once."""
    programs = [catalog.programs.program(pid) for pid in case.handout_programs()]
    facts = [program_facts(case, program, catalog, today) for program in programs]
    plan_name = None
    if case.coverage.plan_id is not None:
        plan_name = catalog.payers[case.coverage.plan_id].name
    elif case.coverage.entered_plan is not None:
        plan_name = ""
    checked = [p.verified_on for p in programs]
    rule_set_name = rule_set_version = None
    choice = case.level_of_care
    if choice.rule_set_id is not None:
        rule_set = catalog.rule_set(choice.rule_set_id)
        # The version the level was suggested under, as the case recorded it.
        rule_set_name, rule_set_version = rule_set.name, choice.rule_set_version or rule_set.version
    return CaseFacts(
        case=case,
        today=today,
        start=estimate_start(case, today),
        plan_name=plan_name,
        programs=facts,
        directory_checked=(min(checked), max(checked)) if checked else None,
        rule_set_name=rule_set_name,
        rule_set_version=rule_set_version,
    )
