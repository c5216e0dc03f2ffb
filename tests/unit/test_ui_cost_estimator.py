"""The cost app without a browser: set widget values, read the results."""

from __future__ import annotations

import base64
import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from traitlets import TraitError

from carenav import catalog
from carenav.catalog import Catalog
from carenav.costs import next_monday
from carenav.models.billing import Weekday
from carenav.models.coverage import EnteredPlan
from carenav.ui.base import READY_CLASS
from carenav.ui.cost_estimator import CostEstimatorApp
from carenav.ui.cost_inputs import ENTER_PLAN
from carenav.ui.cost_views import chart_html
from carenav.ui.forms import ModelForm
from carenav.ui.sharing import is_shown


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
    app.inputs.plan_choice.value = "example-copay-2026"
    assert "You would pay $4,940" in text(app.summary.value)
    assert "parity" in text(app.plan_notes.value)
    assert "limits IOP (level 2.1) to 30 days" in text(app.questions.value)


def test_a_negative_deductible_is_refused_beside_the_field_and_changes_nothing(
    app: CostEstimatorApp,
) -> None:
    app.inputs.plan_choice.value = ENTER_PLAN
    assert app.inputs.plan_form is not None
    before = app.summary.value
    app.inputs.plan_form.inputs["deductible"].control.value = "-5"
    assert "Must be 0 or more." in text(app.inputs.plan_form.inputs["deductible"].error_text)
    assert app.summary.value == before
    assert "until then they are out of date" in text(app.status.value)


def test_a_deductible_met_above_the_plans_is_a_plain_message_not_a_traceback(
    app: CostEstimatorApp,
) -> None:
    before = app.summary.value
    app.inputs.accumulators_form.inputs["deductible_met"].control.value = "2000"
    assert app.summary.value == before
    assert "is more than the plan's deductible of $1,500" in text(app.status.value)


def test_typing_a_rate_and_days_re_estimates(app: CostEstimatorApp) -> None:
    app.inputs.rate_form.inputs["rate"].control.value = "100"
    app.inputs.rate_form.tick(Weekday.MON)
    # 12 days at $100 are all deductible.
    assert "You would pay $1,200" in text(app.summary.value)


def test_self_pay_on_the_sliding_scale_uses_the_household(app: CostEstimatorApp) -> None:
    app.inputs.plan_choice.value = "self-pay"
    app.inputs.use_household.value = True
    assert app.inputs.household_form is not None
    app.inputs.household_form.inputs["annual_income"].control.value = "15000"
    assert "You would pay $1,620" in text(app.summary.value)  # 10% of $450 x 36 days
    assert "Good Faith Estimate" in text(app.events.value)


def test_up_to_three_scenarios_are_kept_side_by_side(app: CostEstimatorApp) -> None:
    app.keep_scenario()
    app.inputs.schedule_form.inputs["network"].control.value = "out"
    app.inputs.rate_form.inputs["charge"].control.value = "600"
    app.keep_scenario()
    app.inputs.plan_choice.value = "self-pay"
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
    app.inputs.program_choice.value = app.inputs.program_choice.options[1][1]
    assert app.inputs.rate_box.children == ()
    assert "You would pay" in text(app.summary.value) or "no known rate" in text(app.status.value)


def _program_id(app: CostEstimatorApp, name: str) -> str:
    return next(value for label, value in app.inputs.program_choice.options if label == name)


def test_the_level_follows_the_program_so_a_level_1_program_is_not_warned_about_as_iop(
    app: CostEstimatorApp,
) -> None:
    app.inputs.program_choice.value = _program_id(app, "Teapot Lane Counseling")  # level 1 only
    assert app.inputs.schedule_form.value is not None
    assert app.inputs.schedule_form.value.level == "1"
    assert app.ledger is not None and app.ledger.level == "1"
    shown = text(app.summary.value + app.events.value + app.questions.value)
    assert "IOP" not in shown and "2.1" not in shown


