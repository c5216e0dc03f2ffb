"""The care-continuum app for trainers: the levels as a ladder, each level's details, and the evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from carenav import catalog as catalog_module
from carenav.catalog import Catalog
from carenav.errors import CarenavError
from carenav.models.evidence import EvidenceSet
from carenav.models.levels import Continuum, LevelOfCare
from carenav.ui.base import AppShell
from carenav.ui.html import escape
from carenav.ui.sharing import set_shown

if TYPE_CHECKING:
    from carenav.ui.stories import StoriesPanel

STATUS_WORDS = {
    "supported": "Supported by its source",
    "corrected": "Corrected: the article's figure was mislabelled",
    "unsupported": "The article's claim: no peer-reviewed source found",
}


def ladder_html(continuum: Continuum, current: str, *, compact: bool = False) -> str:
    """The continuum as a ladder, most intensive at the top; the chosen rung is marked in words and style.

    Compact (while a story is stepped through) is one line a rung, so the whole ladder and
    the story's Next button fit on a 1024 x 768 projector screen together.
    """
    box = "padding:2px 8px;margin:2px 0" if compact else "padding:6px 10px;margin:4px 0"
    plain = f"border:1px solid #999;border-radius:4px;{box}"
    marked = f"border:3px solid #1a4f8b;background:#dce8f7;font-weight:700;border-radius:4px;{box}"
    rungs = []
    for level in reversed(continuum.levels):
        here = level.code == current
        extra = " · 24-hour" if level.twenty_four_hour else ""
        current_mark = ' aria-current="true"' if here else ""
        rungs.append(
            f'<li style="{marked if here else plain}"{current_mark}>'
            f'<span style="display:inline-block;width:3em">{escape(level.code)}</span>'
            f"{escape(level.common_name)}{' ← selected' if here else ''}"
            + (
                ""
                if compact
                else f"<br><small>{escape(level.hours_adults.describe(with_note=False))}{extra}</small>"
            )
            + "</li>"
        )
    return (
        '<div class="carenav-ladder-figure"><h2>The ladder</h2>'
        "<p><small>Top: most intensive. Bottom: least.</small></p>"
        f'<ol style="list-style:none;padding:0;margin:0">{"".join(rungs)}</ol></div>'
    )


def _names(continuum: Continuum, codes: list[str]) -> str:
    return ", ".join(continuum.label(c) for c in codes) or "—"


def level_details_html(continuum: Continuum, level: LevelOfCare) -> str:
    """Everything about one level in plain words: setting, hours, who it serves, how people arrive and move on."""
    rows: list[tuple[str, str]] = [
        ("Setting", level.setting),
        (
            "Around the clock (24-hour)?",
            "Yes" if level.twenty_four_hour else "No, the person lives at home",
        ),
        ("Medical oversight", level.medical_oversight),
        ("Hours a week (adults)", level.hours_adults.describe()),
    ]
    if level.hours_adolescents:
        rows.append(("Hours a week (adolescents)", level.hours_adolescents.describe()))
    rows.append(
        (
            "Typical length",
            level.typical_length or "Not set by a public standard; it follows reassessment",
        )
    )
    if level.entry_point:
        rows.append(("Starting here", level.entry_point))
    rows.append(("Arrive by stepping down from", _names(continuum, level.step_down_from)))
    rows.append(("Arrive by stepping up from", _names(continuum, level.step_up_from)))
    if level.step_up_means:
        rows.append(("Stepping up from here", level.step_up_means))
    if level.step_down_means:
        rows.append(("Stepping down from here", level.step_down_means))
    if level.fourth_edition:
        fourth = level.fourth_edition
        text = " ".join(p for p in (fourth.code, fourth.name) if p)
        rows.append(("ASAM 4th edition (2023)", " — ".join(p for p in (text, fourth.note) if p)))
    body = "".join(
        f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in rows
    )
    serves = "".join(f"<li>{escape(s)}</li>" for s in level.serves)
    sources = "".join(f"<li>{escape(s.citation())}</li>" for s in level.sources)
    return (
        f'<section aria-live="polite"><h2 class="carenav-level-title">{escape(level.code)} '
        f"{escape(level.name)}</h2><p><strong>Also called:</strong> {escape(level.common_name)}</p>"
        f"<h3>Who it serves</h3><ul>{serves}</ul>"
        f'<table class="carenav-table"><caption>About this level</caption><tbody>{body}</tbody></table>'
        f'<h3>Sources</h3><ul class="carenav-small">{sources}</ul></section>'
    )


def evidence_html(evidence: EvidenceSet | None) -> str:
    """The source article's figures, each as its source supports it, with citations."""
    if evidence is None:
        return "<p>No evidence file in this data folder.</p>"
    items = []
    for fact in evidence.facts:
        cites = "; ".join(s.citation() for s in fact.sources)
        said = (
            f"<br><small>The article said: “{escape(fact.article_said)}”</small>"
            if fact.article_said
            else ""
        )
        items.append(
            f"<li><strong>{escape(STATUS_WORDS[fact.status])}.</strong> {escape(fact.statement)}"
            f"{said}<br><small>Source: {escape(cites)}</small></li>"
        )
    return f"<h2>{escape(evidence.title)}</h2><ul>{''.join(items)}</ul>"


