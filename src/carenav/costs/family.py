"""Family coverage: one person's estimate under a plan's family deductible and maximum.

Embedded: each person has their own deductible and maximum inside the family's, and
whichever has less left is the one that binds. Non-embedded (aggregate): only the
family's amounts exist, and everyone's cost sharing counts toward them. What the
family has already met is an input; in a later plan year both start again from zero,
so (this person alone accruing) the smaller of the two figures binds.

The ledger's running totals stay one pair (deductible met, out-of-pocket met), so the
family case is carried as the figures in force (`deductible`, `out_of_pocket_max`) and
an opening amount "already met" chosen so that exactly the binding remainder is left.

Worked by hand (embedded; $1,500 own and $3,000 family deductible; the family has met
$2,600, this person nothing): left = min($1,500 - $0, $3,000 - $2,600) = $400, the
family's. In force: min($1,500, $3,000) = $1,500, opened at $1,500 - $400 = $1,100 met.

>>> from decimal import Decimal as D
>>> remaining(D(1500), D(0), D(3000), D(2600), embedded=True)
(Decimal('400'), 'family')
>>> remaining(D(1500), D(0), D(3000), D(2600), embedded=False)
(Decimal('400'), 'family')
>>> remaining(D(1500), D(200), D(3000), D(400), embedded=True)
(Decimal('1300'), 'individual')
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from carenav.costs.ledger import AppliedRule
from carenav.costs.terms import YearTerms
from carenav.errors import InputError
from carenav.models.base import dollars
from carenav.models.coverage import Accumulators, CommercialPlan, CostSharing, EstimateInputs


def remaining(
    own: Decimal, own_met: Decimal, family: Decimal, family_met: Decimal, *, embedded: bool
) -> tuple[Decimal, str]:
    """What is left before a limit is reached, and whose limit it is ('individual' or 'family')."""
    family_left = max(family - family_met, Decimal(0))
    if not embedded:
        return family_left, "family"
    own_left = max(own - own_met, Decimal(0))
    return (family_left, "family") if family_left < own_left else (own_left, "individual")


def _tier(plan: CommercialPlan, inputs: EstimateInputs) -> CostSharing | None:
    tier = plan.tier(inputs.network)
    if tier is None or inputs.coverage != "family":
        return None
    if tier.family_deductible is None:
        raise InputError(
            "coverage",
            f"the plan '{plan.id}' gives no family deductible for this network",
            "self-only coverage, or a plan with family amounts",
        )
    return tier


def _in_force(own: Decimal | None, family: Decimal | None, embedded: bool) -> Decimal | None:
    """The one person's figure in force: the smaller under embedding, else the family's."""
    if family is None:
        return own if embedded else None
    if own is None:
        return family
    return min(own, family) if embedded else family


def _left(
    own: Decimal | None,
    own_met: Decimal,
    family: Decimal | None,
    family_met: Decimal,
    embedded: bool,
) -> tuple[Decimal, str]:
    if family is None:
        return max((own or Decimal(0)) - own_met, Decimal(0)), "individual"
    if own is None or not embedded:
        return max(family - family_met, Decimal(0)), "family"
    return remaining(own, own_met, family, family_met, embedded=True)


def family_terms(terms: YearTerms, plan: CommercialPlan, inputs: EstimateInputs) -> YearTerms:
    """A plan year's terms under family coverage: the figures in force for one person."""
    tier = _tier(plan, inputs)
    if tier is None or not terms.covered:
        return terms
    embedded = tier.family_embedded
    kind = "embedded" if embedded else "non-embedded (aggregate)"
    text = (
        f"Family coverage, {kind}: the family deductible is {dollars(tier.family_deductible or Decimal(0))}"
        + (
            f" and the family out-of-pocket maximum {dollars(tier.family_out_of_pocket_max)}"
            if tier.family_out_of_pocket_max is not None
            else ""
        )
        + (
            f"; each person also has their own {dollars(tier.deductible)} deductible"
            + (
                f" and {dollars(tier.out_of_pocket_max)} maximum"
                if tier.out_of_pocket_max is not None
                else ""
            )
            + ", and whichever has less left applies."
            if embedded
            else "; everyone's cost sharing counts toward the family's amounts."
        )
    )
    return replace(
        terms,
        deductible=_in_force(tier.deductible, tier.family_deductible, embedded) or Decimal(0),
        out_of_pocket_max=_in_force(
            tier.out_of_pocket_max, tier.family_out_of_pocket_max, embedded
        ),
        rules=(
            *terms.rules,
            AppliedRule(kind="family", text=text, source=f"the plan's terms ({plan.name})"),
        ),
    )


def family_opening(
    plan: CommercialPlan, inputs: EstimateInputs, terms: YearTerms
) -> tuple[Accumulators, list[AppliedRule]]:
    """The first plan year's 'already met' amounts for one person, and which limit binds."""
    tier = _tier(plan, inputs)
    met = inputs.accumulators
    if tier is None or not terms.covered:
        return met, []
    embedded = tier.family_embedded
    left, whose = _left(
        tier.deductible,
        met.deductible_met,
        tier.family_deductible,
        met.family_deductible_met,
        embedded,
    )
    found = [_bound_text("deductible", left, whose)]
    opening_deductible = terms.deductible - left
    opening_oop = met.out_of_pocket_met
    if terms.out_of_pocket_max is not None:
        oop_left, oop_whose = _left(
            tier.out_of_pocket_max,
            met.out_of_pocket_met,
            tier.family_out_of_pocket_max,
            met.family_out_of_pocket_met,
            embedded,
        )
        opening_oop = terms.out_of_pocket_max - oop_left
        found.append(_bound_text("out-of-pocket maximum", oop_left, oop_whose))
    opening = met.model_copy(
        update={
            "deductible_met": max(opening_deductible, Decimal(0)),
            "out_of_pocket_met": max(opening_oop, Decimal(0)),
        }
    )
    return opening, found


def _bound_text(limit: str, left: Decimal, whose: str) -> AppliedRule:
    who = "the family's" if whose == "family" else "your own"
    return AppliedRule(
        kind=f"family_{'deductible' if limit == 'deductible' else 'out_of_pocket'}",
        text=f"This plan year {dollars(left)} is left before the {limit} is met, and {who} "
        f"{limit} is the one that binds (as entered, with what the family has already met).",
        source="the plan's terms and the amounts entered",
    )
