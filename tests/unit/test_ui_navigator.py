"""The navigator app without a browser: each step writes the one case, and what depends on it follows."""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from carenav import catalog
from carenav.casework import case_facts
from carenav.catalog import Catalog
from carenav.io.case_file import case_json, read_case
from carenav.present.handout import handout_fragment
from carenav.ui.navigator import CLIENT, COSTS, HANDOUT, LEVEL, PROGRAMS, NavigatorApp
from carenav.ui.sharing import is_shown

TODAY = date(2026, 2, 20)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-case.json"
JOURNEY = ["quartz-quarry-op", "glowworm-glen-op", "cinnamon-hill-iop"]


@pytest.fixture(scope="module")
def data() -> Catalog:
    return catalog.load(sections=("reference", "payers", "programs", "rules", "ranking"))


def _client(app: NavigatorApp) -> None:
    step = app.step(CLIENT)
    step.panel.needs.value = ("substance-use", "mental-health")
    step.panel.conditions.value = ("alcohol-use", "depression-and-mood")
    step.panel.zip.value = "97201"
    step.panel.times.value = ("evening",)
    step.plan.value = "example-ppo-2026"


def _journey(data: Catalog) -> NavigatorApp:
    app = NavigatorApp(data, today=TODAY)
    _client(app)
    app.tabs.selected_index = LEVEL
    app.steps[LEVEL].form.sliders["emotional"].value = 1
    app.tabs.selected_index = PROGRAMS
    for program_id in JOURNEY:
        app.steps[PROGRAMS].boxes[program_id].value = True
    return app


def _upload(app: NavigatorApp, content: bytes, name: str = "client.json") -> None:
    app.step(HANDOUT).upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2026, 2, 20),
        },
    )


def test_only_the_first_step_is_built_when_the_page_opens(data: Catalog) -> None:
    app = NavigatorApp(data, today=TODAY)
    assert set(app.steps) == {CLIENT}
    assert "carenav-ready" in app.widget._dom_classes


def test_each_step_writes_the_one_case(data: Catalog) -> None:
    app = _journey(data)
    case = app.case
    assert case.needs is not None and case.needs.zip == "97201"
    assert case.coverage.plan_id == "example-ppo-2026"
    assert case.level_of_care.suggested_level == "1" and case.level == "1"
    assert case.shortlist == JOURNEY and case.chosen_programs == JOURNEY
    assert len(case.assessments) == 1