class CareContinuumApp(AppShell):
    """Choose a level on the ladder; see its details, how people arrive and move on, and the evidence."""

    def __init__(self, catalog: Catalog | None = None, start: str = "2.1") -> None:
        super().__init__(
            "The continuum of care",
            "Levels of care for mental health and substance use, from least to most intensive. "
            "Choose a level to see who it serves and what stepping up or down means.",
        )
        try:
            self.catalog = catalog or catalog_module.load(sections=("evidence",))
        except CarenavError as exc:
            self.say_error(str(exc))
            self.mount()
            return
        continuum = self.catalog.continuum
        self.continuum = continuum
        codes = continuum.codes()
        self.chooser = widgets.RadioButtons(
            options=[(continuum.label(lvl.code), lvl.code) for lvl in reversed(continuum.levels)],
            value=start if start in codes else codes[0],
            layout=dict(width="100%"),
        )
        self.chooser.add_class("carenav-ladder")
        self.ladder = widgets.HTML(layout=dict(width="100%"))
        self._compact = False
        self.details = widgets.HTML()
        self.details.add_class("carenav-level-details")
        self.evidence = widgets.HTML(evidence_html(self.catalog.evidence))
        self.evidence.add_class("carenav-evidence")
        self.chooser.observe(self.guard(self._chosen), names="value")
        self._show(self.chooser.value)
        choose = widgets.VBox(
            [widgets.HTML("<label><strong>Choose a level of care</strong></label>"), self.chooser],
            layout=dict(width="100%"),
        )
        self._choose = choose
        # The stories tab is built when first opened: its rules and vignettes would
        # otherwise be loaded by every new kernel, slowing every page load.
        self._stories_slot = widgets.VBox(
            [widgets.HTML('<p class="carenav-lazy">Loading the client stories…</p>')]
        )
        self.stories: StoriesPanel | None = None
        tabs = widgets.Tab(
            children=[self.details, self.evidence, self._stories_slot],
            layout=dict(flex="1 1 480px"),
        )
        for index, title in enumerate(
            ("About the level", "What the evidence says", "Client stories")
        ):
            tabs.set_title(index, title)
        tabs.observe(self.guard(self._tab_opened), names="selected_index")
        self.tabs = tabs
        self.mount(
            widgets.HBox(
                [
                    widgets.VBox(
                        [choose, self.ladder],
                        layout=dict(flex="0 0 340px", min_width="300px"),
                    ),
                    tabs,
                ],
                layout=dict(align_items="flex-start", gap="24px"),
            )
        )

    def open_stories(self) -> StoriesPanel | None:
        """Build the client-stories panel (rules and vignettes are loaded here, once)."""
        if self.stories is None:
            from carenav.ui.stories import StoriesPanel

            with_stories = catalog_module.load(self.catalog.root, sections=("vignettes",))
            if not with_stories.vignettes:
                self._stories_slot.children = (
                    widgets.HTML("<p>This data folder has no client stories.</p>"),
                )
                return None
            # A trainer steps through a client's months; the ladder follows every step.
            self.stories = StoriesPanel(with_stories, shell=self, show_ladder=False)
            self.stories.stepper.on_step(self.guard(self.select))
            self._stories_slot.children = (self.stories.widget,)
            self.select(self.stories.stepper.level)  # the ladder starts where the story starts
        return self.stories

    def _tab_opened(self, change: dict[str, object]) -> None:
        stories = change["new"] == 2
        if stories:
            self.open_stories()
        # While a story is stepped through, the level chooser gives way to a compact ladder,
        # so a trainer sees the ladder move beside the story's Next button without scrolling.
        set_shown(self._choose, not stories)
        self._compact = stories
        self.ladder.value = ladder_html(self.continuum, self.chooser.value, compact=stories)

    def select(self, code: str) -> None:
        """Show a level, as if chosen on the ladder."""
        self.chooser.value = self.continuum.level(code).code

    def _chosen(self, change: dict[str, object]) -> None:
        self._show(str(change["new"]))

    def _show(self, code: str) -> None:
        level = self.continuum.level(code)  # refuses a code the browser made up
        self.ladder.value = ladder_html(self.continuum, level.code, compact=self._compact)
        self.details.value = level_details_html(self.continuum, level)
        self.say(f"Showing {self.continuum.label(level.code)}.")
