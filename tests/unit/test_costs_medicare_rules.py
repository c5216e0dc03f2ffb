"""Medicare by billing setting, Medicare Advantage, and Medicaid alongside Medicare (issue 11).

Every figure is worked by hand in the test's docstring from the 2026 Part B figures
($283 deductible, then 20%; Part A deductible $1,736) and a program billing $300 a day on
Mon, Wed and Fri for 4 weeks from Mon 2 March 2026: 12 days.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carenav.costs import estimate, questions_to_ask
from carenav.costs.vectorized import estimate_totals, program_frame
from carenav.errors import InputError
from carenav.models.base import Source
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import CoveragePlan, OriginalMedicarePlan
from carenav.models.medicaid import StateMedicaidRules
from tests.unit.costs_strategies import PLAN_ID, SETTINGS, commercial, programs
from tests.unit.costs_support import inputs, plan, program, reference

MEDICARE = "medicare-part-b-2026"
ADVANTAGE = "example-medicare-advantage-2026"
PLANS = (MEDICARE, ADVANTAGE)


def _total(plan_id: str, rate: str = "300", weeks: int = 4, **extra: object) -> Decimal:
    billing = program(rate, plans=PLANS)
    return estimate(plan(plan_id), billing, inputs(weeks=weeks, **extra), reference()).client_total


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        # Day 1: $283 deductible + 20% of $17 = $286.40; days 2-12: 11 x $60 = $660.
        ("hopd", Decimal("946.40")),
        # No deductible at an FQHC: 12 x 20% of $300 = $720.
        ("fqhc", Decimal("720.00")),
        # Deductible, no coinsurance at an opioid treatment program: $283 on day 1, then $0.
        ("otp", Decimal("283.00")),
        ("office", Decimal("946.40")),
        (None, Decimal("946.40")),
    ],
)
def test_the_billing_setting_decides_the_medicare_rule(
    setting: str | None, expected: Decimal
) -> None:
    assert _total(MEDICARE, medicare_setting=setting) == expected


def test_three_settings_give_three_results_each_with_its_source() -> None:
    ledgers = {
        setting: estimate(
            plan(MEDICARE),
            program("300", plans=PLANS),
            inputs(weeks=4, medicare_setting=setting),
            reference(),
        )
        for setting in ("hopd", "fqhc", "otp")
    }
    assert len({ledger.client_total for ledger in ledgers.values()}) == 3
    fqhc = ledgers["fqhc"].rules_applied[0]
    assert fqhc.kind == "medicare_setting" and "deductible does not apply" in fqhc.text
    assert "405.2462" in fqhc.source
    assert "1833(t)(8)(C)" in ledgers["hopd"].rules_applied[0].source
    assert "no coinsurance" in ledgers["otp"].rules_applied[0].text


def test_a_hospital_outpatient_coinsurance_stops_at_the_part_a_deductible() -> None:
    """$10,000 a day, 1 week: 20% would be $2,000 a day; the cap is $1,736 (2026).

    Day 1: $283 deductible + min(20% of $9,717 = $1,943.40, $1,736) = $2,019;
    days 2-3: $1,736 each. $2,019 + $3,472 = $5,491. Billed from an office: $283 +
    $1,943.40 + 2 x $2,000 = $6,226.40.
    """
    assert _total(MEDICARE, "10000", weeks=1, medicare_setting="hopd") == Decimal("5491.00")
    assert _total(MEDICARE, "10000", weeks=1, medicare_setting="office") == Decimal("6226.40")


def test_medicare_advantage_charges_its_daily_copay_up_to_its_maximum() -> None:
    """12 days x $55 = $660; 20 weeks: 60 days x $55 = $3,300; 40 weeks would be $6,600 > $5,900."""
    assert _total(ADVANTAGE) == Decimal("660.00")
    assert _total(ADVANTAGE, weeks=40) == Decimal("5900.00")


@pytest.mark.parametrize("plan_id", PLANS)
@pytest.mark.parametrize("takes_medicaid", [True, False, None])
def test_a_qmb_owes_no_medicare_cost_sharing_under_any_plan_or_provider(
    plan_id: str, takes_medicaid: bool | None
) -> None:
    dual = {"status": "qmb", "program_takes_medicaid": takes_medicaid}
    ledger = estimate(
        plan(plan_id), program("300", plans=PLANS), inputs(weeks=4, dual=dual), reference()
    )
    assert ledger.client_total == Decimal("0.00")
    assert ledger.totals.plan_pays == ledger.totals.allowed == Decimal("3600.00")
    reason = next(r for r in ledger.rules_applied if r.kind == "dual_qmb")
    assert "whether or not it takes Medicaid" in reason.text
    assert "1902(n)(3)(B)" in reason.source and "SE1128" in reason.source
    to_program = questions_to_ask(plan(plan_id), ledger)["the program"]
    assert any("1-800-MEDICARE" in q and "do not owe" in q for q in to_program)


def test_full_medicaid_pays_medicares_share_only_where_the_program_takes_it() -> None:
    """NY has no copay in the data ($0): at a program taking Medicaid the client pays $0;
    at one that does not, Medicare's $946.40 (hospital outpatient, as above)."""
    taking = {"status": "full_dual", "medicaid_state": "NY", "program_takes_medicaid": True}
    assert _total(MEDICARE, dual=taking) == Decimal("0.00")
    not_taking = {**taking, "program_takes_medicaid": False}
    ledger = estimate(
        plan(MEDICARE), program("300", plans=PLANS), inputs(weeks=4, dual=not_taking), reference()
    )
    assert ledger.client_total == Decimal("946.40")
    assert "does not take your Medicaid" in ledger.rules_applied[0].text
    assert any(
        "Do you take my Medicaid" in q
        for q in questions_to_ask(plan(MEDICARE), ledger)["the program"]
    )


