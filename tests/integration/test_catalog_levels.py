"""Loading levels_of_care.yaml: good data loads; each kind of bad data gets one clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from carenav import catalog
from carenav.errors import DataError

LEVELS = "levels_of_care.yaml"


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / LEVELS
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {LEVELS}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_bundled_data_loads_with_nine_levels_in_order() -> None:
    loaded = catalog.load()
    assert loaded.continuum.codes() == ["0.5", "1", "2.1", "2.5", "3.1", "3.3", "3.5", "3.7", "4"]


def test_every_level_cites_at_least_one_source() -> None:
    for level in catalog.load().continuum.levels:
        assert level.sources, level.code


def test_iop_hours_are_the_published_nine_to_nineteen_for_adults() -> None:
    iop = catalog.load().continuum.level("2.1")
    assert (iop.hours_adults.minimum, iop.hours_adults.maximum) == (9, 19)
    assert iop.hours_adolescents is not None and iop.hours_adolescents.minimum == 6


BROKEN = [
    pytest.param(
        lambda d: (d / LEVELS).unlink(),
        "levels_of_care.yaml: the file is missing; expected a YAML file here",
        id="missing file",
    ),
    pytest.param(
        lambda d: _edit(d, "levels:\n", "levels:\n  - code: [unclosed\n"),
        "levels_of_care.yaml: YAML syntax error at line 20, column 9",
        id="yaml syntax error names its line",
    ),
    pytest.param(
        lambda d: _edit(
            d, "    twenty_four_hour: false\n", "    twenty_four_hour: false\n    colour: blue\n"
        ),
        "levels_of_care.yaml, record level 0.5, field colour: is not a known field",
        id="unknown field",
    ),
    pytest.param(
        lambda d: _edit(d, "    twenty_four_hour: false\n", "    twenty_four_hour: sometimes\n"),
        "levels_of_care.yaml, record level 0.5, field twenty_four_hour: Input should be a valid boolean, "
        "unable to interpret input; expected true or false",
        id="wrong type",
    ),
    pytest.param(
        lambda d: _edit(d, 'code: "3.3"', 'code: "3.1"'),
        "levels_of_care.yaml, record asam-3rd-edition, field levels: level code 3.1 appears twice; each level once",
        id="duplicate level code",
    ),
    pytest.param(
        lambda d: _edit(d, 'code: "0.5"', 'code: "1.5"'),
        "levels_of_care.yaml, record asam-3rd-edition, field levels: level 1 comes after 1.5; "
        "levels must be listed from least to most intensive",
        id="out-of-order continuum",
    ),
    pytest.param(
        lambda d: _edit(
            d, '    step_down_from: ["2.1", "2.5"]\n', '    step_down_from: ["2.1", "9"]\n'
        ),
        "levels_of_care.yaml, record asam-3rd-edition: level 1 names level 9 as a step, "
        "but the continuum has no level 9",
        id="a step to a level that does not exist",
    ),
]


@pytest.mark.parametrize(("break_it", "message"), BROKEN)
def test_broken_levels_file_is_refused_with_file_record_and_field(
    data_copy: Path, break_it: object, message: str
) -> None:
    break_it(data_copy)  # type: ignore[operator]
    with pytest.raises(DataError) as raised:
        catalog.load(data_copy)
    shown = [str(p) for p in raised.value.problems]
    assert any(line.startswith(message) for line in shown), shown
    assert "nothing was loaded" in str(raised.value)


def test_every_problem_in_a_file_is_listed_not_just_the_first(data_copy: Path) -> None:
    _edit(data_copy, "    twenty_four_hour: false\n", "    twenty_four_hour: maybe\n")
    _edit(data_copy, "    setting: Residential home with 24-hour structure\n", "")
    with pytest.raises(DataError) as raised:
        catalog.load(data_copy)
    fields = {(p.record, p.field) for p in raised.value.problems}
    assert ("level 0.5", "twenty_four_hour") in fields
    assert ("level 3.1", "setting") in fields


def test_a_folder_that_does_not_exist_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is not a folder"):
        catalog.load(tmp_path / "nowhere")
