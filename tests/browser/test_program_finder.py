"""The program finder in a real browser: change a need, see the ranked results change."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app
from tests.browser.harness import VoilaServer


def _count(page: Page) -> str:
    return page.locator(".carenav-result-count").inner_text()


def test_choosing_a_level_of_care_changes_the_ranked_results(
    page: Page, server: VoilaServer
) -> None:
    open_app(page, server, "program_finder")
    app = page.locator(".carenav-app")
    expect(app).to_contain_text("Call or text 988")
    # Nothing is ranked until a need is given.
    expect(page.locator(".carenav-result-count")).to_contain_text(
        "Choose what the client needs treatment for"
    )
    expect(page.locator(".carenav-results")).not_to_contain_text("Why it fits")
    substance = page.locator(".carenav-need-needs option", has_text="Substance use — ")
    page.locator(".carenav-need-needs select").select_option(label=substance.inner_text())
    expect(page.locator(".carenav-result-count")).to_contain_text(
        "programs fit (of 64 in the directory)"
    )
    before = _count(page)
    expect(page.locator(".carenav-results")).to_contain_text("Why it fits")

    php = page.locator(
        ".carenav-need-levels option", has_text="2.5 Partial hospitalization (PHP) — "
    )
    page.locator(".carenav-need-levels select").select_option(label=php.inner_text())

    expect(page.locator(".carenav-result-count")).not_to_have_text(before)
    expect(page.locator(".carenav-results")).to_contain_text(
        "offers 2.5 Partial hospitalization (PHP)"
    )
    expect(page.locator(".carenav-near-misses")).to_contain_text("Misses only because")
    assert re.search(r"\d+ programs? fits?", _count(page))


def test_a_zip_in_full_width_digits_is_read_and_the_page_keeps_answering(
    page: Page, server: VoilaServer
) -> None:
    # An East Asian keyboard mode types full-width digits; the ZIP library panicked on
    # them, the kernel stayed busy, and every later change was ignored.
    open_app(page, server, "program_finder")
    page.get_by_text("Where and when", exact=True).click()
    zip_box = page.locator(".carenav-need-zip input")
    zip_box.fill("\uff19\uff17\uff12\uff10\uff15")
    zip_box.press("Enter")
    expect(page.locator(".carenav-app")).to_contain_text("Portland, OR")
    page.get_by_text("Needs and level", exact=True).click()
    substance = page.locator(".carenav-need-needs option", has_text="Substance use — ")
    page.locator(".carenav-need-needs select").select_option(label=substance.inner_text())
    expect(page.locator(".carenav-result-count")).to_contain_text("programs fit")
    before = _count(page)
    php = page.locator(
        ".carenav-need-levels option", has_text="2.5 Partial hospitalization (PHP) — "
    )
    page.locator(".carenav-need-levels select").select_option(label=php.inner_text())
    expect(page.locator(".carenav-result-count")).not_to_have_text(before)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "PanicException" not in body
