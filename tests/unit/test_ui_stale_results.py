"""While a field is wrong, the results built from it say they are out of date, and the status names the field.

The marking lives once in the app shell (carenav.ui.base); these tests drive three apps
without a browser: make a field wrong, see the mark and the field's label; fix it, see the
mark go and the results follow the fixed value.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import ipywidgets as widgets
import pytest

from carenav import catalog
from carenav.ui.base import STALE_CLASS, AppShell
from carenav.ui.cost_estimator import CostEstimatorApp
from carenav.ui.forms import field_box, note_html
from carenav.ui.program_finder import SECTIONS, ProgramFinderApp
from carenav.ui.readiness_check import ReadinessCheckApp


def _text(markup: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def _note(box: widgets.Box) -> str:
    return _text(box.children[0].value)


@pytest.fixture(scope="module")
def cost_catalog() -> catalog.Catalog:
    return catalog.load(sections=("reference", "payers", "programs"))


def test_a_wrong_rate_marks_the_estimate_out_of_date_until_it_is_fixed(
    cost_catalog: catalog.Catalog,
) -> None:
    app = CostEstimatorApp(cost_catalog, start=date(2026, 3, 2))
    results = app.results_box
    assert STALE_CLASS not in results._dom_classes and _note(results) == ""
    rate = app.inputs.rate_form.inputs["rate"].control
    before = app.summary.value
    rate.value = "-5"
    assert STALE_CLASS in results._dom_classes
    assert app.summary.value == before  # the old answer stays, marked
    assert _note(results) == (
        "Out of date — fix “Plan's rate per day or session” to update these results."
    )
    status = _text(app.status.value)
    assert status.startswith("Plan's rate per day or session: ")
    assert status.endswith(
        "Fix “Plan's rate per day or session” to update the results; until then they are out of date."
    )
    assert 'role="alert"' in app.status.value

    rate.value = "100"
    assert STALE_CLASS not in results._dom_classes and _note(results) == ""
    assert app.summary.value != before  # the estimate follows the fixed rate
    assert _text(app.status.value).startswith("Estimated:")


def test_two_wrong_fields_are_both_named_and_fixing_one_keeps_the_mark(
    cost_catalog: catalog.Catalog,
) -> None:
    app = CostEstimatorApp(cost_catalog, start=date(2026, 3, 2))
    app.inputs.more.widget.selected_index = 0  # "Used so far this plan year", as clicked
    rate = app.inputs.rate_form.inputs["rate"].control
    deductible = app.inputs.accumulators_form.inputs["deductible_met"].control
    label = app.inputs.accumulators_form.inputs["deductible_met"].label_text
    rate.value = "-5"
    deductible.value = "lots"
    assert f"“Plan's rate per day or session” and “{label}”" in _note(app.results_box)
    rate.value = "100"
    assert STALE_CLASS in app.results_box._dom_classes
    assert _note(app.results_box) == f"Out of date — fix “{label}” to update these results."
    deductible.value = "0"
    assert STALE_CLASS not in app.results_box._dom_classes


def test_an_unknown_zip_marks_the_ranked_programs_out_of_date() -> None:
    finder = ProgramFinderApp(catalog.load(sections=SECTIONS), today=date(2026, 11, 27))
    finder.inputs.needs.value = ("substance-use",)
    finder.inputs.zip.value = "00000"
    stale = finder.dependent_results
    assert stale and all(STALE_CLASS in box._dom_classes for box in stale)
    assert "fix “Client's ZIP code”" in _note(stale[0])
    assert "Fix “Client's ZIP code” to update the results" in _text(finder.status.value)

    finder.inputs.zip.value = "97205"
    assert all(STALE_CLASS not in box._dom_classes for box in stale)
    assert " mi" in unescape(finder.results.value)


def test_a_refused_count_in_the_readiness_form_marks_the_recommendation_out_of_date() -> None:
    check = ReadinessCheckApp(catalog.load(sections=("rules",)), today=date(2026, 3, 2))
    results = check._results
    check.form.scheduled.value = "3"
    check.form.attended.value = "5"  # more attended than scheduled: refused, nothing changes
    assert STALE_CLASS in results._dom_classes
    assert _note(results) == "Out of date — fix “Sessions attended” to update these results."
    assert _text(check.status.value) == (
        "Sessions attended: 5 is more than the 3 scheduled. Fix “Sessions attended” to update "
        "the results; until then they are out of date."
    )
    check.form.attended.value = "2"
    assert STALE_CLASS not in results._dom_classes
    assert _text(check.status.value).startswith("Recommended level now")


def test_a_shell_reads_the_error_any_field_box_shows_by_its_label() -> None:
    shell = AppShell("Test", "intro")
    entry = widgets.Text(description="Weeks")
    note = widgets.HTML(note_html("How many weeks"))
    results = widgets.VBox([widgets.HTML("42")])
    shell.depends_on_inputs(results)
    shell.mount(field_box(entry, note), results)
    assert shell.invalid_fields() == {}
    note.value = note_html("How many weeks", "Must be 1 or more")
    shell.guard(lambda: None)()
    assert shell.invalid_fields() == {"Weeks": "Must be 1 or more"}
    assert STALE_CLASS in results._dom_classes
    note.value = note_html("How many weeks")
    shell.guard(lambda: None)()
    assert STALE_CLASS not in results._dom_classes


def test_a_group_of_day_boxes_is_named_by_its_own_label_not_by_a_day(
    cost_catalog: catalog.Catalog,
) -> None:
    app = CostEstimatorApp(cost_catalog, start=date(2026, 3, 2))
    days = app.inputs.rate_form.inputs["meeting_days"]
    app.inputs.rate_form.tick()  # no day ticked
    assert app.invalid_fields() == {days.label_text: "Tick at least one day the program meets."}
    assert f"fix “{days.label_text}”" in _note(app.results_box)
    # One full stop, not the model's and the form's both.
    assert not days.error_text.endswith("..")
