"""Driving an app with the keyboard alone: where focus is, moving it by Tab, and whether its ring shows.

Only `page.keyboard` moves or acts here: no mouse, no element.click(), no fill(). A page
counts every pointer press it receives (`pointer_presses`), so a test can prove none came.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

# WCAG 2.4.7 and 1.4.11 (and the issue): a focus indicator at least 2 px thick, at 3:1 or more.
MIN_RING_PX = 2.0
MIN_RING_CONTRAST = 3.0
# More Tab presses than any app has stops: reaching this means focus is stuck or lost.
TAB_LIMIT = 80

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'BODY', role: '', name: '', value: '', ring: 0, color: ''};
  const byIds = (ids) => ids.split(/\\s+/).map(id => document.getElementById(id))
      .filter(Boolean).map(n => n.textContent).join(' ');
  let name = el.getAttribute('aria-label') || '';
  if (!name && el.getAttribute('aria-labelledby')) name = byIds(el.getAttribute('aria-labelledby'));
  if (!name && el.labels && el.labels.length) name = el.labels[0].textContent;
  if (!name) name = el.innerText || '';
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) || 0 : 0;
  // A box-shadow ring: the largest spread of a shadow drawn around the element.
  const spreads = [...style.boxShadow.matchAll(/(-?[\\d.]+)px\\s+(-?[\\d.]+)px\\s+(-?[\\d.]+)px\\s+(-?[\\d.]+)px/g)]
      .map(m => parseFloat(m[4]));
  return {
    tag: el.tagName, role: el.getAttribute('role') || el.type || '',
    name: name.replace(/\\s+/g, ' ').trim().slice(0, 120),
    // A list's value as a user reads it: the text of the option chosen.
    value: (el.selectedOptions ? [...el.selectedOptions].map(o => o.text.replace(/\\s+/g, ' ')).join('; ')
            : (el.value === undefined ? (el.getAttribute('aria-valuenow') || '') : String(el.value))),
    ring: Math.max(outline, ...spreads, 0),
    color: outline ? style.outlineColor : '',
  };
}"""

COUNT_POINTER = """() => {
  if (window.__carenavPointer === undefined) {
    window.__carenavPointer = 0;
    for (const type of ['pointerdown', 'mousedown']) {
      document.addEventListener(type, () => { window.__carenavPointer += 1; }, true);
    }
  }
}"""


@dataclass(frozen=True)
class Focus:
    """The focused element as a keyboard user meets it: what it is, its name, and its focus ring."""

    tag: str
    role: str
    name: str
    value: str
    ring: float
    color: str

    def __str__(self) -> str:
        return f"{self.tag}[{self.role}] '{self.name[:50]}'"


def focused(page: Page) -> Focus:
    return Focus(**page.evaluate(FOCUSED))


def count_pointer_presses(page: Page) -> None:
    """Start counting pointer presses (call once the app is open)."""
    page.evaluate(COUNT_POINTER)


def pointer_presses(page: Page) -> int:
    return int(page.evaluate("() => window.__carenavPointer || 0"))


def tab_to(
    page: Page, wanted: Callable[[Focus], bool], what: str, *, backwards: bool = False
) -> Focus:
    """Press Tab (Shift+Tab) until the focused element is the one wanted; fail naming the stops passed."""
    passed: list[str] = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if wanted(now):
            return now
        passed.append(str(now))
    raise AssertionError(f"Tab never reached {what}; it passed: " + " -> ".join(passed))


def named(text: str, *roles: str) -> Callable[[Focus], bool]:
    """A focus test: the element's accessible name starts with text (and its role is one of roles)."""
    return lambda f: f.name.startswith(text) and (not roles or f.role in roles)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(css_color: str) -> float:
    """WCAG contrast ratio of an 'rgb(r, g, b)' colour against the page's white."""
    parts = css_color[css_color.index("(") + 1 : css_color.index(")")].split(",")
    rgb = (int(float(parts[0])), int(float(parts[1])), int(float(parts[2])))
    return (1.0 + 0.05) / (_luminance(rgb) + 0.05)


def assert_focus_ring(page: Page) -> Focus:
    """The focused element shows a ring a user can see: at least 2 px, at 3:1 against white."""
    now = focused(page)
    assert now.ring >= MIN_RING_PX, f"{now} has a {now.ring:g} px focus ring (at least 2 px needed)"
    if now.color:
        ratio = contrast_on_white(now.color)
        assert ratio >= MIN_RING_CONTRAST, (
            f"{now}: focus ring {now.color} is {ratio:.2f}:1 on white"
        )
    return now
