"""The stories stepper without a browser: previous/next move through a client's months on the ladder."""

from __future__ import annotations

import re
from functools import cache
from html import unescape

import pytest
import traitlets

from carenav import catalog
from carenav.errors import InputError
from carenav.ui.care_continuum import CareContinuumApp
from carenav.ui.sharing import is_shown
from carenav.ui.stories import StoriesPanel, StoryStepper


@cache
def loaded() -> catalog.Catalog:
    return catalog.load(sections=("evidence", "vignettes"))


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def sam() -> StoryStepper:
    story = loaded().vignette("sam-residential-to-outpatient")
    return StoryStepper(loaded().continuum, story, loaded().rule_set(story.rule_set))


def test_a_story_opens_on_its_first_step_with_the_client_marked_on_the_ladder() -> None:
    stepper = sam()
    assert (stepper.index, stepper.level) == (0, "3.5")
    assert "Sam is here" in stepper.ladder.value
    assert "Step 1 of 8" in stepper.position.value
    assert stepper.previous.disabled and not stepper.next.disabled


def test_next_and_previous_move_through_the_months_and_say_why_the_client_moved() -> None:
    stepper = sam()
    stepper.next.click()
    stepper.next.click()
    text = text_of(stepper.step.value)
    assert stepper.level == "3.5"
    assert "Ready to step down — to 2.5 Partial hospitalization" in text
    assert "What happened next: Sam moved to 2.5 Partial hospitalization (PHP)." in text
    stepper.next.click()
    assert stepper.level == "2.5" and "Sam was here earlier" in stepper.ladder.value
    stepper.previous.click()
    assert stepper.level == "3.5"


def test_the_last_step_disables_next_and_a_step_outside_the_story_is_refused() -> None:
    stepper = sam()
    stepper.go(7)
    assert stepper.next.disabled and stepper.level == "1"
    before = stepper.step.value
    with pytest.raises(InputError, match="this story has steps 1 to 8; there is no step 9"):
        stepper.go(8)
    stepper.next.click()  # a click on a button the page shows disabled changes nothing
    assert stepper.step.value == before and stepper.index == 7


def test_each_step_shows_the_rules_verdict_and_the_recorded_decision() -> None:
    story = loaded().vignette("alex-co-occurring")
    stepper = StoryStepper(loaded().continuum, story, loaded().rule_set(story.rule_set))
    stepper.go(2)
    text = text_of(stepper.step.value)
    assert "Readiness: Review needed — to 1 Outpatient (weekly therapy)" in text
    assert "Psychiatrist wants two more weeks of the anxiety group" in text
    assert "Provisional decision support" in text


def test_the_current_level_links_to_the_continuum_apps_ladder() -> None:
    panel = StoriesPanel(loaded())
    app = CareContinuumApp(loaded())
    traitlets.dlink((panel.stepper, "level"), (app.chooser, "value"))
    panel.chooser.value = "riley-relapse-step-up"
    panel.stepper.go(2)
    assert app.chooser.value == "2.5"
    assert "2.5 Partial hospitalization" in app.details.value  # the continuum app's own words


def test_the_panel_lists_every_story_and_shows_the_crisis_line_on_its_own() -> None:
    panel = StoriesPanel(loaded())
    assert len(panel.chooser.options) == len(loaded().vignettes) >= 5
    texts = " ".join(getattr(c, "value", "") for c in panel.widget.children)
    assert "988" in texts and "911" in texts


def test_a_story_id_the_browser_made_up_is_refused_with_a_message() -> None:
    panel = StoriesPanel(loaded())
    before = panel.stepper.step.value
    panel._shell.guard(panel._chosen)({"new": "no-such-story"})  # as the observer is wired
    assert panel.stepper.step.value == before
    assert "There is no vignette with the id 'no-such-story'" in unescape(panel._shell.status.value)


def test_a_host_app_can_follow_every_step_with_its_own_ladder() -> None:
    app = CareContinuumApp(loaded())
    panel = StoriesPanel(loaded(), shell=app, show_ladder=False)
    panel.stepper.on_step(app.guard(app.select))
    assert app.chooser.value == "2.1"  # nothing moves until a step is shown
    panel.chooser.value = "sam-residential-to-outpatient"
    assert app.chooser.value == "3.5"
    app.chooser.value = "1"  # the trainer looks at another rung meanwhile
    panel.stepper.go(1)  # Sam is still at 3.5: the ladder comes back to him
    assert app.chooser.value == "3.5"
    assert not is_shown(panel.stepper.ladder)
    assert "Step 2 of 8: Sam at level 3.5." in unescape(app.status.value)


def test_every_story_step_says_the_rules_are_illustrative_not_the_asam_criteria() -> None:
    stepper = sam()
    rule_set = loaded().rule_set(stepper.vignette.rule_set)
    for index in range(len(stepper.vignette.steps)):
        stepper.go(index)
        step = text_of(stepper.step.value)
        assert f"Rule set: {rule_set.name}, version {rule_set.version}." in step
        assert rule_set.disclaimer in step


def test_the_mental_health_php_to_iop_story_is_told_under_the_mental_health_rules() -> None:
    panel = StoriesPanel(loaded())
    assert "morgan-php-to-iop" in [value for _, value in panel.chooser.options]
    panel.chooser.value = "morgan-php-to-iop"
    panel.stepper.go(2)
    shown = unescape(re.sub(r"<[^>]+>", " ", panel.stepper.step.value))
    assert "Illustrative mental-health placement rules" in " ".join(shown.split())
    assert "step down" in shown.lower()
