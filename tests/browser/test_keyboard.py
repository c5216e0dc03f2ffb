"""Each app used with the keyboard alone, in Chromium: one whole task per app, and a focus ring at every stop.

Only the keyboard acts (Tab, Shift+Tab, Enter, Space, the arrows and typing, through
`page.keyboard`); the page counts pointer presses and each test checks none came. What
is asserted is what the user would see at the end of the task.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_app
from tests.browser.harness import REPO, VoilaServer
from tests.browser.keyboard import (
    TAB_LIMIT,
    Focus,
    assert_focus_ring,
    count_pointer_presses,
    focused,
    named,
    pointer_presses,
    tab_to,
)
from tests.browser.panels import settle

APPS = sorted(p.stem for p in (REPO / "voila_apps").glob("*.ipynb"))
TEXT_SIZE = "Larger text"


def _start(page: Page, server: VoilaServer, app: str) -> None:
    open_app(page, server, app)
    settle(page)
    count_pointer_presses(page)


def _no_pointer(page: Page) -> None:
    assert pointer_presses(page) == 0, "the task used the mouse"


def _tab_stops(page: Page, key: str) -> list[Focus]:
    """Every stop from the page's first one round to it again (the page itself is not a stop)."""
    first = tab_to(page, named(TEXT_SIZE), "the 'Larger text' switch")
    stops = [first]
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        now = focused(page)
        if now.tag == "BODY":
            continue
        if now.name == first.name and now.tag == first.tag:
            return stops
        stops.append(now)
    raise AssertionError(
        f"{key} never came back to the first stop: focus is trapped after {stops[-1]}"
    )


@pytest.mark.browser
@pytest.mark.parametrize("app", APPS)
def test_tab_visits_every_control_with_a_visible_ring_and_shift_tab_walks_back(
    page: Page, server: VoilaServer, app: str
) -> None:
    _start(page, server, app)
    forward = _tab_stops(page, "Tab")
    assert len(forward) > 3, f"only {forward} can be reached by Tab"
    faint = [f"{f} ({f.ring:g} px)" for f in forward if f.ring < 2]
    assert not faint, f"{app}: no visible focus ring on {faint}"
    unnamed = [str(f) for f in forward if not f.name]
    assert not unnamed, f"{app}: Tab reaches controls without a name: {unnamed}"
    # Shift+Tab from the first stop goes round the same stops the other way.
    backward = _tab_stops(page, "Shift+Tab")
    assert [str(f) for f in backward[1:]] == [str(f) for f in reversed(forward[1:])]
    _no_pointer(page)


@pytest.mark.browser
def test_finder_by_keyboard_a_need_a_level_and_a_zip_give_ranked_programs(
    page: Page, server: VoilaServer
) -> None:
    _start(page, server, "program_finder")
    keys = page.keyboard
    need = tab_to(page, named("Needs treatment for", "select-multiple"), "the needs list")
    assert_focus_ring(page)
    keys.press("ArrowDown")  # the first need: substance use
    expect(page.locator(".carenav-result-count")).to_contain_text("programs fit")
    assert focused(page).value.startswith("Substance use"), focused(page)

    tab_to(page, named("Level of care", "select-multiple"), "the level list")
    keys.press("ArrowDown")
    keys.press("ArrowDown")  # 1 Outpatient, then 2.1 Intensive outpatient
    assert focused(page).value.startswith("2.1 Intensive outpatient (IOP)"), focused(page)
    expect(page.locator(".carenav-results")).to_contain_text(
        "offers 2.1 Intensive outpatient (IOP)"
    )
    # Shift+Tab goes back up the form, Tab comes down again.
    before = tab_to(page, lambda f: f.tag == "SELECT", "the field above", backwards=True)
    assert before.name != need.name or before.name.startswith("Conditions"), before
    tab_to(page, named("Level of care"), "the level list again")

    header = tab_to(page, named("Where and when", "button"), "the 'Where and when' header")
    assert_focus_ring(page)
    section = page.locator(".jupyter-widget-Collapse-header", has_text="Where and when")
    expect(section).to_have_attribute("aria-expanded", "false")
    keys.press("Enter")
    expect(section).to_have_attribute("aria-expanded", "true")
    settle(page)
    assert focused(page).name == header.name  # opening a section keeps focus on its header
    tab_to(page, named("Client's ZIP code"), "the ZIP box")
    assert_focus_ring(page)
    keys.type("97205")
    keys.press("Enter")

    expect(page.locator(".carenav-app")).to_contain_text("Portland, OR")
    results = page.locator(".carenav-results")
    expect(results).to_contain_text(" mi")  # ranked with the distance from that ZIP
    expect(results).to_contain_text("Why it fits")
    expect(page.locator(".carenav-result-count")).to_contain_text("programs fit")
    _no_pointer(page)


