"""Every bad command line gets one line and exit 2; none reaches a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carenav import catalog
from carenav.cli import main
from carenav.errors import DataError

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


# Found by the fuzz suite (tests/fuzz): each printed a traceback before its fix.


@pytest.mark.parametrize("where", ["a folder", "in a missing folder"])
def test_export_to_a_folder_or_into_a_missing_one_is_one_line_and_writes_nothing(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path if where == "a folder" else tmp_path / "missing" / "services.json"
    before = sorted(tmp_path.rglob("*"))
    code, out, err = _run(["export", "hsds", "-o", str(target)], capsys)
    assert code == 2 and out == "", err
    assert err.startswith(f"carenav: --output: {target} ") and len(err.splitlines()) == 1, err
    assert sorted(tmp_path.rglob("*")) == before


def test_a_locator_row_whose_service_is_not_an_object_is_reported_and_the_rest_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = {
        "frid": "abcdef0123456789",
        "name1": "Example Valley Clinic",
        "city": "Charlottesville",
        "state": "VA",
        "zip": "22902",
        "phone": "(434) 555-0100",
        "typeFacility": "SA",
        "services": [{"f2": "SET", "f3": "Intensive outpatient treatment"}, None, "SET"],
    }
    source = tmp_path / "one.json"
    source.write_text(json.dumps([row]), encoding="utf-8")
    out_folder = tmp_path / "imported"
    code, out, err = _run(["import", "locator", str(source), "-o", str(out_folder)], capsys)
    assert code == 0, err
    assert "not a service" in out
    assert list(catalog.load(out_folder).programs.programs[0].levels) == ["2.1"]


def test_validate_on_a_path_too_long_to_look_up_is_one_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(["validate", "9" * 5000], capsys)
    assert code == 1 and out == "" and "is not a folder" in err and "Traceback" not in err


def test_import_into_a_folder_under_a_file_is_one_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    source = Path(__file__).parents[1] / "data" / "samhsa-locator"
    rows = next(source.glob("*.json"))
    code, _, err = _run(
        ["import", "locator", str(rows), "-o", str(tmp_path / "a-file" / "new")], capsys
    )
    assert code == 1 and "cannot be created" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("evidence.yaml", "\nid: .inf\n", "evidence.yaml"),
        ("programs/sample_programs.csv", None, "holds a line break"),
    ],
)
def test_a_yaml_infinity_or_a_csv_cell_with_a_line_break_is_one_problem(
    name: str, text: str | None, said: str, data_copy: Path
) -> None:
    path = data_copy / name
    if text is None:  # a quoted cell holding U+001E, a line break to str.splitlines
        lines = path.read_text(encoding="utf-8").splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("id,")) + 1
        lines[first] = '"x\x1e",' + lines[first].split(",", 1)[1]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy, revalidate=True)
    assert said in str(caught.value)
