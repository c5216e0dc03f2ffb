"""Data files are read strictly: a key given twice, an empty or wrong-shaped file, an impossible
date or a number thousands of digits long each get one message naming the file, never a
traceback, and nothing is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from carenav import catalog
from carenav.cli import main
from carenav.errors import DataError

PLAN = Path("payers") / "example-ppo-2026.yaml"


def _problems(root: Path, sections: set[str] | None = None) -> list[str]:
    with pytest.raises(DataError) as caught:
        catalog.load(root, sections=sections)
    return [str(p) for p in caught.value.problems]


def _edit(root: Path, name: Path | str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_a_key_given_twice_is_refused_with_both_lines_instead_of_the_last_one_winning(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(data_copy, PLAN, "  deductible: 1500\n", "  deductible: 1500\n  deductible: 99999\n")
    lines = (data_copy / PLAN).read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, 1) if "deductible: 1500" in line)
    assert _problems(data_copy, {"payers"}) == [
        f"payers/example-ppo-2026.yaml: the key 'deductible' appears twice in one mapping "
        f"(lines {first} and {first + 1}); expected each key once"
    ]
    code, text = _validate(data_copy, capsys)
    assert code == 1 and "appears twice" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("# only a comment\n", "is empty"),
        ("- 1\n- 2\n", "holds a list, not a mapping"),
        ("just some words\n", "holds a single value, not a mapping"),
    ],
)
def test_an_empty_or_wrong_shaped_levels_file_is_named(
    data_copy: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "levels_of_care.yaml").write_text(content, encoding="utf-8")
    assert _problems(data_copy, set()) == [
        f"levels_of_care.yaml: {message}; expected a mapping of field: value "
        "(see the file's format in docs/)"
    ]
    code, text = _validate(data_copy, capsys)
    assert code == 1 and "levels_of_care.yaml" in text and "0 problems" not in text


def test_an_empty_plan_file_is_named(data_copy: Path) -> None:
    (data_copy / "payers" / "blank.yaml").write_text("\n", encoding="utf-8")
    assert any(p.startswith("payers/blank.yaml: is empty") for p in _problems(data_copy))


def test_a_date_that_does_not_exist_is_a_problem_not_a_traceback(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(data_copy, PLAN, "plan_year_start: 2026-01-01", "plan_year_start: 2026-02-30")
    assert _problems(data_copy, {"payers"}) == [
        "payers/example-ppo-2026.yaml, record example-ppo-2026, field plan_year_start: "
        "is not a real date; expected a date as YYYY-MM-DD"
    ]
    code, _ = _validate(data_copy, capsys)
    assert code == 1


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "  deductible: 1500\n",
            "  deductible: " + "9" * 5000 + "\n",
            "in_network.deductible",
            "has too many digits",
        ),
        (
            "  deductible: 1500\n",
            "  deductible: " + "9" * 5000 + ".5\n",
            "in_network.deductible",
            "has too many digits",
        ),
    ],
)
def test_a_number_thousands_of_digits_long_is_a_problem_not_a_traceback(
    data_copy: Path,
    old: str,
    new: str,
    field: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _edit(data_copy, PLAN, old, new)
    [problem] = _problems(data_copy, {"payers"})
    assert f"field {field}: {message}" in problem
    code, _ = _validate(data_copy, capsys)
    assert code == 1


def test_a_file_that_is_not_utf8_text_is_named(data_copy: Path) -> None:
    (data_copy / PLAN).write_bytes(b"id: \xff\xfe broken\n")
    [problem] = _problems(data_copy, {"payers"})
    assert problem.startswith("payers/example-ppo-2026.yaml: is not UTF-8 text")