def test_choosing_a_level_makes_the_programs_follow(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = LEVEL
    level = app.steps[LEVEL]
    level.chosen.value = "2.1"
    assert app.case.level == "1"  # no reason yet: not recorded
    assert "Write the reason" in level.message.value
    level.reason.value = "Drinking daily despite weekly therapy (fictional)"
    assert app.case.level == "2.1"
    app.tabs.selected_index = PROGRAMS
    programs = app.steps[PROGRAMS]
    assert "at level 2.1" in programs.heading.value
    assert "(no longer matches)" in programs.boxes["quartz-quarry-op"].description


def test_changing_the_plan_estimates_every_shortlisted_program_again(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = COSTS
    costs = app.steps[COSTS]
    before = costs.comparison.value
    assert "$896" in before
    app.tabs.selected_index = CLIENT
    app.steps[CLIENT].plan.value = "example-copay-2026"
    app.tabs.selected_index = COSTS
    assert costs.comparison.value != before
    assert "Example PPO" not in costs.comparison.value


def test_changing_the_weeks_updates_the_costs_on_screen_at_once(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = COSTS
    costs = app.steps[COSTS]
    costs.weeks.value = 12
    assert app.case.weeks == 12
    assert "Client pays over 12 weeks" in costs.comparison.value


def test_the_handout_step_shows_the_presenters_handout_for_the_case(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = HANDOUT
    step = app.steps[HANDOUT]
    facts = case_facts(app.case, data, TODAY)
    expected = handout_fragment(facts, data.payers, "en", with_style=False)
    assert step.handout.value == expected
    # The stylesheet (print: the handout alone, on Letter) is on the page once, beside it.
    assert handout_fragment(facts, data.payers, "en") == step.style.value + expected
    step.language.value = "es"
    assert "Próximos pasos" in step.handout.value


def test_the_name_is_on_the_handout_only_never_in_the_case_file(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = HANDOUT
    step = app.steps[HANDOUT]
    step.name.value = "Ana Example"
    assert "Ana Example" in step.handout.value
    assert step.files.value == ""  # nothing is made before a click
    step.save_case.click()
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", step.files.value)
    assert encoded is not None
    saved = base64.b64decode(encoded.group(1)).decode("utf-8")
    assert "Ana" not in saved
    assert read_case(saved, data) == app.case


def test_the_shortlist_holds_at_most_four(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = CLIENT
    app.steps[CLIENT].panel.times.value = ()
    app.steps[CLIENT].panel.conditions.value = ()
    app.tabs.selected_index = PROGRAMS
    programs = app.steps[PROGRAMS]
    extra = [pid for pid in programs.boxes if pid not in JOURNEY]
    assert len(extra) >= 2
    programs.boxes[extra[0]].value = True
    programs.boxes[extra[1]].value = True
    assert len(app.case.shortlist) == 4
    assert programs.boxes[extra[1]].value is False
    assert "holds up to 4 programs" in app.status.value


def test_a_broken_case_file_gets_one_message_and_changes_nothing(data: Catalog) -> None:
    app = _journey(data)
    before = app.case
    _upload(app, b'{"schema_version": 1, "shortlist": ["nowhere-iop"]}')
    assert app.case == before
    assert (
        "The case file could not be opened: client.json, field shortlist: 'nowhere-iop'"
        in html.unescape(app.status.value)
    )
    assert app.steps[HANDOUT].upload.value == ()


def test_opening_a_case_file_rebuilds_every_step_from_it(data: Catalog) -> None:
    app = NavigatorApp(data, today=TODAY)
    _upload(app, EXAMPLE.read_bytes(), "example-case.json")
    assert app.case == read_case(EXAMPLE.read_bytes(), data)
    assert app.step(CLIENT).panel.zip.value == "97201"
    assert app.step(CLIENT).plan.value == "example-ppo-2026"
    assert app.step(LEVEL).form.sliders["emotional"].value == 1
    app.tabs.selected_index = COSTS
    assert "Teapot Lane Counseling" in app.steps[COSTS].comparison.value
    assert case_json(app.case) == case_json(read_case(EXAMPLE.read_bytes(), data))


def test_the_shortlist_csv_is_made_only_on_a_click_and_names_each_program(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = HANDOUT
    step = app.steps[HANDOUT]
    step.save_csv.click()
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", step.files.value)
    assert encoded is not None
    csv = base64.b64decode(encoded.group(1)).decode("utf-8")
    for program_id in JOURNEY:
        assert data.programs.program(program_id).name in csv.splitlines()[0]


def test_a_callback_failure_is_a_plain_message(
    data: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _journey(data)
    monkeypatch.setattr(app.steps[PROGRAMS], "show", lambda _case: 1 / 0)
    app.step(CLIENT).panel.zip.value = "97205"
    app.tabs.selected_index = PROGRAMS
    assert "Something went wrong and nothing was changed" in app.status.value
    assert "ZeroDivisionError" not in json.dumps(app.status.value)


def _text(value: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


def test_the_level_step_uses_the_readiness_checks_chooser_of_placement_sets(data: Catalog) -> None:
    from carenav.ui.readiness_check import ReadinessCheckApp

    app = _journey(data)
    level = app.steps[LEVEL]
    chooser = level.rule_set_choice
    readiness = ReadinessCheckApp(data, today=TODAY).chooser
    assert "carenav-rule-set-chooser" in chooser._dom_classes
    assert chooser.description == readiness.description == "Rule set"
    placement = [r.id for r in data.rule_sets]
    # The same labels as the readiness check; its coverage checklist suggests no level, so not here.
    assert list(chooser.options) == [o for o in readiness.options if o[1] in placement]
    assert [set_id for _, set_id in chooser.options] == placement


def test_choosing_the_mental_health_set_is_named_in_the_result_summary_case_and_handout(
    data: Catalog,
) -> None:
    app = _journey(data)
    level = app.steps[LEVEL]
    assert app.case.level_of_care.rule_set_id == "illustrative-sud"
    level.rule_set_choice.value = "illustrative-mh"
    assert set(level.form.sliders) == set(data.rule_set("illustrative-mh").dimension_ids())
    level.form.sliders["symptoms"].value = 3
    mental_health = "Illustrative mental-health placement rules, version 1.0 (2026-12)"
    assert f"Rule set: {mental_health}." in _text(level.recommendation.value)
    assert f"Rule set: {mental_health}." in _text(level.summary.value)
    choice = app.case.level_of_care
    assert (choice.rule_set_id, choice.rule_set_version) == ("illustrative-mh", "1.0 (2026-12)")
    assert choice.suggested_level == "2.1"
    app.tabs.selected_index = HANDOUT
    handout = _text(app.steps[HANDOUT].handout.value)
    assert f"Suggested by: {mental_health}, illustrative — a clinician decides." in handout
    saved = json.loads(case_json(app.case))
    assert saved["level_of_care"]["rule_set_version"] == "1.0 (2026-12)"


def test_the_summary_records_the_clinicians_level_and_reason(data: Catalog) -> None:
    app = _journey(data)
    level = app.steps[LEVEL]
    level.chosen.value = "2.1"
    level.reason.value = "Drinking daily despite weekly therapy (fictional)"
    summary = _text(level.summary.value)
    assert "Clinician's chosen level: 2.1" in summary
    assert "reason: Drinking daily despite weekly therapy (fictional)" in summary


def test_household_size_and_income_reach_the_sliding_scale_estimate(data: Catalog) -> None:
    app = _journey(data)
    client = app.steps[CLIENT]
    client.plan.value = "self-pay"
    app.tabs.selected_index = COSTS
    full_price = _text(app.steps[COSTS].comparison.value)
    app.tabs.selected_index = CLIENT
    client.use_household.value = True
    assert app.case.coverage.household is None  # no income typed yet: nothing saved
    assert client.household is not None
    client.household.inputs["annual_income"].control.value = "18000"
    client.household.inputs["size"].control.value = 2
    household = app.case.coverage.household
    assert household is not None and (household.size, str(household.annual_income)) == (2, "18000")
    app.tabs.selected_index = COSTS
    scaled = _text(app.steps[COSTS].comparison.value)
    assert "Quartz Quarry Counseling 1 Outpatient (weekly therapy) $760" in full_price
    assert "Quartz Quarry Counseling 1 Outpatient (weekly therapy) $76 " in scaled
    app.tabs.selected_index = CLIENT
    client.use_household.value = False
    assert app.case.coverage.household is None


def test_a_household_opened_from_a_case_file_survives_a_change_in_the_client_step(
    data: Catalog,
) -> None:
    saved = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    saved["coverage"]["household"] = {"size": 3, "annual_income": "41000", "region": "contiguous"}
    app = NavigatorApp(data, today=TODAY)
    _upload(app, json.dumps(saved).encode(), "with-household.json")
    client = app.step(CLIENT)
    assert client.use_household.value is True
    client.panel.zip.value = "97205"
    household = app.case.coverage.household
    assert household is not None and household.size == 3 and app.case.needs.zip == "97205"


def test_notes_go_into_the_case_file_but_never_onto_the_handout(data: Catalog) -> None:
    app = _journey(data)
    app.tabs.selected_index = CLIENT
    notes = app.steps[CLIENT].notes.inputs["notes"].control
    notes.value = "Prefers calls after 5 pm; sister drives on Tuesdays (fictional)."
    assert app.case.notes.startswith("Prefers calls after 5 pm")
    app.tabs.selected_index = HANDOUT
    step = app.steps[HANDOUT]
    assert "Prefers calls" not in step.handout.value
    step.save_case.click()
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", step.files.value)
    assert encoded is not None
    saved = json.loads(base64.b64decode(encoded.group(1)))
    assert saved["notes"] == "Prefers calls after 5 pm; sister drives on Tuesdays (fictional)."


def test_notes_longer_than_the_case_allows_are_refused_and_the_case_keeps_the_old_ones(
    data: Catalog,
) -> None:
    app = _journey(data)
    app.tabs.selected_index = CLIENT
    notes = app.steps[CLIENT].notes.inputs["notes"].control
    notes.value = "short note"
    notes.value = "x" * 6000
    assert app.case.notes == "short note"
    assert "notes" in _text(app.status.value) and "5000" in _text(app.status.value)


@pytest.mark.parametrize(
    "plan_id",
    ["medicare-part-b-2026", "medicaid-ny-example", "self-pay", "example-family-ppo-2026"],
)
def test_every_kind_of_plan_filters_the_programs_without_an_error(
    data: Catalog, plan_id: str
) -> None:
    app = _journey(data)
    app.tabs.selected_index = CLIENT
    app.steps[CLIENT].plan.value = plan_id
    app.tabs.selected_index = PROGRAMS
    assert "carenav-error" not in app.status.value, _text(app.status.value)
    assert "programs fit" in _text(app.steps[PROGRAMS].heading.value)


def test_a_qmb_client_on_original_medicare_gets_the_protection_on_the_checklist_and_handout(
    data: Catalog,
) -> None:
    app = _journey(data)
    app.tabs.selected_index = CLIENT
    client = app.steps[CLIENT]
    assert not is_shown(client.dual.widget)  # asked only for Original Medicare
    client.plan.value = "medicare-part-b-2026"
    assert is_shown(client.dual.widget)
    status = client.dual.inputs["status"].control
    assert ("Qualified Medicare Beneficiary (QMB)", "qmb") in status.options
    status.value = "qmb"
    assert app.case.coverage.dual.status == "qmb"
    app.tabs.selected_index = HANDOUT
    step = app.steps[HANDOUT]
    assert "QMB: the client owes none of Medicare" in _text(step.checklist.value)
    assert "As a Qualified Medicare Beneficiary (QMB) you owe none" in _text(step.handout.value)
    app.tabs.selected_index = CLIENT
    client.plan.value = "example-ppo-2026"
    assert app.case.coverage.dual.status == "none"  # QMB is a Medicare status only


def test_the_checklist_lists_prior_authorization_only_for_the_level_that_needs_it(
    data: Catalog,
) -> None:
    app = _journey(data)
    app.tabs.selected_index = HANDOUT
    checklist = _text(app.steps[HANDOUT].checklist.value)
    assert "Coverage checklist" in checklist and "Prior authorization" not in checklist
    app.tabs.selected_index = LEVEL
    level = app.steps[LEVEL]
    level.chosen.value = "2.1"
    level.reason.value = "Drinking daily despite weekly therapy (fictional)"
    app.tabs.selected_index = HANDOUT
    checklist = _text(app.steps[HANDOUT].checklist.value)
    assert "Prior authorization: Example PPO 2026 requires it for 2.1" in checklist


@pytest.fixture(scope="module")
def journey(data: Catalog) -> NavigatorApp:
    return _journey(data)


def _broken_files() -> list[tuple[str, bytes]]:
    from tests.integration.test_case_file import BROKEN

    return [(b[0], b[1] if isinstance(b[1], bytes) else b[1].encode()) for b in BROKEN]


@pytest.mark.parametrize(
    ("broken", "content"), _broken_files(), ids=[b[0] for b in _broken_files()]
)
def test_each_broken_case_file_opened_in_the_app_gets_one_message_and_changes_nothing(
    journey: NavigatorApp, broken: str, content: bytes
) -> None:
    journey.step(HANDOUT)  # where the file is opened
    before = journey.case
    shown = {i: journey.steps[i].widget for i in journey.steps}
    _upload(journey, content, "client.json")
    assert journey.case == before, broken
    assert {i: journey.steps[i].widget for i in journey.steps} == shown  # no step rebuilt
    status = _text(journey.status.value)
    assert status.startswith("The case file could not be opened: client.json"), status
    assert "Traceback" not in status and status.count("could not be opened") == 1
    assert journey.steps[HANDOUT].upload.value == ()
