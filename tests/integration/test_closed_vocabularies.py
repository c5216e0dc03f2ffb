"""A level code the data does not define is refused everywhere, never silently ignored.

Before: "2.2" matched the pattern of a level code, so the copay plan's 30-day limit for
IOP (2.1) did not apply and the client's cost fell from $4,940 to $2,600 without a word.
"""

from __future__ import annotations

from datetime import date
from html import unescape
from pathlib import Path

import pytest
from pydantic import ValidationError

from carenav import catalog
from carenav.cli import main
from carenav.errors import DataError, explain_all
from carenav.models.client import ClientNeeds
from carenav.models.coverage import EstimateInputs
from carenav.models.known import KnownCodes
from carenav.ui.cost_estimator import CostEstimatorApp

KNOWN = "expected one of 0.5, 1, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7, 4"
COPAY = [
    "estimate",
    "--plan",
    "example-copay-2026",
    "--rate",
    "450",
    "--days-per-week",
    "3",
    "--start",
    "2026-03-02",
    "--weeks",
    "12",
]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_an_estimate_at_a_level_the_continuum_lacks_is_refused_with_the_nearest_level(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run([*COPAY, "--level", "2.2"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"carenav: level: '2.2' is not a level of care in this data (did you mean 2.1?); {KNOWN}\n"
    )
    code, out, _ = _run([*COPAY, "--level", "2.1"], capsys)
    assert code == 0 and "4,940.00" in out


@pytest.mark.parametrize("levels", ["9.9", "2.1,3"])
def test_find_refuses_an_unknown_level_instead_of_finding_nothing(
    levels: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["find", "--needs", "substance-use", "--levels", levels], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("carenav: --levels: '") and KNOWN in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            '{level: "2.1", units_per_plan_year: 30, unit: day}',
            '{level: "2.2", units_per_plan_year: 30, unit: day}',
            "limits[0].level",
        ),
        ("prior_authorization: []", 'prior_authorization: ["9.9"]', "prior_authorization[0]"),
    ],
)
def test_a_payer_file_naming_an_unknown_level_fails_validation(
    data_copy: Path, old: str, new: str, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_copy / "payers" / "example-copay-2026.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy, sections={"payers"})
    [problem] = caught.value.problems
    assert (problem.file, problem.record, problem.field) == (
        "payers/example-copay-2026.yaml",
        "example-copay-2026",
        field,
    )
    assert "is not a level of care in this data" in problem.message
    code, _, err = _run(["validate", str(data_copy)], capsys)
    assert code == 1 and field in err


def test_the_cost_estimator_refuses_an_unknown_level_beside_the_field_and_keeps_the_answer() -> (
    None
):
    app = CostEstimatorApp(
        catalog.load(sections=("reference", "payers", "programs")), start=date(2026, 3, 2)
    )
    app.inputs.plan_choice.value = "example-copay-2026"
    before = app.summary.value
    assert "You would pay $4,940" in unescape(before)
    level = app.inputs.schedule_form.inputs["level"]
    level.control.value = "2.2"
    assert "'2.2' is not a level of care in this data (did you mean 2.1?)" in unescape(
        level.error_text
    )
    assert app.summary.value == before


def test_the_check_lives_in_the_models_and_reads_the_codes_it_is_given() -> None:
    known = KnownCodes(levels=("1", "2.1", "2.5")).context()
    with pytest.raises(ValidationError) as caught:
        ClientNeeds.model_validate({"needs": ["substance-use"], "levels": ["3.5"]}, context=known)
    [error] = explain_all(caught.value)
    assert error.message == "'3.5' is not a level of care in this data"
    assert error.expected == "one of 1, 2.1, 2.5"
    ok = EstimateInputs.model_validate(
        {"start": "2026-03-02", "weeks": 4, "level": "2.5"}, context=known
    )
    assert ok.level == "2.5"


def test_a_state_code_that_is_no_state_is_refused_by_find(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(["find", "--needs", "substance-use", "--medicaid-state", "ZZ"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "carenav: --medicaid-state: 'ZZ' is not a US state code; "
        "expected a two-letter USPS code such as NY\n"
    )


@pytest.mark.parametrize("typed", ["0", "9.9", "2.2"])
def test_a_clinician_decision_for_a_level_the_data_lacks_is_refused(typed: str) -> None:
    # Found by the fuzz suite: the decision took any text, so "0" was recorded as a level.
    from carenav.models.assessment import ClinicianDecision

    known = KnownCodes(levels=("1", "2.1", "2.5")).context()
    with pytest.raises(ValidationError) as caught:
        ClinicianDecision.model_validate({"chosen_level": typed}, context=known)
    [error] = explain_all(caught.value)
    assert error.message.startswith(f"'{typed}' is not a level of care in this data")
    assert ClinicianDecision.model_validate({"chosen_level": "2.5"}, context=known)


def test_a_plan_id_the_data_lacks_is_refused_by_the_finders_model() -> None:
    # Found by the fuzz suite: ClientNeeds took any plan id, so a typo filtered by a plan
    # no program lists.
    known = KnownCodes(levels=("2.1",), plans=("example-ppo-2026",)).context()
    with pytest.raises(ValidationError) as caught:
        ClientNeeds.model_validate(
            {"needs": ["substance-use"], "plan": "example-ppo"}, context=known
        )
    [error] = explain_all(caught.value)
    assert error.message.startswith("'example-ppo' is not a coverage plan in this data")
    ok = ClientNeeds.model_validate(
        {"needs": ["substance-use"], "plan": "example-ppo-2026"}, context=known
    )
    assert ok.plan == "example-ppo-2026"
