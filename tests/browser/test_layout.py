"""Every app at a workshop projector's 1024 x 768, a laptop's 1280 x 800 and a desktop's 1920 x 1080.

Nothing may be cut off: with every section opened and every tab chosen, no element that
hides its overflow (or scrolls it) may hold content wider than itself, except the regions
made to scroll (marked .carenav-scroll, reachable by keyboard), no drop-down list may show
no choice or be too narrow for the one it shows, and the page itself never scrolls sideways. A screenshot at each size lands in test-artifacts/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import open_app
from tests.browser.harness import APP_TIMEOUT_MS, ARTIFACTS, REPO, VoilaServer
from tests.browser.panels import each_panel, settle

APPS = sorted(p.stem for p in (REPO / "voila_apps").glob("*.ipynb"))
SIZES = [(1024, 768), (1280, 800), (1920, 1080)]

# Elements whose content is wider than their box while they hide or scroll the overflow:
# that content is cut off (or hidden behind a sideways scroll nobody expects).
CLIPPED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('.carenav-app *')) {
    if (!el.offsetParent || el.clientWidth === 0) continue;
    if (el.matches('.carenav-scroll, select, input, textarea')) continue;
    const style = getComputedStyle(el);
    const hides = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX)
      || style.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${(el.innerText || '').trim().slice(0, 60)} (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
  }
  // A drop-down list cuts its chosen option's text without overflowing: measure that text.
  const pen = (window.__carenavPen ||= document.createElement('canvas').getContext('2d'));
  for (const el of document.querySelectorAll('.carenav-app select:not([multiple])')) {
    if (!el.offsetParent) continue;
    const chosen = el.options[el.selectedIndex];
    if (!chosen || !chosen.text.trim()) {  // drawn empty, though one option means "not set"
      const field = (el.closest('.carenav-field') || el.parentElement).innerText.trim();
      found.push(`a list showing no choice ("${field.split('\\n')[0].slice(0, 40)}")`);
      continue;
    }
    const style = getComputedStyle(el);
    pen.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    // The widgets' own arrow is drawn in the right padding.
    const needs = pen.measureText(chosen.text).width
      + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    if (needs > el.clientWidth + 1) {
      found.push(`the list showing "${chosen.text}" (${Math.ceil(needs)}px in ${el.clientWidth}px)`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    found.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px wide)`);
  }
  return found;
}"""


@pytest.fixture
def sized_page(browser: Browser, request: pytest.FixtureRequest) -> Page:
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    request.addfinalizer(context.close)
    return context.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("sized_page", SIZES, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("app", APPS)
def test_nothing_is_cut_off_in_any_panel(sized_page: Page, server: VoilaServer, app: str) -> None:
    page = sized_page
    open_app(page, server, app)
    settle(page)
    clipped = {f"first screen: {item}" for item in page.evaluate(CLIPPED)}
    for name in each_panel(page):
        clipped |= {f"{name}: {item}" for item in page.evaluate(CLIPPED)}
    size = page.viewport_size or {"width": 0, "height": 0}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"layout-{app}-{size['width']}x{size['height']}.png"))
    assert not clipped, f"{app} at {size}: cut off:\n" + "\n".join(sorted(clipped))


@pytest.mark.browser
@pytest.mark.parametrize("sized_page", [(1024, 768)], indirect=True, ids=["1024x768"])
def test_a_trainer_sees_the_ladder_move_beside_the_next_button_on_a_projector(
    sized_page: Page, server: VoilaServer
) -> None:
    page = sized_page
    open_app(page, server, "care_continuum")
    page.get_by_role("tab", name="Client stories").click()
    settle(page)  # the stories are built when their tab is first opened
    next_button = page.get_by_role("button", name="Next step ▶")
    expect(next_button).to_be_visible(timeout=APP_TIMEOUT_MS)
    current = page.locator('.carenav-ladder-figure li[aria-current="true"]')
    before = current.inner_text()
    next_button.click()
    expect(current).not_to_have_text(before, timeout=APP_TIMEOUT_MS)
    for element in (next_button, current):
        box = element.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 768, (
            f"{element} is outside the 1024 x 768 screen: {box}"
        )
