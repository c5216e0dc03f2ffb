"""The worked cost cases of data/scenarios/, and the `carenav estimate` options for each."""

from __future__ import annotations

from carenav import catalog
from carenav.models.billing import DEFAULT_WEEKDAYS
from carenav.models.scenario import CostCase

CASES = catalog.load(sections=("scenarios",)).cost_cases
README_CASE = CASES[0]


def cli_options(case: CostCase) -> list[str]:
    """The `carenav estimate` options a navigator would type for this case."""
    program, inputs = case.program, case.inputs
    days = tuple(program.meeting_days)
    schedule = (
        ["--days-per-week", str(len(days))]
        if DEFAULT_WEEKDAYS.get(len(days)) == days
        else ["--weekdays", ",".join(day.value for day in days)]
    )
    options = ["--plan", case.plan, "--rate", f"{program.rate}", *schedule]
    if inputs.network != "in":
        options += ["--network", inputs.network]
    for flag, amount in (("--charge", program.charge), ("--cash-price", program.cash_price)):
        if amount is not None:
            options += [flag, f"{amount}"]
    if inputs.household is not None:
        options += ["--household", str(inputs.household.size)]
        options += ["--income", f"{inputs.household.annual_income}"]
    used = inputs.accumulators
    for flag, value in (
        ("--deductible-met", used.deductible_met),
        ("--oop-met", used.out_of_pocket_met),
        ("--days-used", used.days_used),
    ):
        if value:
            options += [flag, f"{value}"]
    if inputs.medicare_setting is not None:
        options += ["--setting", inputs.medicare_setting]
    dual = inputs.dual
    if dual.status != "none":
        options += ["--dual", "full" if dual.status == "full_dual" else dual.status]
    if dual.medicaid_state is not None:
        options += ["--medicaid-state", dual.medicaid_state]
    if dual.program_takes_medicaid is not None:
        options += ["--takes-medicaid", "yes" if dual.program_takes_medicaid else "no"]
    if inputs.medicaid.exempt_group is not None:
        options += ["--medicaid-exempt", inputs.medicaid.exempt_group]
    if inputs.medicaid.paid_this_period:
        options += ["--medicaid-paid", f"{inputs.medicaid.paid_this_period}"]
    family_met = used.family_deductible_met or used.family_out_of_pocket_met
    if inputs.coverage == "family" and not family_met:
        options.append("--family")  # the family amounts imply it otherwise
    for flag, value in (
        ("--family-deductible-met", used.family_deductible_met),
        ("--family-oop-met", used.family_out_of_pocket_met),
    ):
        if value:
            options += [flag, f"{value}"]
    return [*options, "--start", inputs.start.isoformat(), "--weeks", str(inputs.weeks)]
