"""The readiness-check app in a real browser: raise a rating, see the recommendation change."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app, page_errors
from tests.browser.harness import VoilaServer
from tests.browser.panels import settle


def test_raising_a_rating_changes_the_recommended_level(page: Page, server: VoilaServer) -> None:
    open_app(page, server, "readiness_check")
    recommended = page.locator(".carenav-recommended-level")
    expect(recommended).to_contain_text("0.5 Early intervention")
    expect(page.locator(".carenav-app")).to_contain_text("Call or text 988")

    handle = page.locator(".carenav-rating-relapse [role=slider]")
    handle.focus()
    for _ in range(4):  # 0 -> 4, one key press a step, as a keyboard user would
        handle.press("ArrowRight")

    expect(recommended).to_contain_text("2.5 Partial hospitalization (PHP)")
    expect(page.locator(".carenav-recommendation")).to_contain_text(
        "The area with the highest need sets the floor"
    )
    expect(page.locator(".carenav-app")).to_contain_text("4 — severe — needs immediate attention")


def test_choosing_a_current_level_shows_a_readiness_verdict_with_what_is_missing(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "readiness_check")
    page.get_by_label("Current level of care").select_option(
        label="2.5 Partial hospitalization (PHP)"
    )
    readiness = page.locator(".carenav-readiness")
    expect(readiness).to_contain_text("Review needed")
    expect(readiness).to_contain_text("Missing:")
    expect(page.locator(".carenav-trajectory svg")).to_be_visible()


def test_the_rule_set_chooser_switches_to_the_mental_health_rules_and_to_the_medicare_checklist(
    page: Page, server: VoilaServer
) -> None:
    errors = page_errors(page)
    open_app(page, server, "readiness_check")
    chooser = page.get_by_label("Rule set")
    chooser.select_option(
        label="Illustrative mental-health placement rules (version 1.0 (2026-12))"
    )
    handle = page.locator(".carenav-rating-symptoms [role=slider]")
    handle.focus()
    for _ in range(3):  # 0 -> 3: serious symptoms
        handle.press("ArrowRight")
    recommendation = page.locator(".carenav-recommendation")
    expect(page.locator(".carenav-recommended-level")).to_contain_text(
        "2.1 Intensive outpatient (IOP)"
    )
    expect(recommendation).to_contain_text(
        "Rule set: Illustrative mental-health placement rules, version 1.0 (2026-12)"
    )

    chooser.select_option(
        label="Medicare PHP and IOP coverage criteria (version 2026-12 (regulation text as "
        "checked on 2026-12-01)) — coverage checklist"
    )
    coverage = page.locator(".carenav-coverage")
    expect(coverage).to_contain_text("Coverage checklist: 2.5 Partial hospitalization (PHP)")
    expect(page.locator(".carenav-recertification-due")).to_contain_text("due by day 18")
    page.locator(".carenav-criterion-php-reasonable-and-necessary select").select_option(
        label="Meets"
    )
    expect(page.locator(".carenav-coverage-outcome")).to_contain_text("No criterion is unmet")
    expect(page.locator(".carenav-app")).to_contain_text("Call or text 988")
    # The checklist draws (no failed widget) and has no serious accessibility problem.
    settle(page)
    expect(page.locator(".jupyter-widgets-error-widget")).to_have_count(0)
    expect(page.get_by_text("Click to show javascript error")).to_have_count(0)
    serious = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, serious
    assert not errors, errors