@pytest.mark.browser
def test_cost_estimator_by_keyboard_another_plan_and_8_weeks_give_a_new_total(
    page: Page, server: VoilaServer
) -> None:
    _start(page, server, "cost_estimator")
    keys = page.keyboard
    total = page.locator(".carenav-cost-summary")
    expect(total).to_contain_text("(36 days)")  # Mon, Wed, Fri for 12 weeks
    before = total.inner_text()

    plan = tab_to(page, lambda f: f.name == "Plan" and f.role == "select-one", "the plan list")
    assert_focus_ring(page)
    keys.press("ArrowDown")
    chosen = focused(page).value
    assert chosen != plan.value, "the arrow key did not change the plan"
    expect(total).to_contain_text(chosen)

    tab_to(page, named("Weeks"), "the weeks box")
    assert_focus_ring(page)
    keys.press("Control+A")
    keys.type("8")
    keys.press("Enter")

    expect(total).to_contain_text("(24 days)")  # Mon, Wed, Fri for 8 weeks
    expect(total).to_contain_text("You would pay")
    assert total.inner_text() != before
    # The week-by-week table: its tab, then its own scrolling region, by Tab and arrows.
    tab = tab_to(page, lambda f: f.role == "tab", "the results tabs")
    assert tab.name.startswith("Week by week")
    keys.press("ArrowRight")
    keys.press("Enter")
    expect(page.locator(".lm-TabBar-tab.lm-mod-current")).to_contain_text("Chart")
    _no_pointer(page)


@pytest.mark.browser
def test_readiness_by_keyboard_ratings_give_a_suggested_level(
    page: Page, server: VoilaServer
) -> None:
    _start(page, server, "readiness_check")
    keys = page.keyboard
    recommended = page.locator(".carenav-recommended-level")
    expect(recommended).to_contain_text("0.5 Early intervention")

    # The slider is named by its dimension's title, not only "Dimension 5".
    tab_to(page, named("5 Relapse, continued use", "slider"), "the relapse rating")
    assert_focus_ring(page)
    for _ in range(4):  # 0 -> 4, one step a key press
        keys.press("ArrowRight")
    assert float(focused(page).value) == 4

    expect(recommended).to_contain_text("2.5 Partial hospitalization (PHP)")
    expect(page.locator(".carenav-app")).to_contain_text("4 — severe — needs immediate attention")
    expect(page.locator(".carenav-status")).to_contain_text("Recommended level now")
    _no_pointer(page)


@pytest.mark.browser
def test_continuum_by_keyboard_a_trainer_steps_a_story_forward_and_the_ladder_follows(
    page: Page, server: VoilaServer
) -> None:
    _start(page, server, "care_continuum")
    keys = page.keyboard
    details = page.locator(".carenav-level-details")
    # The ladder is one group: Tab reaches the level chosen, the arrows choose another.
    rung = tab_to(page, lambda f: f.role == "radio", "the ladder")
    assert rung.name.startswith("2.1 Intensive outpatient"), rung
    assert_focus_ring(page)
    keys.press("ArrowUp")
    expect(details).to_contain_text("2.5 Partial hospitalization")
    after_ladder = tab_to(page, lambda f: f.role != "radio", "past the ladder")
    assert after_ladder.role == "tab", f"the ladder holds {after_ladder} as more than one stop"

    keys.press("ArrowRight")
    keys.press("ArrowRight")
    assert focused(page).name.startswith("Client stories")
    keys.press("Enter")
    settle(page)
    marked = page.locator(".carenav-ladder-figure [aria-current=true]")
    before = marked.inner_text()
    tab_to(page, named("Next step", "submit", "button"), "the story's Next button")
    assert_focus_ring(page)
    keys.press("Enter")

    expect(page.locator(".carenav-status")).to_contain_text("Step 2 of")
    expect(marked).not_to_have_text(before)
    keys.press("Space")
    expect(page.locator(".carenav-status")).to_contain_text("Step 3 of")
    _no_pointer(page)


@pytest.mark.browser
def test_navigator_by_keyboard_a_need_and_a_plan_then_the_steps_to_a_cost(
    page: Page, server: VoilaServer
) -> None:
    _start(page, server, "navigator")
    keys = page.keyboard
    tab_to(page, named("Needs treatment for", "select-multiple"), "the needs list")
    keys.press("ArrowDown")  # substance use
    settle(page)
    plan = tab_to(page, lambda f: f.name == "Plan" and f.role == "select-one", "the plan list")
    assert_focus_ring(page)
    keys.press("ArrowDown")  # the first sample plan the directory's programs take
    assert focused(page).value != plan.value
    expect(page.locator(".carenav-status")).to_contain_text("Saved in this case")

    # Back up to the steps, then along them with the arrows.
    step = tab_to(page, lambda f: f.role == "tab", "the steps", backwards=True)
    assert step.name.startswith("Client and coverage")
    assert_focus_ring(page)
    keys.press("ArrowRight")
    keys.press("ArrowRight")
    assert focused(page).name.startswith("Programs")
    keys.press("Enter")
    settle(page)
    expect(page.locator(".carenav-result-count")).to_contain_text("programs fit")
    box = tab_to(page, lambda f: f.role == "checkbox", "the first program's shortlist box")
    assert_focus_ring(page)
    keys.press("Space")
    settle(page)
    expect(page.locator(".carenav-status")).to_contain_text("Saved in this case")

    tab_to(page, lambda f: f.role == "tab", "the steps", backwards=True)
    keys.press("ArrowRight")
    assert focused(page).name.startswith("Costs")
    keys.press("Enter")
    settle(page)
    rows = page.locator(".carenav-case-costs table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("$")
    assert box.name  # the box was named by its program
    _no_pointer(page)
