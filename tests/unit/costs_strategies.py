"""Hypothesis strategies for random plans, programs and inputs (all valid by construction)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from carenav.models.billing import ProgramBilling, Weekday
from carenav.models.coverage import (
    CommercialPlan,
    CoveragePlan,
    EstimateInputs,
    MedicaidPlan,
    OriginalMedicarePlan,
    SelfPayPlan,
)

PLAN_ID = "random-plan"
SETTINGS = ["hopd", "cmhc", "fqhc", "rhc", "otp", "office"]
SHARES = [
    Decimal(x) for x in ("0", "0.1", "0.2", "0.25", "0.3", "0.333", "0.4", "0.5", "0.125", "1")
]


def cents(low: int = 0, high: int = 300_000) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda c: Decimal(c) / 100)


@st.composite
def cost_sharing(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "deductible": draw(cents(0, 600_000)),
        "coinsurance": draw(st.sampled_from(SHARES)),
        "copay_per_unit": draw(
            st.sampled_from([Decimal(0), Decimal(0), Decimal(25), Decimal("60.5")])
        ),
        "copay_before_deductible": draw(st.booleans()),
        "out_of_pocket_max": draw(st.none() | cents(0, 1_200_000)),
    }


@st.composite
def commercial(draw: st.DrawFn) -> CommercialPlan:
    out: dict[str, Any] | None = None
    if draw(st.booleans()):
        out = draw(cost_sharing())
        if draw(st.booleans()):
            out["allowed_percent_of_charge"] = draw(st.sampled_from(SHARES))
        else:
            out["allowed_per_unit"] = draw(cents(0, 200_000))
        out["balance_billing"] = draw(st.booleans())
    limits = []
    if draw(st.booleans()):
        limits = [{"level": "2.1", "units_per_plan_year": draw(st.integers(0, 60))}]
    start = draw(st.dates(date(2023, 1, 1), date(2026, 12, 31)))
    if (start.month, start.day) == (2, 29):
        start = start.replace(day=28)
    return CommercialPlan.model_validate(
        {
            "id": PLAN_ID,
            "name": "Random plan",
            "kind": draw(st.sampled_from(["commercial", "medicare_advantage"])),
            "plan_year_start": start,
            "in_network": draw(cost_sharing()),
            "out_of_network": out,
            "limits": limits,
            "prior_authorization": draw(st.sampled_from([[], ["2.1"]])),
        }
    )


@st.composite
def multi_year_commercial(draw: st.DrawFn) -> CommercialPlan:
    """A commercial plan with one to three later plan years of its own random terms.

    Later years keep the first year's out-of-network allowed rule (the model requires it)
    and may skip a year, so some plan years inherit the last terms given.
    """
    first = draw(commercial())
    data = first.model_dump()
    start = first.plan_year_start
    offsets = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3, unique=True))
    later: list[dict[str, Any]] = []
    for offset in sorted(offsets):
        out = None
        if first.out_of_network is not None:
            out = {**data["out_of_network"], **draw(cost_sharing())}
        limits = []
        if draw(st.booleans()):
            limits = [{"level": "2.1", "units_per_plan_year": draw(st.integers(0, 60))}]
        later.append(
            {
                "starts": start.replace(year=start.year + offset),
                "in_network": draw(cost_sharing()),
                "out_of_network": out,
                "limits": limits,
            }
        )
    return CommercialPlan.model_validate({**data, "later_years": later})


def plans(kinds: str = "all") -> st.SearchStrategy[CoveragePlan]:
    """Random plans; kinds="commercial" gives employer, marketplace and Medicare Advantage only."""
    if kinds == "commercial":
        return commercial()
    if kinds == "self_pay":
        return st.just(SelfPayPlan(id=PLAN_ID, name="Self-pay", kind="self_pay"))
    medicare = st.builds(
        lambda gap: OriginalMedicarePlan(
            id=PLAN_ID, name="Medicare", kind="medicare_part_b", medigap=gap
        ),
        st.sampled_from(["none", "F", "G"]),
    )
    medicaid = st.builds(
        lambda copay: MedicaidPlan(
            id=PLAN_ID, name="Medicaid", kind="medicaid", state="NY", copay_per_unit=copay
        ),
        st.none() | cents(0, 1_000),
    )
    self_pay = st.just(SelfPayPlan(id=PLAN_ID, name="Self-pay", kind="self_pay"))
    return st.one_of(commercial(), commercial(), medicare, medicaid, self_pay)


@st.composite
def programs(draw: st.DrawFn) -> ProgramBilling:
    days = draw(st.lists(st.sampled_from(list(Weekday)), min_size=1, max_size=7, unique=True))
    tiers = None
    if draw(st.booleans()):
        tiers = [
            {
                "up_to_percent_of_poverty": draw(st.integers(50, 400)),
                "pays": draw(st.sampled_from(SHARES)),
            },
            {"pays": 1},
        ]
    return ProgramBilling.model_validate(
        {
            "unit": draw(st.sampled_from(["day", "session"])),
            "meeting_days": days,
            "charge": draw(st.none() | cents(0, 500_000)),
            "cash_price": draw(st.none() | cents(0, 300_000)),
            "in_network_rates": {PLAN_ID: draw(cents(0, 400_000))}
            if draw(st.integers(0, 9))
            else {},
            "sliding_scale": tiers,
        }
    )


@st.composite
def estimate_inputs(
    draw: st.DrawFn, plan: CoveragePlan, weeks: int | None = None, network: str | None = None
) -> EstimateInputs:
    network = network or draw(st.sampled_from(["in", "out"]))
    deductible_met = Decimal(0)
    oop_met = Decimal(0)
    if isinstance(plan, CommercialPlan):
        tier = plan.tier(network)
        if tier is not None:
            deductible_met = draw(
                st.sampled_from([Decimal(0), tier.deductible, tier.deductible / 2])
            ).quantize(Decimal("0.01"))
            if tier.out_of_pocket_max is not None:
                oop_met = draw(st.sampled_from([Decimal(0), tier.out_of_pocket_max])).quantize(
                    Decimal("0.01")
                )
    household = None
    if draw(st.booleans()):
        household = {
            "size": draw(st.integers(1, 8)),
            "annual_income": draw(cents(0, 15_000_000)),
            "region": draw(st.sampled_from(["contiguous", "alaska", "hawaii"])),
        }
    return EstimateInputs.model_validate(
        {
            "start": draw(st.dates(date(2024, 1, 20), date(2026, 12, 31))),
            "weeks": draw(st.integers(0, 60)) if weeks is None else weeks,
            "network": network,
            "accumulators": {
                "deductible_met": deductible_met,
                "out_of_pocket_met": oop_met,
                "days_used": draw(st.integers(0, 40)),
            },
            "household": household,
            "dual": {
                "status": draw(st.sampled_from(["none", "none", "qmb", "slmb", "qi", "full_dual"])),
                "medicaid_state": "NY",
                "program_takes_medicaid": draw(st.none() | st.booleans()),
            },
            "medicare_setting": draw(st.none() | st.sampled_from(SETTINGS)),
        }
    )
