"""The cost app in a real browser: change the plan, see the total change; nothing leaves the machine."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app, page_errors
from tests.browser.harness import VoilaServer


def test_changing_the_plan_changes_the_total(page: Page, server: VoilaServer) -> None:
    open_app(page, server, "cost_estimator")
    total = page.locator(".carenav-cost-summary")
    expect(total).to_contain_text("You would pay")
    expect(page.locator(".carenav-app")).to_contain_text("Call or text 988")
    before = total.inner_text()

    page.locator(".carenav-plan-choice select").select_option(label="Example Copay Plan 2026")

    expect(total).to_contain_text("Example Copay Plan 2026")
    assert total.inner_text() != before
    # The page fixture checks afterwards that every request went to the local server.


def test_a_negative_amount_shows_a_message_beside_the_field_not_a_traceback(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "cost_estimator")
    total = page.locator(".carenav-cost-summary")
    expect(total).to_contain_text("You would pay")
    before = total.inner_text()
    # Found by its label, as a screen reader names it: the label is tied to the input.
    field = page.get_by_label("Plan's rate per day or session")
    field.fill("-5")
    field.press("Enter")
    expect(page.locator(".carenav-field-error").first).to_contain_text("Must be 0 or more")
    expect(page.locator(".carenav-status")).to_contain_text("until then they are out of date")
    assert total.inner_text() == before
    assert "Traceback" not in page.content()


def test_the_navigator_saves_a_printable_handout_of_the_estimate(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "cost_estimator")
    total = page.locator(".carenav-cost-summary")
    expect(total).to_contain_text("You would pay")
    amount = total.inner_text().split("You would pay ", 1)[1].split(" ", 1)[0]  # e.g. $3,040

    page.get_by_role("button", name="Prepare a handout").click()
    link = page.get_by_role("link", name="Save the handout (open it to print)")
    with page.expect_download() as saving:
        link.click()

    handout = Path(saving.value.path()).read_text(encoding="utf-8")
    assert amount.lstrip("$").rstrip(".,") in handout
    assert "988" in handout and "the plan decides coverage" in handout


def test_ticking_the_days_a_program_meets_changes_the_total(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "cost_estimator")
    total = page.locator(".carenav-cost-summary")
    expect(total).to_contain_text("(36 days)")  # Mon, Wed, Fri for 12 weeks
    before = total.inner_text()

    days = page.locator(".carenav-meeting-days")
    expect(days).to_contain_text("Days it meets")
    # Each day is a real checkbox with its own label, found the way a screen reader finds it.
    days.get_by_role("checkbox", name="Tuesday").check()
    days.get_by_role("checkbox", name="Thursday").check()
    for name in ("Monday", "Wednesday", "Friday"):
        days.get_by_role("checkbox", name=name).uncheck()

    expect(total).to_contain_text("(24 days)")  # Tue and Thu for 12 weeks
    assert total.inner_text() != before
    assert "Traceback" not in page.content()
    # The page fixture checks afterwards that every request went to the local server.


def test_a_scholarship_and_a_payment_plan_show_each_payment_and_when(
    page: Page, server: VoilaServer
) -> None:
    errors = page_errors(page)
    open_app(page, server, "cost_estimator")
    total = page.locator(".carenav-cost-summary")
    expect(total).to_contain_text("You would pay")

    page.locator(".jupyter-widget-Collapse-header", has_text="Scholarship or payment plan").click()
    page.get_by_role("checkbox", name="Add a scholarship or grant, or a payment plan").check()
    share = page.get_by_label("Scholarship or grant: share it pays")
    share.fill("0.5")
    share.press("Enter")
    months = page.get_by_label("Payment plan: months")
    months.fill("6")
    months.press("Enter")

    payments = page.locator(".carenav-payments")
    expect(payments).to_contain_text("What you pay and when")
    expect(payments).to_contain_text("A payment plan of 6 monthly payments with no interest")
    expect(payments.locator("table")).to_contain_text("Month 6")
    # The new fields drew: no widget the front end could not draw, no console error.
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    expect(page.locator(".carenav-app")).not_to_contain_text("Click to show javascript error")
    assert not errors, errors
    assert "Traceback" not in page.content()