def test_full_medicaid_with_a_state_copay_charges_that_copay_at_most_in_both_paths() -> None:
    """A $3 state copay: day 1's Medicare share $286.40 becomes $3, every later $60 too:
    12 x $3 = $36. The vectorized path falls back to the ledger for this rule."""
    assert reference().medicaid is not None
    medicaid = reference().medicaid.model_copy(
        update={
            "states": [
                StateMedicaidRules(
                    state="WY",
                    name="Test state",
                    fictional=True,
                    copay_per_unit=Decimal(3),
                    source=Source(title="a test state"),
                )
            ]
        }
    )
    tables = reference().model_copy(update={"medicaid": medicaid})
    dual = {"status": "full_dual", "medicaid_state": "WY", "program_takes_medicaid": True}
    given_inputs = inputs(weeks=4, dual=dual)
    billing = program("300", plans=PLANS)
    ledger = estimate(plan(MEDICARE), billing, given_inputs, tables)
    assert ledger.client_total == Decimal("36.00") and ledger.totals.copay == Decimal("36.00")
    frame = program_frame({"p": billing}, plan(MEDICARE), given_inputs, tables)
    assert (
        estimate_totals(frame, plan(MEDICARE), given_inputs, tables).loc[0, "client_cents"] == 3600
    )


@pytest.mark.parametrize("status", ["slmb", "qi"])
def test_slmb_and_qi_pay_the_premium_only_and_say_so(status: str) -> None:
    ledger = estimate(
        plan(MEDICARE),
        program("300", plans=PLANS),
        inputs(weeks=4, dual={"status": status}),
        reference(),
    )
    assert ledger.client_total == Decimal("946.40")
    assert ledger.rules_applied[0].kind == "dual_premium_only"
    assert "Part B premium only" in ledger.rules_applied[0].text


def test_a_medicare_setting_without_a_rule_for_the_date_is_refused() -> None:
    early = reference().model_copy(update={"medicare_settings": []})
    with pytest.raises(InputError, match="no Medicare rule for a federally qualified"):
        estimate(
            plan(MEDICARE), program("300", plans=PLANS), inputs(medicare_setting="fqhc"), early
        )


def test_programs_billing_from_different_settings_match_their_ledgers() -> None:
    billings = {
        setting: program("300", plans=PLANS, medicare_setting=setting) for setting in SETTINGS
    }
    billings["unknown"] = program("300", plans=PLANS)
    given_inputs = inputs(weeks=4)
    frame = program_frame(billings, plan(MEDICARE), given_inputs, reference())
    totals = estimate_totals(frame, plan(MEDICARE), given_inputs, reference())
    for position, billing in enumerate(billings.values()):
        ledger = estimate(plan(MEDICARE), billing, given_inputs, reference())
        assert totals["client_cents"].iloc[position] == int(ledger.client_total * 100)


SETTINGS_FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS_FAST
@given(
    data=st.data(),
    billing=programs(),
    gap=st.sampled_from(["none", "F", "G"]),
    setting=st.none() | st.sampled_from(SETTINGS),
    takes=st.none() | st.booleans(),
    weeks=st.integers(0, 60),
)
def test_a_qmb_pays_nothing_of_medicares_cost_sharing_under_any_plan(
    data: st.DataObject,
    billing: ProgramBilling,
    gap: str,
    setting: str | None,
    takes: bool | None,
    weeks: int,
) -> None:
    medicare = OriginalMedicarePlan(
        id=PLAN_ID, name="Medicare", kind="medicare_part_b", medigap=gap
    )
    advantage = data.draw(commercial()).model_copy(update={"kind": "medicare_advantage"})
    chosen: CoveragePlan = data.draw(st.sampled_from([medicare, advantage]))
    given_inputs = inputs(
        start=data.draw(st.dates(date(2024, 1, 20), date(2026, 12, 31))),
        weeks=weeks,
        network="in",
        medicare_setting=setting,
        dual={"status": "qmb", "program_takes_medicaid": takes},
    )
    try:
        ledger = estimate(chosen, billing, given_inputs, reference())
    except InputError:
        return
    totals = ledger.totals
    assert totals.deductible == totals.copay == totals.coinsurance == Decimal(0)
    # What is left to the client is only what Medicare does not cover at all (a day limit).
    assert totals.client_pays == totals.not_covered
