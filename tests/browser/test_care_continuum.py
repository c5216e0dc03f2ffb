"""The care-continuum app in a real browser: choose a level, see its details change."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app
from tests.browser.harness import VoilaServer


def test_landing_page_lists_every_app_in_plain_words_with_the_crisis_line(
    page: Page, server: VoilaServer
) -> None:
    page.goto(server.url)
    for title in ("Program finder", "Cost estimator", "Readiness check", "Care continuum"):
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.locator("#carenav-landing")).to_contain_text("988")
    expect(page.locator("#carenav-landing")).to_contain_text("911")


def test_choosing_a_level_on_the_ladder_shows_that_levels_details(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "care_continuum")
    details = page.locator(".carenav-level-details")
    expect(details).to_contain_text("2.1 Intensive outpatient")
    expect(page.locator(".carenav-app")).to_contain_text("Call or text 988")

    page.get_by_role("radio", name="2.5 Partial hospitalization (PHP)").check()

    expect(details).to_contain_text("2.5 Partial hospitalization")
    expect(details).to_contain_text("20 or more hours a week")
    expect(page.locator(".carenav-ladder-figure [aria-current=true]")).to_contain_text(
        "Partial hospitalization"
    )


def test_the_evidence_panel_words_the_article_figures_as_their_sources_do(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "care_continuum")
    page.get_by_role("tab", name="What the evidence says").click()
    evidence = page.locator(".carenav-evidence")
    expect(evidence).to_contain_text("comparable")
    expect(evidence).to_contain_text("6,089 of 13,720")
    expect(evidence).to_contain_text("No peer-reviewed source was found")


def test_a_trainer_steps_through_a_client_story_and_the_ladder_follows(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "care_continuum")
    page.get_by_role("tab", name="Client stories").click()
    marked = page.locator(".carenav-ladder-figure [aria-current=true]")
    before = marked.inner_text()

    page.get_by_role("button", name="Next step ▶").click()

    expect(marked).not_to_have_text(before)
    expect(page.locator(".carenav-status")).to_contain_text("Step 2 of")
