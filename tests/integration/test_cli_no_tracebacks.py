"""Every bad command line gets one line and exit 2; none reaches a traceback."""

from __future__ import annotations

import pytest

from carenav.cli import main

ESTIMATE = ["estimate", "--plan", "example-ppo-2026", "--days-per-week", "3", "--weeks", "12"]
FIND = ["find", "--needs", "substance-use"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            [*ESTIMATE, "--rate", "450", "--start", "9999-12-31"],
            "start: 9999-12-31 is outside the years carenav estimates; give a first day "
            "from 01 January 2000 to 31 December 2100",
        ),
        (
            [*ESTIMATE, "--rate", "9999999999.99", "--start", "2026-03-02"],
            "charge: is above 1,000,000; expected 1,000,000 or less",
        ),
        (
            [*ESTIMATE, "--rate", "450", "--start", "2026-03-02", "--weeks", "\uff19"],
            "argument --weeks: '\uff19' is not a whole number of 0 or more",
        ),
        (
            [*ESTIMATE, "--rate", "450", "--start", "2026-03-02", "--weeks", "9" * 5000],
            "is not a whole number of 0 or more",
        ),
        ([*FIND, "--limit", "-1"], "argument --limit: '-1' is not a number of results"),
        ([*FIND, "--limit", "0"], "argument --limit: '0' is not a number of results"),
        ([*FIND, "--miles", "nan", "--zip", "97205"], "--max-miles: "),
        ([*FIND, "--zip", "\uff19\uff17\uff12x\uff15"], "--zip: is not a five-digit ZIP code"),
    ],
)
def test_a_bad_command_line_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(argv, capsys)
    assert (code, out) == (2, ""), err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert "Traceback" not in err


def test_the_largest_rate_a_plan_may_have_still_gives_an_answer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["estimate", "--plan", "example-ppo-2026", "--rate", "1000000", "--days-per-week", "7"]
    code, out, _ = _run([*argv, "--start", "2026-03-02", "--weeks", "104"], capsys)
    assert code == 0 and "Traceback" not in out


def test_a_zip_in_full_width_digits_finds_what_the_ascii_zip_finds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, ascii_out, _ = _run([*FIND, "--zip", "97205", "--miles", "10"], capsys)
    assert code == 0
    code, wide_out, _ = _run(
        [*FIND, "--zip", "\uff19\uff17\uff12\uff10\uff15", "--miles", "10"], capsys
    )
    assert code == 0 and wide_out == ascii_out
