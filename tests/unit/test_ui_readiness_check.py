"""The readiness-check app without a browser: set widget values, read the results."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from html import unescape

from carenav import catalog
from carenav.ui.base import READY_CLASS
from carenav.ui.readiness_check import ReadinessCheckApp

TODAY = date(2026, 3, 2)


@cache
def loaded() -> catalog.Catalog:
    return catalog.load(sections=("rules",))


def app() -> ReadinessCheckApp:
    return ReadinessCheckApp(loaded(), today=TODAY)


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_the_app_opens_ready_with_every_rating_at_no_concern_and_its_meaning_beside_it() -> None:
    check = app()
    assert READY_CLASS in check.widget._dom_classes
    assert check.placement is not None and check.placement.recommended_level == "0.5"
    assert text_of(check.form.meanings["relapse"].value).strip() == "0 — no current concern"
    assert set(check.form.sliders) == {
        "withdrawal",
        "biomedical",
        "emotional",
        "readiness",
        "relapse",
        "environment",
    }


def test_raising_a_rating_changes_the_recommendation_and_says_why() -> None:
    check = app()
    check.form.sliders["relapse"].value = 4
    assert check.placement is not None and check.placement.recommended_level == "2.5"
    assert (
        text_of(check.form.meanings["relapse"].value).strip()
        == "4 — severe — needs immediate attention"
    )
    shown = text_of(check.recommendation.value)
    assert "2.5 Partial hospitalization (PHP)" in shown
    assert "The area with the highest need sets the floor" in shown
    assert "Provisional decision support" in shown
    assert "Recommended level now: 2.5 Partial hospitalization (PHP)." in unescape(
        check.status.value
    )


def test_a_rating_the_browser_pushes_off_the_scale_is_refused_and_changes_nothing() -> None:
    check = app()
    check.form.sliders["relapse"].value = 2
    before = (check.recommendation.value, check.placement)
    slider = check.form.sliders["relapse"]
    slider.max = 9  # a browser can set any synced trait, bounds included
    slider.value = 7
    assert (check.recommendation.value, check.placement) == before
    assert (slider.value, slider.max) == (2, 4)
    assert (
        "5 Relapse, continued use or continued problem potential: 7 is off the scale, so it was "
        "not accepted; expected a rating from 0 to 4" in unescape(check.status.value)
    )


def test_a_safety_flag_settles_the_level_outright() -> None:
    check = app()
    check.form.flags["imminent-risk-of-harm"].value = True
    assert check.placement is not None and check.placement.recommended_level == "4"
    assert "call or text 988" in text_of(check.recommendation.value)


def test_assessments_over_time_give_a_readiness_verdict_and_a_trajectory() -> None:
    check = app()
    check.level.value = "2.1"
    check.form.sliders["relapse"].value = 3
    check.form.scheduled.value, check.form.attended.value = "12", "12"
    check.form.goals_total.value, check.form.goals_met.value = "4", "1"
    check.save_assessment()
    check.guard(check.copy_last)()  # an explicit copy, undated until the navigator dates it
    check.form.when.value = date(2026, 3, 30)
    check.form.sliders["relapse"].value = 1
    check.form.goals_met.value = "2"
    check.save_assessment()
    check.guard(check.copy_last)()
    check.form.when.value = date(2026, 4, 27)
    check.form.sliders["relapse"].value = 1
    check.form.goals_met.value = "4"
    assert check.transition is not None
    assert (check.transition.verdict, check.transition.target_level) == ("step_down_ready", "1")
    assert "Ready to step down — to 1 Outpatient (weekly therapy)" in text_of(check.readiness.value)
    chart = check.trajectory.value
    assert chart.count("<polyline") == 6 and "2026-04-27 (now)" in chart
    assert "http" not in chart.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch


def test_saving_never_invents_an_assessment_the_form_starts_blank_dated_today() -> None:
    check = app()
    check.level.value = "2.1"
    check.form.when.value = date(2026, 2, 2)
    check.form.sliders["relapse"].value = 1
    check.form.scheduled.value, check.form.attended.value = "12", "12"
    check.form.goals_total.value, check.form.goals_met.value = "4", "4"
    assert check.transition is not None
    verdict = check.transition.verdict
    check.save_assessment()
    # The verdict rests on the one saved assessment, not on a copy dated weeks ahead.
    assert len(check.history) == 1
    assert check.transition.verdict == verdict == "review_needed"
    assert check.form.when.value == TODAY
    assert all(s.value == s.min for s in check.form.sliders.values())
    assert check.form.scheduled.value == check.form.goals_total.value == ""
    assert "(now)" not in check.trajectory.value
    assert "2026-02-02 (latest saved)" in check.trajectory.value
    check.guard(check.save_assessment)()
    assert len(check.history) == 1
    assert "nothing was entered since the last save" in unescape(check.status.value)


def test_a_copy_of_the_last_assessment_counts_only_once_the_navigator_dates_it() -> None:
    check = app()
    check.level.value = "2.1"
    check.form.sliders["relapse"].value = 2
    check.save_assessment()
    check.guard(check.copy_last)()
    assert check.form.sliders["relapse"].value == 2 and check.form.when.value is None
    assert "Date of this assessment: is not set" in unescape(check.status.value)
    check.form.when.value = date(2026, 3, 30)
    assert "2026-03-30 (now)" in check.trajectory.value


def test_with_too_little_history_the_verdict_is_review_and_says_what_is_missing() -> None:
    check = app()
    check.level.value = "2.5"
    assert check.transition is not None and check.transition.verdict == "review_needed"
    assert "Missing:" in text_of(check.readiness.value)


def test_a_clinicians_different_choice_needs_a_reason_and_then_shows_in_the_summary() -> None:
    check = app()
    check.form.sliders["emotional"].value = 3
    check.chosen.value = "2.5"
    assert "so a written reason is required" in unescape(check.status.value)
    assert "Clinician's chosen level: not recorded yet." in text_of(check.summary.value)
    check.reason.value = "Panic attacks at night; needs daily structure."
    summary = text_of(check.summary.value)
    assert (
        "differs from the recommendation; reason: Panic attacks at night; needs daily structure."
        in summary
    )
    assert "Rule set: Illustrative substance-use placement rules, version 1.0 (2026-11)" in summary


def test_a_date_not_after_the_last_saved_assessment_is_refused() -> None:
    check = app()
    check.save_assessment()
    check.form.sliders["relapse"].value = 1  # the next assessment, still dated today
    check.guard(check.save_assessment)()
    assert len(check.history) == 1
    assert "2026-03-02 is not after the last saved assessment (2026-03-02)" in unescape(
        check.status.value
    )


def test_attended_more_than_scheduled_is_refused_with_a_message() -> None:
    check = app()
    before = check.readiness.value
    check.form.scheduled.value, check.form.attended.value = "4", "6"
    assert "Sessions attended: 6 is more than the 4 scheduled" in unescape(check.status.value)
    assert check.readiness.value == before
