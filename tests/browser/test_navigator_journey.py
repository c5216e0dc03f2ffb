"""One fictional client through the navigator in Chromium, from the first question to the printed handout.

The client (fictional): 34, ZIP 97201, alcohol use and depression, evening groups, the
sample PPO, Spanish-speaking staff preferred. The handout is printed to PDF in English
and in Spanish and read back; the case is downloaded, the page reloaded, the case opened
again, and the handout must be the same.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import open_app, page_errors
from tests.browser.harness import APP_TIMEOUT_MS, ARTIFACTS, VoilaServer
from tests.browser.panels import settle

SHORTLIST = ["quartz-quarry-op", "glowworm-glen-op", "teapot-lane-op"]
PHONES = {
    "quartz-quarry-op": "503-555-0155",
    "glowworm-glen-op": "503-555-0156",
    "teapot-lane-op": "503-555-0101",
}


def _step(page: Page, title: str) -> None:
    page.locator(".carenav-navigator-steps .lm-TabBar-tab", has_text=title).click()
    settle(page)


def _field(page: Page, title: str):  # type: ignore[no-untyped-def]
    return page.locator(".carenav-app .widget-vbox", has_text=title).last


def _section(page: Page, title: str) -> None:
    page.locator(".carenav-app .jupyter-widget-Collapse-header", has_text=title).click()
    settle(page)


def _enter_client(page: Page) -> None:
    # Alcohol use first: substance-use and co-occurring programs, each treating depression too.
    page.locator(".carenav-need-needs select").select_option(index=[0])
    page.locator(".carenav-need-conditions select").select_option(index=[1, 3])
    _section(page, "Where and when")
    page.locator(".carenav-need-times select").select_option(index=[1])
    page.locator(".carenav-need-zip input").fill("97201")
    page.locator(".carenav-need-zip input").press("Enter")
    settle(page)
    page.locator(".carenav-need-max-miles select").select_option(label="25 miles")
    _section(page, "Preferences")
    # The preference's row: the smallest box holding its options and how much it matters.
    language = (
        page.locator(".carenav-app .widget-vbox", has_text="Language of sessions")
        .filter(has=page.locator("select[multiple]"))
        .filter(has=page.locator("select:not([multiple])"))
        .last
    )
    language.locator("select:not([multiple])").select_option(label="Nice to have")
    language.locator("select[multiple]").select_option(label="Spanish")
    page.locator(".carenav-case-plan select").select_option(label="Example PPO 2026")
    settle(page)


def _choose_level(page: Page) -> None:
    _step(page, "Level of care")
    expect(page.locator(".carenav-recommendation")).to_contain_text("Recommended level now")
    page.locator(".carenav-case-level select").select_option(label="1 Outpatient (weekly therapy)")
    settle(page)
    reason = page.locator(".carenav-case-reason textarea")
    reason.fill("Wants weekly evening groups while working; clinician agrees (fictional).")
    reason.press("Tab")
    settle(page)


def _shortlist(page: Page) -> None:
    _step(page, "Programs")
    expect(page.locator(".carenav-result-count")).to_contain_text("3 programs fit")
    for program_id in SHORTLIST:
        page.locator(f".carenav-shortlist-{program_id} input").check()
        settle(page)


def _costs(page: Page) -> dict[str, str]:
    _step(page, "Costs")
    table = page.locator(".carenav-case-costs table")
    expect(table.locator("tbody tr")).to_have_count(3)
    costs = {}
    for row in table.locator("tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        costs[cells[0]] = cells[2]
    assert all(re.fullmatch(r"\$[\d,]+(\.\d\d)?", c) for c in costs.values()), costs
    return costs


def _pdf(page: Page, name: str) -> tuple[int, str]:
    ARTIFACTS.mkdir(exist_ok=True)
    data = page.pdf(format="Letter", prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def _same(reopened: str, before: str) -> None:
    """The handout from the reopened case, sentence by sentence, is the one printed before."""
    if reopened != before:
        import difflib

        diff = difflib.unified_diff(before.splitlines(), reopened.splitlines(), lineterm="")
        raise AssertionError("the reopened case gives another handout:\n" + "\n".join(diff))


def _check_pdf(pages: int, text: str, costs: dict[str, str]) -> None:
    assert 1 <= pages <= 2, f"{pages} pages"
    for phone in PHONES.values():
        assert phone in text
    for cost in costs.values():
        assert cost in text, f"{cost} not in the handout"
    assert "988" in text and "911" in text
    for program_id in SHORTLIST:
        assert program_id not in text
    assert "example-ppo-2026" not in text and "illustrative-sud" not in text
    assert "Download case file" not in text  # only the handout is printed


def test_a_navigator_carries_one_client_to_a_handout_in_english_and_spanish(
    page: Page, server: VoilaServer, tmp_path: Path
) -> None:
    errors = page_errors(page)
    page.set_default_navigation_timeout(APP_TIMEOUT_MS)  # Voila runs the notebook first
    open_app(page, server, "navigator")
    settle(page)
    _enter_client(page)
    _choose_level(page)
    _shortlist(page)
    costs = _costs(page)
    assert set(costs) == {
        "Quartz Quarry Counseling",
        "Glowworm Glen Counseling",
        "Teapot Lane Counseling",
    }

    _step(page, "Next steps and handout")
    handout = page.locator(".carenav-handout")
    expect(handout).to_contain_text("Finding treatment: your next steps")
    english = handout.inner_text()
    pages, text = _pdf(page, "navigator-handout-en")
    _check_pdf(pages, text, costs)
    assert "A clinician chose outpatient treatment" in text

    page.locator(".carenav-handout-language button", has_text="Español").click()
    expect(handout).to_contain_text("Cómo encontrar tratamiento: sus próximos pasos")
    pages, text = _pdf(page, "navigator-handout-es")
    _check_pdf(pages, text, costs)
    assert "Llame o envíe un mensaje de texto al 988" in text
    spanish = handout.inner_text()

    with page.expect_download() as download:
        page.locator(".carenav-save-case button, button.carenav-save-case").first.click()
    saved = tmp_path / "client-case.json"
    download.value.save_as(saved)
    assert '"plan_id": "example-ppo-2026"' in saved.read_text(encoding="utf-8")

    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector(".carenav-ready", state="visible", timeout=APP_TIMEOUT_MS)
    settle(page)
    _step(page, "Next steps and handout")
    upload = page.locator(".carenav-open-case").first
    expect(upload).to_have_text("Open case file")  # not ipywidgets' "Open case file (0)"
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(saved))
    expect(page.locator(".carenav-status")).to_contain_text(
        "Opened the case file", timeout=APP_TIMEOUT_MS
    )
    settle(page)
    expect(upload).to_have_text("Open case file")
    expect(page.locator(".carenav-handout")).to_contain_text("Quartz Quarry Counseling")
    _same(page.locator(".carenav-handout").inner_text(), english)
    page.locator(".carenav-handout-language button", has_text="Español").click()
    expect(page.locator(".carenav-handout")).to_contain_text("Próximos pasos")
    _same(page.locator(".carenav-handout").inner_text(), spanish)
    page.screenshot(path=str(ARTIFACTS / "navigator-journey-reopened.png"), full_page=True)
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    assert not errors, f"console errors: {errors}"


def test_the_navigator_names_the_rule_set_chosen_on_the_handout(
    page: Page, server: VoilaServer
) -> None:
    errors = page_errors(page)
    page.set_default_navigation_timeout(APP_TIMEOUT_MS)
    open_app(page, server, "navigator")
    settle(page)
    page.locator(".carenav-need-needs select").select_option(index=[0])  # substance use
    settle(page)
    _step(page, "Level of care")
    chooser = page.locator(".carenav-rule-set-chooser select")
    expect(chooser).to_have_count(1)
    # ipywidgets writes option labels with non-breaking spaces.
    labels = [t.replace("\xa0", " ") for t in chooser.locator("option").all_inner_texts()]
    assert "Illustrative substance-use placement rules (version 1.0 (2026-11))" in labels
    assert not any("coverage checklist" in label for label in labels)
    mental_health = "Illustrative mental-health placement rules (version 1.0 (2026-12))"
    chooser.select_option(index=labels.index(mental_health))
    settle(page)
    expect(page.locator(".carenav-recommendation")).to_contain_text(
        "Rule set: Illustrative mental-health placement rules, version 1.0 (2026-12)."
    )
    expect(page.locator(".carenav-summary")).to_contain_text(
        "Illustrative mental-health placement rules, version 1.0 (2026-12)"
    )
    _step(page, "Next steps and handout")
    expect(page.locator(".carenav-handout-rule-set")).to_contain_text(
        "Suggested by: Illustrative mental-health placement rules, version 1.0 (2026-12), "
        "illustrative — a clinician decides."
    )
    page.locator(".carenav-handout-language button", has_text="Español").click()
    expect(page.locator(".carenav-handout-rule-set")).to_contain_text(
        "Sugerido por: Illustrative mental-health placement rules, versión 1.0 (2026-12)"
    )
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    assert not errors, f"console errors: {errors}"
