"""The terms of one plan year for one client: the plan's own, then the client's Medicare rules.

Two dated rules from the reference data change what a Medicare client pays:

- the program's billing setting, under Original Medicare: an FQHC charges no Part B
  deductible, an opioid treatment program no coinsurance, and a hospital outpatient
  department's coinsurance for one service is at most the year's Part A deductible;
- Medicaid alongside Medicare (Original Medicare or Medicare Advantage): a QMB owes none
  of Medicare's cost sharing at any provider; a full-benefit dual at a program that takes
  Medicaid owes at most Medicaid's copay; SLMB and QI change nothing the ledger counts.

Worked by hand (2026, $283 Part B deductible, 20%; a $300 approved amount a day):

>>> from datetime import date
>>> from decimal import Decimal
>>> from carenav.catalog import load
>>> from carenav.models.coverage import EstimateInputs, OriginalMedicarePlan
>>> reference = load(sections={"reference"}).reference
>>> medicare = OriginalMedicarePlan(id="m", kind="medicare_part_b", name="Part B")
>>> day = date(2026, 3, 2)
>>> fqhc = year_terms(medicare, day, EstimateInputs(start=day, weeks=1), reference, "fqhc")
>>> fqhc.deductible, fqhc.coinsurance      # no deductible at an FQHC: day 1 costs $60
(Decimal('0'), Decimal('0.20'))
>>> otp = year_terms(medicare, day, EstimateInputs(start=day, weeks=1), reference, "otp")
>>> otp.deductible, otp.coinsurance        # day 1 costs $283, day 2 $0
(Decimal('283'), Decimal('0'))
>>> qmb = EstimateInputs(start=day, weeks=1, dual={"status": "qmb"})
>>> terms = year_terms(medicare, day, qmb, reference, None)
>>> terms.client_pays_deductible, terms.client_pays_coinsurance, terms.client_pays_copay
(False, False, False)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from carenav.costs.family import family_terms
from carenav.costs.ledger import AppliedRule
from carenav.costs.medicaid import medicaid_terms
from carenav.costs.terms import YearTerms, plan_terms
from carenav.models.base import dollars
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import (
    CommercialPlan,
    CoveragePlan,
    EstimateInputs,
    MedicaidPlan,
    OriginalMedicarePlan,
)
from carenav.models.medicare import SETTING_NAMES, MedicareSetting
from carenav.models.reference import ReferenceTables


def is_medicare(plan: CoveragePlan) -> bool:
    """Original Medicare or a Medicare Advantage plan: the plans Medicare's protections follow."""
    return isinstance(plan, OriginalMedicarePlan) or (
        isinstance(plan, CommercialPlan) and plan.kind == "medicare_advantage"
    )


def billing_setting(inputs: EstimateInputs, billing: ProgramBilling) -> MedicareSetting | None:
    """The setting chosen for this estimate, else the one on the program's record."""
    return inputs.medicare_setting or billing.medicare_setting


def year_terms(
    plan: CoveragePlan,
    first_day: date,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    setting: MedicareSetting | None,
) -> YearTerms:
    """The plan year's terms for this client: the plan's, the billing setting's, then Medicaid's."""
    terms = plan_terms(plan, first_day, inputs.network, inputs.level, reference)
    if isinstance(plan, OriginalMedicarePlan) and setting is not None:
        terms = _with_setting(terms, setting, first_day, reference)
    if is_medicare(plan) and terms.covered:
        terms = _with_medicaid(terms, inputs, first_day, reference)
    if isinstance(plan, MedicaidPlan):
        terms = medicaid_terms(terms, plan, inputs, reference)
    if isinstance(plan, CommercialPlan):
        terms = family_terms(terms, plan.for_year(first_day), inputs)
    return terms


def _with_setting(
    terms: YearTerms, setting: MedicareSetting, first_day: date, reference: ReferenceTables
) -> YearTerms:
    rule = reference.setting_rule(setting, first_day)
    figures, _ = reference.part_b(first_day.year)
    cap = None
    text = rule.explanation
    if rule.coinsurance_capped_at_part_a_deductible:
        cap = figures.part_a_inpatient_deductible
        if cap is None:
            text += (
                f" (carenav's data has no {figures.year} Part A deductible, so no cap is applied.)"
            )
        else:
            text += f" With {figures.year}'s figures that cap is {dollars(cap)}."
    return replace(
        terms,
        deductible=terms.deductible if rule.deductible_applies else Decimal(0),
        coinsurance=terms.coinsurance if rule.coinsurance is None else rule.coinsurance,
        coinsurance_cap=cap,
        rules=(
            *terms.rules,
            AppliedRule(
                kind="medicare_setting",
                text=f"Billed as {SETTING_NAMES[setting]}. {text}",
                source=rule.source.citation(),
            ),
        ),
    )


def _with_medicaid(
    terms: YearTerms, inputs: EstimateInputs, first_day: date, reference: ReferenceTables
) -> YearTerms:
    dual = inputs.dual
    rule = reference.dual_rule(dual.status, first_day)
    if rule is None:
        return terms
    source = rule.source.citation()
    if rule.medicare_cost_sharing == "none":
        return replace(
            terms,
            client_pays_deductible=False,
            client_pays_coinsurance=False,
            client_pays_copay=False,
            rules=(
                *terms.rules,
                AppliedRule(kind="dual_qmb", text=rule.explanation, source=source),
            ),
        )
    if rule.medicare_cost_sharing == "all":
        return replace(
            terms,
            rules=(
                *terms.rules,
                AppliedRule(kind="dual_premium_only", text=rule.explanation, source=source),
            ),
        )
    # Full Medicaid without QMB: Medicaid's copay at most, only where the program takes it.
    if dual.program_takes_medicaid is not True:
        known = "does not take" if dual.program_takes_medicaid is False else "may not take"
        text = (
            f"{rule.explanation} The program {known} your Medicaid (not confirmed), so this "
            "estimate shows Medicare's cost sharing; ask the program."
        )
        return replace(
            terms,
            rules=(*terms.rules, AppliedRule(kind="dual_full", text=text, source=source)),
        )
    copay, where = _medicaid_copay(dual.medicaid_state, reference)
    text = f"{rule.explanation} Medicaid's copay here is {dollars(copay)} a unit ({where})."
    return replace(
        terms,
        client_copay_instead=copay,
        rules=(*terms.rules, AppliedRule(kind="dual_full", text=text, source=source)),
    )


def _medicaid_copay(state: str | None, reference: ReferenceTables) -> tuple[Decimal, str]:
    if reference.medicaid is None:
        return Decimal(0), "no Medicaid table in the data: $0 assumed; check the state plan"
    if state is None:
        return reference.medicaid.default_copay_per_unit, "no Medicaid state given: " + (
            reference.medicaid.default_note
        )
    return reference.medicaid.copay_for(state)
