"""Questions to ask the plan and the program before admission, from what an estimate leaves open."""

from __future__ import annotations

from carenav.costs.ledger import CostLedger, long_date
from carenav.models.base import dollars
from carenav.models.coverage import (
    CommercialPlan,
    CoveragePlan,
    MedicaidPlan,
    OriginalMedicarePlan,
    SelfPayPlan,
    level_name,
)


def questions_to_ask(
    plan: CoveragePlan,
    ledger: CostLedger,
    payment_plan: bool | None = None,
    scholarship: bool | None = None,
) -> dict[str, list[str]]:
    """Questions for "the plan" and "the program", each a sentence a navigator can read out.

    `payment_plan` and `scholarship` are what the program's record says (None: not
    recorded), so a recorded "no" is not asked again and an unknown is.
    """
    level = level_name(ledger.level)
    to_plan: list[str] = []
    to_program: list[str] = []
    kinds = {event.kind for event in ledger.events}
    if isinstance(plan, CommercialPlan):
        to_plan.append(
            f"Is {level} covered at this program, and is the program in network for my plan?"
        )
        if "prior_authorization" in kinds:
            to_plan.append(
                f"What does prior authorization for {level} need, who requests it, and how long "
                "does approval take? How many days does an approval cover before review?"
            )
        limit = plan.limit_for(ledger.level)
        if limit is not None:
            to_plan.append(
                f"My plan limits {level} to {limit.units_per_plan_year} {limit.unit}s a plan year. "
                "Do medical benefits have the same limit (mental health parity)? How do I ask "
                "for an exception or a medical-necessity review?"
            )
        if plan.out_of_network is None:
            to_plan.append("Is there any out-of-network benefit, or a single-case agreement?")
        else:
            to_plan.append(
                "What is the out-of-network allowed amount for this service, and will I be "
                "reimbursed directly if I pay the program?"
            )
        to_plan.append(
            "How much of my deductible and out-of-pocket maximum have I met this plan year?"
        )
        for event in ledger.events:
            # A plan year the plan file gives no terms for: the estimate kept the last known.
            if (
                event.kind == "plan_year_reset"
                and event.on
                and plan.terms_from(event.on) < event.on
            ):
                to_plan.append(
                    f"What are my deductible, out-of-pocket maximum, copays and day limits for "
                    f"the plan year starting {long_date(event.on)}? This estimate assumes they "
                    "stay as they are now."
                )
    elif isinstance(plan, OriginalMedicarePlan):
        to_plan.append(
            "Is the program a Medicare-enrolled hospital outpatient department, community "
            "mental health center, FQHC, RHC or opioid treatment program that accepts assignment?"
        )
        to_plan.append("How much of this year's Part B deductible have I met?")
        to_program.append(
            "Who certifies the need for the program, and when is the recertification due?"
        )
    elif isinstance(plan, MedicaidPlan):
        to_plan.append(
            f"Does {plan.state} Medicaid (or my managed-care plan) cover {level} here, with what "
            "copay, and does it need prior authorization?"
        )
    to_plan_dual, to_program_dual = _dual_questions(ledger)
    to_plan += to_plan_dual
    to_program += to_program_dual
    if not isinstance(plan, SelfPayPlan) and ledger.totals.balance_bill:
        to_program.append(
            f"Will you bill me the difference between your charge and the plan's allowed amount "
            f"(about {dollars(ledger.totals.balance_bill)} here)? Will you reduce it?"
        )
    to_program.append("Can you give me a written estimate of what I will owe before I start?")
    if isinstance(plan, SelfPayPlan):
        to_program.append("Do you have a sliding scale, and what proof of income do you need?")
    if payment_plan is not False:
        to_program.append("Do you offer a payment plan, with how many months and any interest?")
    if scholarship is not False:
        to_program.append("Do you offer scholarships or other financial help?")
    return {"the plan": to_plan, "the program": to_program}


# Where a QMB reports a bill for Medicare cost sharing (CMS, MLN Matters SE1128 and the
# Medicare & You handbook: call 1-800-MEDICARE).
QMB_BILLED = (
    "If you are a QMB and a provider bills you Medicare's deductible, coinsurance or a copay, "
    "you do not owe it (Social Security Act §1902(n)(3)(B)): show the provider your Medicaid or "
    "QMB card or notice and ask them to take the bill back; if they do not, call 1-800-MEDICARE "
    "(1-800-633-4227, TTY 1-877-486-2048) to report it."
)


def _dual_questions(ledger: CostLedger) -> tuple[list[str], list[str]]:
    """What Medicaid alongside Medicare leaves to ask: the QMB protection, Medicaid participation."""
    kinds = {rule.kind for rule in ledger.rules_applied}
    to_plan: list[str] = []
    to_program: list[str] = []
    if "dual_qmb" in kinds:
        to_program.append(
            "I am a Qualified Medicare Beneficiary (QMB). Will you bill Medicare (and Medicaid) "
            "and accept that as payment in full, with nothing billed to me?"
        )
        to_program.append(QMB_BILLED)
    if "dual_full" in kinds:
        to_program.append(
            "Do you take my Medicaid, so that Medicaid pays Medicare's cost sharing and I pay at "
            "most Medicaid's copay?"
        )
        to_plan.append(
            "Am I a QMB as well as on full Medicaid? (A QMB owes no Medicare cost sharing.)"
        )
    if "dual_premium_only" in kinds:
        to_plan.append(
            "Do I qualify for QMB or full Medicaid, which would also pay Medicare's deductible "
            "and coinsurance? (SLMB and QI pay the Part B premium only.)"
        )
    return to_plan, to_program
