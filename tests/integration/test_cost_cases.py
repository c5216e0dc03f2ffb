"""The worked cost cases in data/scenarios/: the CLI gives each one's answer, the README shows them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from carenav import catalog
from carenav.cli import main
from carenav.errors import DataError
from carenav.models.base import dollars
from carenav.models.scenario import CostCase
from tests.integration.cost_cases import CASES, cli_options

README = Path(__file__).resolve().parents[2] / "README.md"


def _ledger(case: CostCase, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code = main(["estimate", *cli_options(case), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    ledger: dict[str, object] = json.loads(out)
    return ledger


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_cli_gives_each_worked_case_its_hand_checked_answer(
    case: CostCase, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = _ledger(case, capsys)
    totals, rows = ledger["totals"], ledger["rows"]
    assert isinstance(totals, dict) and isinstance(rows, list)
    answer = case.expected
    assert Decimal(totals["client_pays"]) == answer.client_pays
    if answer.plan_pays is not None:
        assert Decimal(totals["plan_pays"]) == answer.plan_pays
    for week, pays in answer.client_pays_by_week.items():
        assert Decimal(rows[week - 1]["client_pays"]) == pays
    if answer.events:
        events = ledger["events"]
        assert isinstance(events, list)
        assert [event["kind"] for event in events] == answer.events


def test_the_cli_prints_the_case_total_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES[0]
    assert main(["estimate", *cli_options(case)]) == 0
    out = capsys.readouterr().out
    assert f"You would pay {dollars(case.expected.client_pays)} over" in out


def _shown(case: CostCase, base: CostCase) -> str:
    """How the README names a sibling: the options that differ from the first case's."""
    options, first = cli_options(case), cli_options(base)
    pairs = list(zip(options[::2], options[1::2], strict=True))
    differ = [
        f"{flag} {value}"
        for flag, value in pairs
        if (flag, value) not in set(zip(first[::2], first[1::2], strict=True))
    ]
    return "`" + " ".join(differ) + "`"


def test_the_readme_hand_check_shows_the_figures_of_the_scenario_file() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    shown = [case for case in CASES if case.in_readme]
    base = shown[0]
    assert f"`carenav estimate {' '.join(cli_options(base))}`" in text
    answer = base.expected
    assert f"**${answer.client_pays:,.2f}**" in text
    assert answer.plan_pays is not None and f"**${answer.plan_pays:,.2f}**" in text
    for pays in answer.client_pays_by_week.values():
        assert f"**{dollars(pays)}**" in text
    for case in shown[1:]:
        assert f"{_shown(case, base)} ${case.expected.client_pays:,.2f}" in text, case.id


def test_a_case_naming_an_unknown_plan_is_refused_with_file_record_and_field(
    data_copy: Path,
) -> None:
    path = data_copy / "scenarios" / "cost_cases.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("plan: example-copay-2026", "plan: example-nope", 1), "utf-8")
    with pytest.raises(DataError) as raised:
        catalog.load(data_copy, sections=("scenarios",))
    (problem,) = raised.value.problems
    assert (problem.file, problem.record, problem.field) == (
        "scenarios/cost_cases.yaml",
        "copay-plan",
        "plan",
    )
    assert "example-nope" in problem.message and "example-ppo-2026" in (problem.expected or "")
