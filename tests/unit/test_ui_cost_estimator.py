"""The cost app without a browser: set widget values, read the results."""

from __future__ import annotations

import base64
import re
from datetime import date
from html import unescape

import pytest

from carenav import catalog
from carenav.catalog import Catalog
from carenav.ui.base import READY_CLASS
from carenav.ui.cost_estimator import ENTER_PLAN, CostEstimatorApp, next_monday
from carenav.ui.cost_views import chart_html


@pytest.fixture(scope="module")
def shared_catalog() -> Catalog:
    return catalog.load(sections=("reference", "payers", "programs"))


@pytest.fixture
def app(shared_catalog: Catalog) -> CostEstimatorApp:
    return CostEstimatorApp(shared_catalog, start=date(2026, 3, 2))


def text(widget_value: str) -> str:
    return unescape(widget_value)


def test_the_app_opens_on_the_readme_example_and_is_ready(app: CostEstimatorApp) -> None:
    assert READY_CLASS in app.widget._dom_classes
    assert "You would pay $4,440" in text(app.summary.value)
    assert "deductible is met" in text(app.events.value)
    assert '<th scope="col">You pay</th>' in app.ledger_table.value
    assert "<svg" in app.chart.value and "http" not in app.chart.value.replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_changing_the_plan_changes_the_total_and_the_questions(app: CostEstimatorApp) -> None:
    app.plan_choice.value = "example-copay-2026"
    assert "You would pay $4,940" in text(app.summary.value)
    assert "parity" in text(app.plan_notes.value)
    assert "limits IOP (level 2.1) to 30 days" in text(app.questions.value)


def test_a_negative_deductible_is_refused_beside_the_field_and_changes_nothing(
    app: CostEstimatorApp,
) -> None:
    app.plan_choice.value = ENTER_PLAN
    assert app.plan_form is not None
    before = app.summary.value
    app.plan_form.inputs["deductible"].control.value = "-5"
    assert "Must be 0 or more." in text(app.plan_form.inputs["deductible"].error.value)
    assert app.summary.value == before
    assert "the estimate is unchanged" in text(app.status.value)


def test_a_deductible_met_above_the_plans_is_a_plain_message_not_a_traceback(
    app: CostEstimatorApp,
) -> None:
    before = app.summary.value
    app.accumulators_form.inputs["deductible_met"].control.value = "2000"
    assert app.summary.value == before
    assert "is more than the plan's deductible of $1,500" in text(app.status.value)


def test_typing_a_rate_and_days_re_estimates(app: CostEstimatorApp) -> None:
    app.rate_form.inputs["rate"].control.value = "100"
    app.rate_form.inputs["days_per_week"].control.value = 1
    # 12 days at $100 are all deductible.
    assert "You would pay $1,200" in text(app.summary.value)


def test_self_pay_on_the_sliding_scale_uses_the_household(app: CostEstimatorApp) -> None:
    app.plan_choice.value = "self-pay"
    app.use_household.value = True
    assert app.household_form is not None
    app.household_form.inputs["annual_income"].control.value = "15000"
    assert "You would pay $1,620" in text(app.summary.value)  # 10% of $450 x 36 days
    assert "Good Faith Estimate" in text(app.events.value)


def test_up_to_three_scenarios_are_kept_side_by_side(app: CostEstimatorApp) -> None:
    app.keep_scenario()
    app.schedule_form.inputs["network"].control.value = "out"
    app.rate_form.inputs["charge"].control.value = "600"
    app.keep_scenario()
    app.plan_choice.value = "self-pay"
    app.keep_scenario()
    app.keep_scenario()
    assert len(app.scenarios) == 3
    assert "Up to three scenarios" in text(app.status.value)
    comparison = text(app.comparison.value)
    assert "Scenario 1" in comparison and "Scenario 3" in comparison
    assert comparison.count("Example PPO 2026") == 2 and "Self-pay (sliding scale)" in comparison
    app.clear_scenarios()
    assert app.scenarios == []


def test_a_program_from_the_directory_can_be_chosen(app: CostEstimatorApp) -> None:
    app.program_choice.value = app.program_choice.options[1][1]
    assert app.rate_box.children == ()
    assert "You would pay" in text(app.summary.value) or "no known rate" in text(app.status.value)


def test_the_chart_draws_one_line_per_scenario(app: CostEstimatorApp) -> None:
    app.keep_scenario()
    assert app.ledger is not None
    svg = chart_html(app.ledger, app.scenarios)
    assert svg.count("<polyline") == 2


def test_the_page_shows_the_crisis_line_and_who_decides(app: CostEstimatorApp) -> None:
    texts = " ".join(getattr(child, "value", "") for child in app.widget.children)
    assert "988" in texts and "payer decides coverage" in texts


def test_the_default_start_is_the_next_monday() -> None:
    assert next_monday(date(2026, 11, 27)) == date(2026, 11, 30)
    assert next_monday(date(2026, 11, 30)) == date(2026, 12, 7)


def _handout_from(link_html: str) -> str:
    found = re.search(r"base64,([A-Za-z0-9+/=]+)", link_html)
    assert found, "no handout link"
    return base64.b64decode(found.group(1)).decode("utf-8")


def test_no_handout_exists_until_the_navigator_asks_for_one() -> None:
    app = CostEstimatorApp(start=date(2026, 3, 2))
    assert app.handout_link.value == ""


def test_the_handout_states_the_total_who_decides_and_the_crisis_line() -> None:
    app = CostEstimatorApp(start=date(2026, 3, 2))
    app.prepare_handout()
    page = _handout_from(app.handout_link.value)
    assert app.ledger is not None
    total = f"{app.ledger.totals.client_pays:,.2f}"
    assert total in page
    assert "the plan decides coverage" in page and "a clinician decides" in page
    assert "988" in page and "911" in page
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")


def test_changing_an_input_withdraws_a_handout_that_no_longer_matches() -> None:
    app = CostEstimatorApp(start=date(2026, 3, 2))
    app.prepare_handout()
    assert app.handout_link.value
    other = next(v for _, v in app.plan_choice.options if v != app.plan_choice.value)
    app.plan_choice.value = other
    assert app.handout_link.value == ""