def test_a_level_the_program_does_not_offer_is_refused_beside_the_level(
    app: CostEstimatorApp,
) -> None:
    app.inputs.program_choice.value = _program_id(app, "Marigold Commons Day Program")
    assert app.ledger is not None and app.ledger.level == "2.1"  # kept: it offers 2.1 and 2.5
    before = app.summary.value
    app.inputs.schedule_form.set_values({"level": "1"})
    app.refresh()
    assert "This program offers level 2.1 or 2.5" in text(
        app.inputs.schedule_form.inputs["level"].error_text
    )
    assert app.summary.value == before


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
    other = next(v for _, v in app.inputs.plan_choice.options if v != app.inputs.plan_choice.value)
    app.inputs.plan_choice.value = other
    assert app.handout_link.value == ""


# -- the days a typed-in program meets ---------------------------------------------------


def test_choosing_tuesday_and_thursday_bills_only_those_days(app: CostEstimatorApp) -> None:
    app.inputs.rate_form.tick(Weekday.TUE, Weekday.THU)
    assert app.ledger is not None
    assert [row.units for row in app.ledger.rows] == [2] * 12
    assert "(24 days)" in text(app.summary.value)
    met = next(e for e in app.ledger.events if e.kind == "deductible_met")
    # $1,500 at $450 a day is used up on the 4th day: Tue 3, Thu 5, Tue 10, Thu 12 March.
    assert met.on == date(2026, 3, 12) and met.on.weekday() == 3
    assert app.ledger.program.endswith("(Tue, Thu)")


def test_no_day_ticked_is_refused_beside_the_days_and_changes_nothing(
    app: CostEstimatorApp,
) -> None:
    app.inputs.rate_form.tick(Weekday.MON)
    before = app.summary.value
    app.inputs.rate_form.tick()  # the last day unticked
    days = app.inputs.rate_form.inputs["meeting_days"]
    assert "Tick at least one day the program meets." in text(days.error_text)
    assert app.summary.value == before
    assert "until then they are out of date" in text(app.status.value)


def test_a_day_that_is_not_a_weekday_is_refused_beside_the_days(app: CostEstimatorApp) -> None:
    before = app.summary.value
    days = app.inputs.rate_form.inputs["meeting_days"]
    days.control.value = ("Tue", "Funday")  # what a tampered page might report
    assert "Input should be 'Mon', 'Tue'" in text(days.error_text)
    assert app.summary.value == before


def test_the_browser_cannot_tick_a_day_with_anything_but_yes_or_no(
    app: CostEstimatorApp,
) -> None:
    days = app.inputs.rate_form.inputs["meeting_days"].control
    before = app.summary.value
    with pytest.raises(TraitError):
        days.boxes[Weekday.TUE].set_state({"value": "Funday"})  # as a comm message would
    assert days.value == ("Mon", "Wed", "Fri")
    assert "value" not in days.keys  # the list of days itself is never taken from the page
    assert app.summary.value == before


# -- a fuller typed-in plan ---------------------------------------------------------------


def _entered(app: CostEstimatorApp) -> ModelForm[EnteredPlan]:
    app.inputs.plan_choice.value = ENTER_PLAN
    assert app.inputs.plan_form is not None
    return app.inputs.plan_form


def test_a_typed_in_day_limit_is_reached_and_warned_about_like_a_sample_plans(
    app: CostEstimatorApp,
) -> None:
    _entered(app).inputs["limit_per_plan_year"].control.value = 10
    assert app.ledger is not None
    reached = [e for e in app.ledger.events if e.kind == "limit_reached"]
    assert len(reached) == 1 and reached[0].week == 4  # day 11 of 3 a week is in week 4
    assert "limit of 10 IOP (level 2.1) days a plan year is used up" in text(app.events.value)
    notes = text(app.plan_notes.value)
    assert "limits IOP (level 2.1) to 10 days a plan year" in notes and "parity" in notes
    assert "limits IOP (level 2.1) to 10 days a plan year" in text(app.questions.value)


