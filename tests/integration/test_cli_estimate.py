"""`carenav estimate`: readable by default, JSON on request, one line and exit 2 for bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carenav.cli import main
from tests.integration.cost_cases import README_CASE, cli_options

# The README's hand check, from data/scenarios/cost_cases.yaml.
README_CHECK = ["estimate", *cli_options(README_CASE)]
_RATE = ["--plan", "example-ppo-2026", "--rate", "450", "--days-per-week", "3"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_readme_check_prints_a_weekly_table_and_4440_dollars(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(README_CHECK, capsys)
    assert code == 0 and err == ""
    assert "You would pay $4,440 over 12 weeks (36 days), Example PPO 2026, in network." in out
    assert "Week 2: The $1,500 deductible is met on Mon 09 Mar 2026" in out
    assert "Before day 1: The plan needs prior authorization" in out
    assert "call or text 988" in out.lower()


def test_json_holds_rows_totals_events_assumptions_and_data_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run([*README_CHECK, "--json"], capsys)
    assert code == 0
    ledger = json.loads(out)
    assert ledger["totals"]["client_pays"] == "4440.00"
    assert ledger["totals"]["plan_pays"] == "11760.00"
    assert len(ledger["rows"]) == 12
    assert ledger["rows"][1]["cumulative_client_pays"] == "1740.00"
    assert [e["kind"] for e in ledger["events"]] == ["prior_authorization", "deductible_met"]
    assert ledger["data_version"]["plan_id"] == "example-ppo-2026"
    assert ledger["assumptions"]


def test_every_json_field_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "estimate-json.md").read_text(
        encoding="utf-8"
    )
    fields = {
        "plan_name",
        "program",
        "level",
        "network",
        "start",
        "weeks",
        "unit",
        "rows",
        "totals",
        "events",
        "assumptions",
        "payment_plan",
        "payment_schedule",
        "share",
        "owed",
        "interest_rate",
        "payments",
        "due",
        "explanation",
        "data_version",
        "cumulative_client_pays",
        "balance_bill",
        "not_covered",
        "kind",
        "parameters",
        "monthly",
        "last_month",
        "rules_applied",
        "source",
    }
    missing = [name for name in sorted(fields) if f"`{name}`" not in doc]
    assert missing == []


def test_a_program_from_the_directory_is_estimated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        [
            "estimate",
            "--plan",
            "example-copay-2026",
            "--program",
            "puffin-point-iop",
            "--start",
            "2026-03-02",
            "--weeks",
            "4",
        ],
        capsys,
    )
    assert code == 0
    assert "You would pay $" in out


def test_a_plan_file_can_be_given_by_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).resolve().parents[2] / "data" / "payers" / "example-ppo-2026.yaml"
    copy = tmp_path / "my-plan.yaml"
    copy.write_text(
        source.read_text(encoding="utf-8").replace("deductible: 1500", "deductible: 1000"),
        encoding="utf-8",
    )
    code, out, _ = _run(["estimate", "--plan", str(copy), *README_CHECK[3:]], capsys)
    assert code == 0
    assert "You would pay $4,040 " in out


def test_a_scholarship_and_a_payment_plan_print_what_the_client_pays_and_when(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The README case ($4,440): a $1,000 grant leaves $3,440; 12 months at 12% a year.
    argv = [*README_CHECK, "--scholarship-amount", "1000", "--payment-plan-months", "12"]
    code, out, _ = _run([*argv, "--interest-rate", "0.12"], capsys)
    assert code == 0
    assert "What you pay and when:" in out
    assert "A scholarship or grant pays a fixed $1,000: $1,000. You owe $3,440." in out
    assert "A payment plan of 12 monthly payments at 12% a year ($227.68 of interest)" in out
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "of $305.64" in readme and "$227.68 of interest in all" in readme  # its hand check
    code, out, _ = _run([*argv, "--interest-rate", "0.12", "--json"], capsys)
    schedule = json.loads(out)["payment_schedule"]
    assert (schedule["help"], schedule["owed"], schedule["months"]) == ("1000.00", "3440.00", 12)
    payments = schedule["payments"]
    assert payments[0]["due"] == "2026-04-02" and payments[0]["interest"] == "34.40"
    principal = sum(float(p["amount"]) - float(p["interest"]) for p in payments)
    assert round(principal, 2) == 3440.00


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--plan", "nope", "--rate", "450", "--days-per-week", "3"],
            "carenav: There is no plan with the id 'nope'.",
        ),
        (
            ["--plan", "example-ppo-2026", "--rate", "lots", "--days-per-week", "3"],
            "argument --rate: 'lots' is not an amount such as 450 or 12.50",
        ),
        (
            ["--plan", "example-ppo-2026", "--rate", "-5", "--days-per-week", "3"],
            "argument --rate: '-5' is not an amount of 0 or more",
        ),
        (
            ["--plan", "example-ppo-2026", "--rate", "450"],
            "carenav: days per week: give --days-per-week N or --weekdays Mon,Wed,Fri with --rate",
        ),
        (
            ["--plan", "example-ppo-2026", "--rate", "450", "--days-per-week", "9"],
            "carenav: days per week: 9 is not possible; expected 1 to 7",
        ),
        (
            ["--plan", "example-ppo-2026", "--rate", "450", "--weekdays", "Mon,Funday"],
            "carenav: weekdays: 'Fun' is not a weekday; expected days like Mon,Wed,Fri",
        ),
        (
            [
                "--plan",
                "example-ppo-2026",
                "--rate",
                "450",
                "--days-per-week",
                "3",
                "--deductible-met",
                "2000",
            ],
            "carenav: deductible met: $2,000 is more than the plan's deductible of $1,500; expected an amount from 0 to 1500",
        ),
        (
            [
                "--plan",
                "example-ppo-2026",
                "--rate",
                "450",
                "--days-per-week",
                "3",
                "--household",
                "3",
            ],
            "carenav: household: give --household and --income together",
        ),
        (
            [
                "--plan",
                "example-ppo-2026",
                "--rate",
                "450",
                "--days-per-week",
                "3",
                "--network",
                "sideways",
            ],
            "argument --network: invalid choice: 'sideways'",
        ),
        (
            [
                "--plan",
                "medicare-part-b-2026",
                "--rate",
                "450",
                "--days-per-week",
                "3",
                "--dual",
                "qmbb",
            ],
            "argument --dual: invalid choice: 'qmbb'",
        ),
        (
            [
                "--plan",
                "medicare-part-b-2026",
                "--rate",
                "450",
                "--days-per-week",
                "3",
                "--setting",
                "hospital",
            ],
            "argument --setting: invalid choice: 'hospital'",
        ),
        (
            [
                "--plan",
                "medicare-part-b-2026",
                "--rate",
                "450",
                "--days-per-week",
                "3",
                "--dual",
                "full",
                "--medicaid-state",
                "N1",
            ],
            "carenav: medicaid state: 'N1' is not a state code; expected two letters such as NY",
        ),
        (
            ["--plan", "example-ppo-2026", "--program", "x", "--rate", "450"],
            "argument --rate: not allowed with argument --program",
        ),
        (
            [*_RATE, "--scholarship-share", "1.5"],
            "carenav: scholarship share: is above 1; expected 1 or less",
        ),
        (
            [*_RATE, "--payment-plan-months", "61"],
            "carenav: payment plan months: is above 60; expected 60 or less",
        ),
        (
            [*_RATE, "--scholarship-amount", "lots"],
            "argument --scholarship-amount: 'lots' is not an amount such as 450 or 12.50",
        ),
        (
            [*_RATE, "--interest-rate", "0.08"],
            "carenav: interest rate: an interest rate needs a payment plan; expected "
            "--payment-plan-months N",
        ),
        (
            ["--plan", "example-ppo-2026", "--program", "no-such-program"],
            "carenav: There is no program with the id 'no-such-program'.",
        ),
    ],
)
def test_bad_options_get_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["estimate", "--start", "2026-03-02", "--weeks", "12"]
    code, out, err = _run([*base, *argv], capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err
    assert "Traceback" not in err


def test_a_bad_date_and_a_bad_week_count_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, message in (
        (["--start", "March 2", "--weeks", "12"], "'March 2' is not a date as YYYY-MM-DD"),
        (
            ["--start", "2026-03-02", "--weeks", "500"],
            "weeks: is above 104; expected 104 or less",
        ),
    ):
        code, _, err = _run(
            [
                "estimate",
                "--plan",
                "example-ppo-2026",
                "--rate",
                "450",
                "--days-per-week",
                "3",
                *argv,
            ],
            capsys,
        )
        assert code == 2 and len(err.strip().splitlines()) == 1 and message in err, err


def test_a_qmb_estimate_says_why_and_what_to_do_if_billed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [*README_CHECK[:2], "medicare-part-b-2026", *README_CHECK[3:], "--dual", "qmb"]
    code, out, err = _run(argv, capsys)
    assert (code, err) == (0, "")
    assert "You would pay $0 over 12 weeks" in out
    assert "Qualified Medicare Beneficiary (QMB) you owe none of Medicare's deductible" in out
    assert "SE1128" in out
    assert "call 1-800-MEDICARE" in out
