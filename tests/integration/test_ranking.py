"""The finder's ranking defaults are data (ranking.yaml): validated, shown, and what ranks."""

from __future__ import annotations

from pathlib import Path

import pytest

from carenav import catalog
from carenav.cli import main
from carenav.errors import DataError
from carenav.matching import find_programs
from carenav.models.client import ClientNeeds, Weights
from tests.unit.programs_support import RANKING, TODAY, frame


def test_every_weight_and_constant_has_a_reason_that_validate_shows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert set(RANKING.weights) == set(Weights.model_fields)
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "long wait = 28 days: A wait of four weeks or more earns no credit" in out
    assert "default range = 50 miles:" in out
    for name, entry in RANKING.weights.items():
        assert f"weight {name} = {entry.value:g}: {entry.reason}" in out


def test_a_ranking_file_missing_a_weight_is_refused_naming_file_and_field(
    data_copy: Path,
) -> None:
    path = data_copy / "ranking.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  parking:")
    end = text.index("  distance:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as raised:
        catalog.load(data_copy, sections=("ranking",))
    (problem,) = raised.value.problems
    assert problem.file == "ranking.yaml"
    assert "missing: parking" in problem.message


def test_a_folder_without_ranking_yaml_ranks_with_the_bundled_defaults(data_copy: Path) -> None:
    (data_copy / "ranking.yaml").unlink()
    assert catalog.load(data_copy, sections=("ranking",)).ranking == RANKING


def test_the_long_wait_in_the_file_is_what_scores_promptness() -> None:
    directory = frame({"wait_days": "14"})
    needs = ClientNeeds(needs={"substance-use"})
    only_wait = RANKING.default_weights(distance=0, confirmed=0)
    half = find_programs(needs, directory, ranking=RANKING, today=TODAY, weights=only_wait)
    longer = RANKING.model_copy(
        update={"long_wait_days": RANKING.long_wait_days.model_copy(update={"value": 56.0})}
    )
    more = find_programs(needs, directory, ranking=longer, today=TODAY, weights=only_wait)
    assert half.results["score"].iloc[0] == 50.0  # 14 of 28 days: half the credit
    assert more.results["score"].iloc[0] == 75.0  # 14 of 56 days
