"""Plan years with their own terms (issue 11, item 5): resets, each year's figures, and saying so.

The sample copay plan has its own 2027 terms (fictional): a $750 deductible, a $70 copay
a day, a $4,500 maximum and a 40-day IOP limit, after 2026's $500, $60, $4,000 and 30.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from carenav.catalog.payers import parse_plan
from carenav.costs import estimate, questions_to_ask
from carenav.costs.terms import plan_year_start, plan_years
from carenav.errors import InputError, Problem
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import CommercialPlan, EstimateInputs
from carenav.present.ledger import assumptions_html
from tests.unit.costs_strategies import estimate_inputs, multi_year_commercial, programs
from tests.unit.costs_support import inputs, plan, program, reference
from tests.unit.test_costs_vectorized import _assert_equal

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_an_episode_crossing_into_2027_uses_the_2027_terms_worked_by_hand() -> None:
    """$450 a day, Mon/Wed/Fri, 6 weeks from Mon 7 Dec 2026 under the copay plan.

    2026 (11 days, 7 Dec to 30 Dec): day 1 pays $450 of the $500 deductible; day 2 the
    last $50 plus the $60 copay ($110); the other 9 days $60 each. Week 1 = 450 + 110 + 60
    = $620; weeks 2 and 3 = $180 each; week 4 has 28 and 30 Dec ($120).
    2027 (7 days from Fri 1 Jan): the deductible starts again at 2027's $750. 1 Jan pays
    $450 of it (week 4 = 120 + 450 = $570); Mon 4 Jan the last $300 plus the $70 copay
    ($370), then $70 a day: week 5 = 370 + 70 + 70 = $510, week 6 = 3 x $70 = $210.
    Total 620 + 180 + 180 + 570 + 510 + 210 = $2,270.
    """
    ledger = estimate(
        plan("example-copay-2026"), program(), inputs(start=date(2026, 12, 7), weeks=6), reference()
    )
    weekly = [row.client_pays for row in ledger.rows]
    assert weekly == [D("620.00"), D("180.00"), D("180.00"), D("570.00"), D("510.00"), D("210.00")]
    assert ledger.client_total == D("2270.00")
    met = [e for e in ledger.events if e.kind == "deductible_met"]
    assert [(e.on, "$750" in e.text) for e in met] == [
        (date(2026, 12, 9), False),
        (date(2027, 1, 4), True),
    ]
    reset = next(e for e in ledger.events if e.kind == "plan_year_reset")
    assert reset.on == date(2027, 1, 1)
    assert "The plan's own terms for this plan year apply" in reset.text
    assert any(
        a.startswith("From Fri 01 Jan 2027 the plan's own terms for that plan year apply")
        and "$750 deductible" in a
        and "$70 copay" in a
        and "40 days" in a
        for a in ledger.assumptions
    )
    assert ledger.data_version.parameters == [
        "plan terms from 2026-01-01",
        "plan terms from 2027-01-01",
    ]


def test_a_year_with_no_terms_uses_the_last_known_and_says_so_on_the_handout() -> None:
    """6 weeks from Mon 6 Dec 2027: 2027's terms, then 2028 (no entry) keeps them.

    2027 (11 days): $450, then $300 + $70 = $370, then 9 x $70: weeks 1-3 = $890, $210,
    $210; week 4 has 27 and 29 Dec ($140) and Fri 31 Dec 2027 ($70) = $210.
    2028 (7 days from Mon 3 Jan; 1 Jan is a Saturday): the $750 deductible again:
    $450 + $370 + $70 = $890, then $210. Total 890 + 210 + 210 + 210 + 890 + 210 = $2,620.
    """
    ledger = estimate(
        plan("example-copay-2026"), program(), inputs(start=date(2027, 12, 6), weeks=6), reference()
    )
    assert ledger.client_total == D("2620.00")
    assert [row.client_pays for row in ledger.rows][4] == D("890.00")
    said = (
        "The plan file gives no terms for the plan year starting Sat 01 Jan 2028, so this "
        "estimate uses the last known ones (the plan year starting Fri 01 Jan 2027)"
    )
    assert any(a.startswith(said) for a in ledger.assumptions)
    reset = next(e for e in ledger.events if e.kind == "plan_year_reset")
    assert "no terms for this plan year, so the last known ones are used" in reset.text
    assert said in assumptions_html(ledger)  # the handout shows the assumptions as they are


def test_a_plan_without_later_years_says_it_reuses_its_terms_across_the_plan_year() -> None:
    ledger = estimate(
        plan("example-ppo-2026"), program(), inputs(start=date(2026, 11, 2), weeks=12), reference()
    )
    assert ledger.totals.deductible == D("3000.00")  # the pitfall case still holds
    assert any(
        "no terms for the plan year starting Fri 01 Jan 2027" in a for a in ledger.assumptions
    )


def test_amounts_met_are_checked_against_the_start_years_own_terms() -> None:
    copay = plan("example-copay-2026")
    ledger = estimate(
        copay,
        program(),
        inputs(start=date(2027, 3, 1), weeks=1, accumulators={"deductible_met": 700}),
        reference(),
    )
    assert ledger.rows[0].deductible == D("50.00")  # 2027's $750 less the $700 met
    with pytest.raises(InputError, match=r"more than the plan's deductible of \$750"):
        estimate(
            copay,
            program(),
            inputs(start=date(2027, 3, 1), weeks=1, accumulators={"deductible_met": 800}),
            reference(),
        )


def _plan_file(later: object) -> dict[str, object]:
    return {
        "id": "two-years",
        "kind": "commercial",
        "name": "Two years",
        "plan_year_start": date(2026, 7, 1),
        "in_network": {"deductible": 500},
        "later_years": later,
    }


@pytest.mark.parametrize(
    ("later", "message"),
    [
        (
            [{"starts": date(2027, 1, 1), "in_network": {}}],
            "later_years: 2027-01-01 is not the first day of a later plan year; give dates "
            "in order after 2026-07-01, each on 01 July",
        ),
        (
            [
                {"starts": date(2028, 7, 1), "in_network": {}},
                {"starts": date(2027, 7, 1), "in_network": {}},
            ],
            "later_years: 2027-07-01 is not the first day of a later plan year; give dates "
            "in order after 2028-07-01, each on 01 July",
        ),
        (
            [
                {
                    "starts": date(2027, 7, 1),
                    "in_network": {},
                    "out_of_network": {"allowed_percent_of_charge": 0.6},
                }
            ],
            "later_years: 2027-07-01 changes whether there is an out-of-network benefit or how "
            "its allowed amount is set; a later year may change only the out-of-network cost "
            "sharing (carenav prices a unit once per estimate)",
        ),
    ],
)
def test_a_later_year_that_cannot_apply_is_refused_with_one_message(
    later: object, message: str
) -> None:
    problems: list[Problem] = []
    assert parse_plan(_plan_file(later), "two-years.yaml", problems) is None
    assert len(problems) == 1
    assert problems[0].file == "two-years.yaml" and problems[0].record == "two-years"
    assert message in problems[0].message


def test_a_later_year_with_a_negative_deductible_names_the_year_and_field() -> None:
    problems: list[Problem] = []
    later = [{"starts": date(2027, 7, 1), "in_network": {"deductible": -5}}]
    assert parse_plan(_plan_file(later), "two-years.yaml", problems) is None
    assert [p.field for p in problems] == ["later_years[0].in_network.deductible"]


# -- properties -------------------------------------------------------------------------------


@st.composite
def multi_year_cases(draw: st.DrawFn) -> tuple[CommercialPlan, ProgramBilling, EstimateInputs]:
    plan_ = draw(multi_year_commercial())
    given = draw(estimate_inputs(plan_, network="in"))
    # What is already met belongs to the plan year the estimate starts in: within its terms.
    tier = plan_.for_year(plan_year_start(plan_, given.start)).in_network
    met = given.accumulators
    cap = tier.out_of_pocket_max
    within = met.model_copy(
        update={
            "deductible_met": min(met.deductible_met, tier.deductible),
            "out_of_pocket_met": met.out_of_pocket_met
            if cap is None
            else min(met.out_of_pocket_met, cap),
        }
    )
    weeks = draw(st.integers(1, 160))
    return (
        plan_,
        draw(programs()),
        given.model_copy(update={"weeks": weeks, "accumulators": within}),
    )


def _years(plan_: CommercialPlan, given: EstimateInputs) -> list[date]:
    end = given.start + timedelta(days=7 * given.weeks)
    return [plan_year_start(plan_, first) for first, _ in plan_years(plan_, given.start, end)]


@SETTINGS
@given(multi_year_cases())
def test_each_plan_years_deductible_and_maximum_are_that_years_own(
    case: tuple[CommercialPlan, ProgramBilling, EstimateInputs],
) -> None:
    plan_, billing, given = case
    try:
        ledger = estimate(plan_, billing, given, reference())
    except InputError:
        assume(False)
        raise
    years = _years(plan_, given)
    tiers = [plan_.for_year(first).in_network for first in years]
    met = given.accumulators
    deductibles = [t.deductible for t in tiers]
    assert ledger.totals.deductible <= deductibles[0] - met.deductible_met + sum(deductibles[1:])
    caps = [t.out_of_pocket_max for t in tiers]
    if all(cap is not None for cap in caps):
        sharing = ledger.totals.deductible + ledger.totals.copay + ledger.totals.coinsurance
        room = sum(cap for cap in caps if cap is not None) - met.out_of_pocket_met
        assert sharing <= room
    for event in ledger.events:
        if event.kind in ("deductible_met", "out_of_pocket_max_reached"):
            assert event.on is not None
            tier = plan_.for_year(plan_year_start(plan_, event.on)).in_network
            figure = tier.deductible if event.kind == "deductible_met" else tier.out_of_pocket_max
            assert figure is not None
            assert f"${figure:,.2f}".removesuffix(".00") in event.text
    for first in years:
        if plan_.terms_from(first) != first:
            assert any(
                f"no terms for the plan year starting {first:%a %d %b %Y}" in a
                for a in ledger.assumptions
            )


@SETTINGS
@given(multi_year_cases())
def test_later_years_with_the_first_years_terms_change_no_figure(
    case: tuple[CommercialPlan, ProgramBilling, EstimateInputs],
) -> None:
    plan_, billing, given = case
    same = [
        {
            "starts": year.starts,
            "in_network": plan_.in_network,
            "out_of_network": plan_.out_of_network,
            "limits": plan_.limits,
        }
        for year in plan_.later_years
    ]
    repeated = CommercialPlan.model_validate({**plan_.model_dump(), "later_years": same})
    single = plan_.model_copy(update={"later_years": []})
    try:
        one = estimate(single, billing, given, reference())
    except InputError:
        assume(False)
        raise
    other = estimate(repeated, billing, given, reference())
    assert other.rows == one.rows and other.totals == one.totals


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_vectorized_totals_follow_each_plan_years_terms_to_the_cent(
    data: st.DataObject,
) -> None:
    plan_, _, given = data.draw(multi_year_cases())
    billings = data.draw(st.lists(programs(), min_size=1, max_size=4))
    _assert_equal(plan_, {f"p{i}": b for i, b in enumerate(billings)}, given)


def test_a_year_with_no_terms_becomes_a_question_for_the_plan() -> None:
    copay = plan("example-copay-2026")
    into_2028 = estimate(copay, program(), inputs(start=date(2027, 12, 6), weeks=6), reference())
    asked = questions_to_ask(copay, into_2028)["the plan"]
    assert any(
        q.startswith(
            "What are my deductible, out-of-pocket maximum, copays and day limits for "
            "the plan year starting Sat 01 Jan 2028?"
        )
        for q in asked
    )
    into_2027 = estimate(copay, program(), inputs(start=date(2026, 12, 7), weeks=6), reference())
    assert not any(
        "for the plan year starting" in q for q in questions_to_ask(copay, into_2027)["the plan"]
    )
