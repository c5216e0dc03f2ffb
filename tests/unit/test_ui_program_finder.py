"""The program finder app without a browser: set widget values, read the results."""

from __future__ import annotations

from datetime import date
from html import unescape

import ipywidgets as widgets
import pytest

from carenav import catalog
from carenav.ui.base import READY_CLASS
from carenav.ui.program_finder import SECTIONS, ProgramFinderApp
from tests.unit.panel_support import open_every_section

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def loaded() -> catalog.Catalog:
    return catalog.load(sections=SECTIONS)


@pytest.fixture
def app(loaded: catalog.Catalog) -> ProgramFinderApp:
    finder = ProgramFinderApp(loaded, today=TODAY)
    finder.inputs.needs.value = ("substance-use",)
    return finder


def _count(app: ProgramFinderApp) -> int:
    return len(app.matches.results) if app.matches is not None else -1


def test_the_app_opens_ready_with_results_and_an_announced_count(app: ProgramFinderApp) -> None:
    assert READY_CLASS in app.widget._dom_classes
    assert 'aria-live="polite"' in app.count.value
    assert "programs fit (of 64 in the directory)" in app.count.value
    assert '<th scope="col">Why it fits</th>' in app.results.value


def test_choosing_a_zip_and_distance_narrows_the_results_and_says_how_far(
    app: ProgramFinderApp,
) -> None:
    before = _count(app)
    app.inputs.zip.value = "97205"
    app.inputs.max_miles.value = 25
    assert 0 < _count(app) < before
    assert "Portland, OR" in app.inputs.zip_message.value
    assert " mi</td>" in app.results.value


def test_an_unknown_zip_shows_a_message_beside_the_field_and_changes_nothing(
    app: ProgramFinderApp,
) -> None:
    app.inputs.zip.value = "97205"
    app.inputs.max_miles.value = 25
    results, count = app.results.value, app.count.value
    app.inputs.zip.value = "00000"
    assert "'00000' is not a US ZIP code carenav knows" in unescape(app.inputs.zip_message.value)
    assert app.results.value == results and app.count.value == count
    app.inputs.levels.value = ("2.1",)  # other changes wait until the ZIP is fixed
    assert app.results.value == results


def test_a_plan_shows_estimated_costs_and_offers_ranking_by_cost(app: ProgramFinderApp) -> None:
    app.inputs.plan.value = "example-ppo-2026"
    assert "Estimated cost" in app.results.value
    assert ("lowest estimated cost first", "cost") in app.sort_by.options
    app.sort_by.value = "cost"
    assert app.matches is not None
    known = app.matches.results["estimated_cost_cents"].dropna().tolist()
    assert known == sorted(known)


def test_a_must_have_narrows_and_a_nice_to_have_only_reorders(app: ProgramFinderApp) -> None:
    before = _count(app)
    family, _ = app.inputs.prefs["family_program"]
    family.value = "nice"
    assert _count(app) == before
    assert "(nice to have)" in app.results.value
    family.value = "must"
    assert _count(app) < before


def test_near_misses_name_what_they_miss(app: ProgramFinderApp) -> None:
    app.inputs.levels.value = ("2.1",)
    assert "Misses only because" in app.near.value
    assert "does not offer 2.1 Intensive outpatient" in unescape(app.near.value)


def test_a_shortlist_is_compared_side_by_side_and_capped_at_four(app: ProgramFinderApp) -> None:
    ids = [value for _, value in app.shortlist.options]
    app.shortlist.value = tuple(ids[:2])
    assert "Compare the shortlist" in app.comparison.value
    assert "Record verified" in app.comparison.value
    app.shortlist.value = tuple(ids[:5])
    assert "Choose at most 4 programs" in app.comparison.value


def test_every_filter_option_has_a_plain_description(app: ProgramFinderApp) -> None:
    for control in (
        app.inputs.needs,
        app.inputs.conditions,
        app.inputs.other_payment,
        app.inputs.formats,
        app.inputs.times,
    ):
        assert all(" — " in text for text, _ in control.options)


def test_nothing_is_ranked_until_a_need_is_given(loaded: catalog.Catalog) -> None:
    finder = ProgramFinderApp(loaded, today=TODAY)
    assert finder.matches is None and finder.results.value == "" and finder.near.value == ""
    assert "Choose what the client needs treatment for" in finder.count.value
    finder.inputs.needs.value = ("mental-health",)
    assert finder.matches is not None and len(finder.matches.results) > 0
    finder.inputs.needs.value = ()  # taking the need away takes the ranking away
    assert finder.matches is None and finder.shortlist.options == ()