def test_a_typed_in_plan_can_require_prior_authorization(app: CostEstimatorApp) -> None:
    _entered(app).inputs["prior_authorization"].control.value = True
    assert "needs prior authorization for IOP (level 2.1) before day 1" in text(app.events.value)


def test_a_typed_in_out_of_network_tier_at_60_percent_brings_a_balance_bill(
    app: CostEstimatorApp,
) -> None:
    form = _entered(app)
    form.inputs["out_of_network_benefit"].control.value = True
    form.inputs["out_of_network_deductible"].control.value = "3000"
    form.inputs["out_of_network_coinsurance"].control.value = "0.4"
    form.inputs["out_of_network_allowed_percent_of_charge"].control.value = "0.6"
    app.inputs.rate_form.inputs["charge"].control.value = "600"
    app.inputs.schedule_form.inputs["network"].control.value = "out"
    assert app.ledger is not None
    # 36 days billed at $600, allowed $360: $240 a day is balance-billed.
    assert app.ledger.totals.balance_bill == Decimal("8640.00")
    assert app.ledger.totals.allowed == Decimal("12960.00")
    assert "out of network" in text(app.summary.value)


def test_the_out_of_network_terms_show_only_once_the_benefit_is_ticked(
    app: CostEstimatorApp,
) -> None:
    form = _entered(app)
    allowed = form.inputs["out_of_network_allowed_percent_of_charge"]
    assert not is_shown(allowed.widget)
    form.inputs["out_of_network_benefit"].control.value = True
    assert is_shown(allowed.widget)
    # Ticked but no allowed amount yet: say what is missing, beside that field.
    assert "Give the share of the charge the plan allows" in text(allowed.error_text)


def test_a_negative_out_of_network_deductible_is_refused_beside_it_and_changes_nothing(
    app: CostEstimatorApp,
) -> None:
    form = _entered(app)
    form.inputs["out_of_network_benefit"].control.value = True
    form.inputs["out_of_network_allowed_percent_of_charge"].control.value = "0.6"
    app.inputs.schedule_form.inputs["network"].control.value = "out"
    before = app.summary.value
    assert "out of network" in text(before)
    form.inputs["out_of_network_deductible"].control.value = "-250"
    assert "Must be 0 or more." in text(form.inputs["out_of_network_deductible"].error_text)
    assert app.summary.value == before
    assert "until then they are out of date" in text(app.status.value)


def test_a_half_scholarship_and_a_payment_plan_show_what_the_client_pays_and_when(
    app: CostEstimatorApp,
) -> None:
    app.inputs.use_payment.value = True
    form = app.inputs.payment_form
    assert form is not None
    form.inputs["scholarship_share"].control.value = "0.5"
    form.inputs["payment_plan_months"].control.value = 6
    shown = text(app.summary.value)
    # The README case: $4,440; half is $2,220, over 6 months $370 a month.
    assert "In all you would pay $2,220 after $2,220 of help." in shown
    assert "Month 6" in shown and "Thu 02 Apr 2026" in shown and "370.00" in shown
    app.prepare_handout()
    assert "A payment plan of 6 monthly payments with no interest" in _handout_from(
        app.handout_link.value
    )


def test_a_scholarship_share_above_one_is_refused_beside_it_and_changes_nothing(
    app: CostEstimatorApp,
) -> None:
    app.inputs.more.widget.selected_index = 2  # "Scholarship or payment plan", as clicked
    app.inputs.use_payment.value = True
    form = app.inputs.payment_form
    assert form is not None
    before = app.summary.value
    form.inputs["scholarship_share"].control.value = "1.5"
    assert form.inputs["scholarship_share"].error_text
    assert app.summary.value == before
    assert "until then they are out of date" in text(app.status.value)
