"""`carenav find` on the sample directory: ranked programs with reasons; bad input is one line and exit 2."""

from __future__ import annotations

import json
import re

import pytest

from carenav.cli import main


def test_find_lists_ranked_programs_with_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "find",
            "--levels",
            "1,2.1",
            "--zip",
            "97205",
            "--miles",
            "25",
            "--today",
            "2026-11-27",
            "--limit",
            "2",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert re.match(r"\d+ programs fit \(of 64 in the directory\)", out)
    assert re.search(r"^1\. .+ \(Portland, OR\) — score \d+$", out, re.M)
    # The next steps in the app's words (carenav.present.matches).
    assert re.search(r"^   > Call intake: \d{3}-555-01\d\d \((typical wait|wait not)", out, re.M)
    assert re.search(r"^   > Bring: ", out, re.M)
    assert re.search(r"^   - \d+ miles? away$", out, re.M)
    assert re.search(r"^   - record verified \d+ days ago", out, re.M)


def test_find_as_json_gives_results_and_near_misses(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "find",
                "--levels",
                "2.1",
                "--plan",
                "example-ppo-2026",
                "--today",
                "2026-11-27",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["results"] and all(r["reasons"] for r in data["results"])
    assert all(m["because"] for m in data["near_misses"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--zip", "99999"], "carenav: ZIP code: '99999' is not a US ZIP code carenav knows"),
        (
            ["--plan", "acme-gold"],
            "carenav: --plan: 'acme-gold' is not a coverage plan in this data; expected one of ",
        ),
        (["--miles", "5"], "carenav: options: a travel distance needs the client's ZIP code"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["find", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_reasons_name_the_clients_plan_as_the_client_knows_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["find", "--needs", "substance-use", "--levels", "1,2.1", "--plan", "example-ppo-2026"]
    assert main([*argv, "--zip", "97205", "--miles", "25", "--today", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    assert "accepts Example PPO 2026" in out
    assert "example-ppo-2026" not in out
