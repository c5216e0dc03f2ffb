"""A wrong value in Chromium: the results built from it say "Out of date — fix <field>", in words, until it is fixed.

The marking is done once for every app by the app shell; this drives the cost estimator
and the program finder, whose results depend on typed values, and runs axe-core on the
marked page (the marking must not cost contrast or names).
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app
from tests.browser.harness import VoilaServer
from tests.browser.panels import settle

BLOCKING = {"serious", "critical"}


def _type_into(page: Page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_a_wrong_rate_marks_the_estimate_out_of_date_and_fixing_it_updates_it(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "cost_estimator")
    settle(page)
    summary = page.locator(".carenav-cost-summary")
    expect(summary).to_contain_text("You would pay")
    before = summary.inner_text()
    stale = page.locator(".carenav-stale")
    expect(stale).to_have_count(0)

    _type_into(page, "Plan's rate per day or session", "-5")

    expect(stale).to_have_count(1)
    expect(stale).to_contain_text(
        "Out of date — fix “Plan's rate per day or session” to update these results."
    )
    expect(stale.locator(".carenav-cost-summary")).to_have_text(before)  # the old answer, marked
    status = page.locator(".carenav-status [role=alert]")
    expect(status).to_contain_text("Plan's rate per day or session: Must be 0 or more")
    expect(status).to_contain_text("Fix “Plan's rate per day or session” to update the results")
    expect(page.get_by_label("Plan's rate per day or session", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    # Marked by more than colour: a dashed edge and words, and the text keeps its contrast.
    edge = stale.evaluate("el => getComputedStyle(el).borderLeftStyle")
    assert edge == "dashed"
    violations = Axe().run(page).response["violations"]
    blocking = [v["id"] for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"the marked page has serious accessibility problems: {blocking}"

    _type_into(page, "Plan's rate per day or session", "200")

    expect(stale).to_have_count(0)
    expect(page.locator(".carenav-app")).not_to_contain_text("Out of date — fix")
    expect(summary).not_to_have_text(before)  # the estimate follows the fixed rate
    expect(page.locator(".carenav-status")).to_contain_text("Estimated:")


def test_an_unknown_zip_marks_the_ranked_programs_out_of_date_until_a_real_one_is_typed(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "program_finder")
    settle(page)
    need = page.locator(".carenav-need-needs select")
    need.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".carenav-result-count")).to_contain_text("programs fit")
    page.get_by_role("button", name="Where and when").focus()
    page.keyboard.press("Enter")
    settle(page)

    _type_into(page, "Client's ZIP code", "00000")

    stale = page.locator(".carenav-stale")
    expect(stale).to_have_count(1)
    expect(stale).to_contain_text("Out of date — fix “Client's ZIP code”")
    expect(page.locator(".carenav-status")).to_contain_text(
        "Fix “Client's ZIP code” to update the results"
    )

    _type_into(page, "Client's ZIP code", "97205")

    expect(stale).to_have_count(0)
    expect(page.locator(".carenav-app")).to_contain_text("Portland, OR")
    expect(page.locator(".carenav-results")).to_contain_text(" mi")
