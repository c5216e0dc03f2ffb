"""Worked client stories for trainers: step through a fictional client's months on the ladder.

`StoryStepper` shows one vignette a step at a time (Previous / Next): where on the
ladder the client is, what the rules said, and why they moved. Its `level` traitlet
is the current step's level code, and `on_step(callback)` calls back with it at every
step shown, so a host app can move its own ladder along:

    panel = StoriesPanel(catalog, shell=app, show_ladder=False)
    panel.stepper.on_step(app.guard(app.select))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import traitlets

from carenav.catalog import Catalog
from carenav.errors import InputError
from carenav.models.levels import Continuum
from carenav.models.rules import RuleSet
from carenav.models.vignette import Vignette
from carenav.placement import level_namer
from carenav.present.readiness import verdict
from carenav.transitions import TransitionResult, assess_transition
from carenav.ui.base import AppShell
from carenav.ui.html import escape
from carenav.ui.sharing import set_shown


def story_ladder_html(continuum: Continuum, vignette: Vignette, index: int) -> str:
    """The ladder, most intensive at the top, marking where the client is now and has been."""
    here = vignette.steps[index].level
    before = {step.level for step in vignette.steps[:index]}
    who = escape(vignette.client.name)
    rungs = []
    for level in reversed(continuum.levels):
        if level.code == here:
            style, mark = (
                "border:3px solid #1a4f8b;background:#dce8f7;font-weight:700",
                f" ← {who} is here",
            )
        elif level.code in before:
            style, mark = "border:1px dashed #1a4f8b", f" · {who} was here earlier"
        else:
            style, mark = "border:1px solid #999", ""
        current = ' aria-current="step"' if level.code == here else ""
        rungs.append(
            f'<li style="{style};border-radius:4px;padding:4px 8px;margin:3px 0"{current}>'
            f"{escape(level.code)} {escape(level.common_name)}{mark}</li>"
        )
    return (
        '<div class="carenav-story-ladder"><p><small>Top: most intensive. Bottom: least.</small></p>'
        f'<ol style="list-style:none;padding:0;margin:0">{"".join(rungs)}</ol></div>'
    )


def story_step_html(
    continuum: Continuum, vignette: Vignette, index: int, result: TransitionResult
) -> str:
    """One step in words: what happened, what the rules said, the decision and the move."""
    name = level_namer(continuum)
    step = vignette.steps[index]
    assert result.placement is not None
    reasons = "".join(f"<li>{escape(r)}</li>" for r in result.reasons)
    decision = ""
    if step.decision is not None:
        why = f" Reason: {step.decision.reason}" if step.decision.reason else ""
        decision = (
            f"<p><strong>The clinician chose:</strong> "
            f"{escape(name(step.decision.chosen_level))}.{escape(why)}</p>"
        )
    if index + 1 < len(vignette.steps):
        following = vignette.steps[index + 1].level
        moved = "stayed at" if following == step.level else "moved to"
        after = f"{vignette.client.name} {moved} {name(following)}."
    else:
        after = "This is the last step of the story."
    return (
        f'<section class="carenav-story-step" aria-live="polite">'
        f"<h3>{escape(step.assessment.date.isoformat())}: at {escape(name(step.level))}</h3>"
        f"<p>{escape(step.narrative)}</p>"
        f"<p><strong>The rules recommend:</strong> {escape(name(result.placement.recommended_level))}. "
        f'<strong>Readiness:</strong> <span class="carenav-story-verdict">'
        f"{escape(verdict(result, continuum))}</span>.</p>"
        f"<details open><summary>Why</summary><ol>{reasons}</ol></details>"
        f"{decision}<p><strong>What happened next:</strong> {escape(after)}</p>"
        f"<p><small>{escape(result.label)} {escape(result.provenance)}</small></p></section>"
    )


class StoryStepper(traitlets.HasTraits):
    """One vignette, a step at a time. `level` and `index` are traitlets a host app can link to."""

    index = traitlets.Int(0)
    level = traitlets.Unicode("")

    def __init__(
        self,
        continuum: Continuum,
        vignette: Vignette,
        rule_set: RuleSet,
        *,
        shell: AppShell | None = None,
        show_ladder: bool = True,
    ) -> None:
        super().__init__()
        self.continuum = continuum
        self._followers: list[Callable[[str], object]] = []
        self._shell = shell or AppShell("Client stories", "Step through a fictional client's care.")
        self.header = widgets.HTML()
        self.position = widgets.HTML()
        self.previous = widgets.Button(description="◀ Previous step", tooltip="Previous step")
        self.next = widgets.Button(description="Next step ▶", tooltip="Next step")
        self.ladder = widgets.HTML(layout=dict(width="340px"))
        set_shown(self.ladder, show_ladder)
        self.step = widgets.HTML(layout=dict(flex="1 1 420px"))
        self.previous.on_click(self._shell.guard(lambda _b: self.go(self.index - 1)))
        self.next.on_click(self._shell.guard(lambda _b: self.go(self.index + 1)))
        self.observe(self._shell.guard(self._render), names="index")
        self.widget = widgets.VBox(
            [
                self.header,
                widgets.HBox(
                    [self.previous, self.position, self.next],
                    layout=dict(align_items="center", gap="12px"),
                ),
                widgets.HBox(
                    [self.ladder, self.step],
                    layout=dict(align_items="flex-start", gap="24px"),
                ),
            ]
        )
        self.widget.add_class("carenav-story")
        self.load(vignette, rule_set)
        if shell is None:  # on its own: inside a page frame with the crisis line and a status
            self._shell.mount(self.widget)
            self.widget = self._shell.widget

    def load(self, vignette: Vignette, rule_set: RuleSet) -> None:
        """Show another story from its first step."""
        if vignette.rule_set != rule_set.id:
            raise InputError(
                "rule set", f"{vignette.id} is read with {vignette.rule_set}, not {rule_set.id}"
            )
        self.vignette, self.rule_set = vignette, rule_set
        self.results = [
            assess_transition(step.level, vignette.history(i), rule_set)
            for i, step in enumerate(vignette.steps)
        ]
        client = vignette.client
        self.header.value = (
            f"<h2>{escape(vignette.title)}</h2><p><strong>{escape(client.name)}, {client.age}</strong> "
            f"(a fictional client): {escape(client.description)}</p><p>{escape(vignette.summary)}</p>"
        )
        if self.index == 0:
            self._render()
        else:
            self.index = 0

    def on_step(self, callback: Callable[[str], object]) -> None:
        """Call `callback(level_code)` each time a step is shown (also when the level is unchanged)."""
        self._followers.append(callback)

    def go(self, index: int) -> None:
        """Show step `index` (0-based); a step outside the story is refused with a message."""
        count = len(self.vignette.steps)
        if not 0 <= index < count:
            raise InputError(
                "step", f"this story has steps 1 to {count}; there is no step {index + 1}"
            )
        self.index = index

    def _render(self, _change: Any = None) -> None:
        index = self.index
        count = len(self.vignette.steps)
        if not 0 <= index < count:  # a value set from outside: put the last good one back
            self.index = min(max(index, 0), count - 1)
            raise InputError(
                "step", f"this story has steps 1 to {count}; there is no step {index + 1}"
            )
        step = self.vignette.steps[index]
        self.position.value = (
            f"<span>Step {index + 1} of {count} · {escape(step.assessment.date.isoformat())}</span>"
        )
        self.previous.disabled, self.next.disabled = index == 0, index == count - 1
        self.ladder.value = story_ladder_html(self.continuum, self.vignette, index)
        self.step.value = story_step_html(self.continuum, self.vignette, index, self.results[index])
        self.level = step.level
        for follow in self._followers:
            follow(step.level)
        self._shell.say(
            f"Step {index + 1} of {count}: {self.vignette.client.name} at level {step.level}."
        )


class StoriesPanel:
    """A chooser of the catalog's stories above one StoryStepper (whose `level` a host can link)."""

    def __init__(
        self, catalog: Catalog, *, shell: AppShell | None = None, show_ladder: bool = True
    ) -> None:
        if not catalog.vignettes:
            raise InputError("vignettes", "this data folder has no client stories")
        self.catalog = catalog
        own = shell is None
        self._shell = shell or AppShell(
            "Client stories", "Step through a fictional client's care, month by month."
        )
        first = catalog.vignettes[0]
        self.chooser = widgets.Dropdown(
            options=[(v.title, v.id) for v in catalog.vignettes],
            value=first.id,
            description="Story",
            style={"description_width": "initial"},
            layout=dict(width="auto", max_width="640px"),
        )
        self.stepper = StoryStepper(
            catalog.continuum,
            first,
            catalog.rule_set(first.rule_set),
            shell=self._shell,
            show_ladder=show_ladder,
        )
        self.chooser.observe(self._shell.guard(self._chosen), names="value")
        self.widget = widgets.VBox([self.chooser, self.stepper.widget])
        if own:
            self._shell.mount(self.widget)
            self.widget = self._shell.widget

    def _chosen(self, change: dict[str, Any]) -> None:
        vignette = self.catalog.vignette(str(change["new"]))
        self.stepper.load(vignette, self.catalog.rule_set(vignette.rule_set))