def _widgets(widget: widgets.Widget) -> list[widgets.Widget]:
    return [widget, *(w for c in getattr(widget, "children", ()) for w in _widgets(c))]


def test_every_multi_select_says_how_to_choose_several(app: ProgramFinderApp) -> None:
    open_every_section(app.inputs.sections)
    boxes = [w for w in _widgets(app.widget) if "carenav-field" in w._dom_classes]
    multi = [b for b in boxes if isinstance(b.children[0], widgets.SelectMultiple)]
    assert len(multi) >= 12  # 8 needs filters, 4 preferences, the shortlist
    assert all("hold Ctrl (⌘ on a Mac) and click" in b.children[1].value for b in multi)
    every = [w for w in _widgets(app.widget) if isinstance(w, widgets.SelectMultiple)]
    assert len(every) == len(multi)  # no multi-select without the hint


def test_a_value_the_browser_made_up_is_refused_with_a_plain_message(app: ProgramFinderApp) -> None:
    guarded = app.guard(app.refresh)
    app.inputs.plan.value = "example-ppo-2026"
    app.inputs.plan.options = [*app.inputs.plan.options, ("acme", "acme-gold-2026")]
    app.inputs.plan.value = "acme-gold-2026"
    guarded()
    assert "There is no coverage plan with the id 'acme-gold-2026'" in unescape(app.status.value)


def test_preferences_and_weights_are_built_when_their_section_opens(app: ProgramFinderApp) -> None:
    assert app.inputs._prefs is None and app.inputs._weights is None
    app.inputs.sections.selected_index = 4
    assert app.inputs._weights is not None
    before = app.matches
    app.inputs.weights["distance"].value = 0
    assert app.matches is not before  # a weight change re-ranks at once
    app.inputs.sections.selected_index = 3
    family, _ = app.inputs.prefs["family_program"]
    family.value = "must"
    assert app.matches is not None
    shown = app.matches.results["reasons"].dropna()
    assert len(shown) and all(any("family program" in r for r in reasons) for reasons in shown)


def test_a_zip_typed_in_full_width_digits_is_read_as_the_zip_and_the_page_keeps_working(
    app: ProgramFinderApp,
) -> None:
    app.inputs.zip.value = "97205"
    ascii_results = app.results.value
    app.inputs.zip.value = ""
    app.inputs.zip.value = "\uff19\uff17\uff12\uff10\uff15"  # what an East Asian keyboard types
    assert "Portland, OR" in app.inputs.zip_message.value
    assert app.results.value == ascii_results
    app.inputs.zip.value = "\uff19\uff17\uff12x\uff15"
    assert "is not a ZIP code" in unescape(app.inputs.zip_message.value)
    app.inputs.zip.value = "97205"
    assert app.results.value == ascii_results


def test_a_language_reads_as_its_name_in_the_list_and_in_the_reasons(app: ProgramFinderApp) -> None:
    from carenav.models.vocabulary import language_name
    from carenav.present.handout_words import LANGUAGE_NAMES

    importance, options = app.inputs.prefs["languages"]
    assert options is not None
    shown = dict(options.options)
    assert {"American Sign Language": "asl", "Spanish": "spanish"}.items() <= shown.items()
    assert not any(label.islower() or label == "Asl" for label in shown)

    options.value = ("asl",)
    importance.value = "nice"
    assert "American Sign Language" in unescape(app.results.value)
    # The handout's names (translated) say the same in English as the finder's.
    assert {code: language_name(code) for code in LANGUAGE_NAMES} == LANGUAGE_NAMES


def test_a_list_whose_choice_is_not_set_shows_its_words_not_an_empty_box(
    app: ProgramFinderApp,
) -> None:
    # ipywidgets draws a value of None as no choice at all, though one option means it.
    for control, words in (
        (app.inputs.plan, "(none)"),
        (app.inputs.medicaid_state, "(none)"),
        (app.inputs.max_miles, "Any distance"),
    ):
        assert (control.index, control.label, control.value) == (0, words, None)
    miles = app.inputs.max_miles
    miles.value = 10
    miles.value = None  # as opening a case file without a distance does
    assert (miles.index, miles.label) == (0, "Any distance")
