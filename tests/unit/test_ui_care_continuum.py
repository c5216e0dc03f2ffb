"""The care-continuum app without a browser: choosing a level shows it; a made-up level changes nothing."""

from __future__ import annotations

from html import unescape

from carenav.ui.base import READY_CLASS
from carenav.ui.care_continuum import CareContinuumApp


def test_the_app_opens_on_iop_and_is_marked_ready() -> None:
    app = CareContinuumApp()
    assert READY_CLASS in app.widget._dom_classes
    assert "2.1 Intensive outpatient" in app.details.value


def test_choosing_a_level_shows_its_hours_and_how_people_move_on() -> None:
    app = CareContinuumApp()
    app.chooser.value = "2.5"
    assert "20 or more hours a week" in app.details.value
    assert "Stepping down from here" in app.details.value
    assert 'aria-current="true"' in app.ladder.value
    assert "Showing 2.5" in app.status.value


def test_every_page_of_the_app_shows_the_crisis_line_and_who_decides() -> None:
    app = CareContinuumApp()
    texts = " ".join(getattr(child, "value", "") for child in app.widget.children)
    assert "988" in texts and "911" in texts
    assert "a clinician decides" in texts and "payer decides coverage" in texts


def test_a_level_code_the_browser_made_up_is_refused_and_changes_nothing() -> None:
    app = CareContinuumApp()
    before = app.details.value
    app._show_guarded = app.guard(app._show)  # the same guard the callbacks use
    app._show_guarded("9.9")
    assert app.details.value == before
    assert "There is no level of care with the id '9.9'" in unescape(app.status.value)


def test_the_evidence_panel_never_shows_the_unsupported_success_rate_as_a_finding() -> None:
    app = CareContinuumApp()
    assert "The article's claim: no peer-reviewed source found" in unescape(app.evidence.value)
    assert "60–70%" in app.evidence.value


def test_stepping_through_a_client_story_moves_the_ladder_to_where_the_client_is() -> None:
    app = CareContinuumApp()
    app.tabs.selected_index = 2  # the trainer opens the stories tab
    assert app.stories is not None
    stepper = app.stories.stepper
    stepper.go(len(stepper.vignette.steps) - 1)
    last_level = stepper.vignette.steps[-1].level
    assert app.chooser.value == last_level
    assert 'aria-current="true"' in app.ladder.value
