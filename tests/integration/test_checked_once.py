"""The slow contradiction search over a rule set runs once per file content, not in every kernel.

A readiness-check page used to spend most of its start-up trying every combination of
ratings of both shipped rule sets; the answer depends only on the files' bytes, so it is
remembered after a pass (carenav.catalog.checked) and a changed file is searched again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carenav import catalog
from carenav.catalog import cache_home, rules
from carenav.errors import DataError
from carenav.models import rule_checks


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The rule sets the contradiction search ran on, with a fresh cache folder."""
    monkeypatch.setenv(cache_home.CACHE_ENV, str(tmp_path / "cache"))
    ran: list[str] = []
    real = rule_checks.contradictions

    def counted(rule_set: rules.RuleSet) -> object:
        ran.append(rule_set.id)
        return real(rule_set)

    monkeypatch.setattr(rule_checks, "contradictions", counted)
    return ran


def test_a_second_read_of_the_same_rules_skips_the_search(searches: list[str]) -> None:
    first = catalog.load(sections=("rules",))
    assert sorted(searches) == ["illustrative-mh", "illustrative-sud"]
    searches.clear()
    second = catalog.load(sections=("rules",))
    assert searches == []
    assert [r.id for r in second.rule_sets] == [r.id for r in first.rule_sets]


def test_validate_searches_again_whatever_was_remembered(searches: list[str]) -> None:
    catalog.load(sections=("rules",))
    searches.clear()
    catalog.load(revalidate=True)
    assert sorted(searches) == ["illustrative-mh", "illustrative-sud"]


def test_a_changed_rule_file_is_searched_again(searches: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(catalog.bundled_data_dir(), folder)
    catalog.load(folder, sections=("rules",))
    searches.clear()
    path = folder / "rules" / "illustrative-sud.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# an analyst's note\n", "utf-8")
    catalog.load(folder, sections=("rules",))
    assert searches == ["illustrative-sud"]


def test_rules_that_leave_no_level_are_refused_on_every_read(
    searches: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(catalog.bundled_data_dir(), folder)
    path = folder / "rules" / "illustrative-sud.yaml"
    loaded = catalog.load(folder, sections=("rules",)).rule_set("illustrative-sud")
    floor = next(r for r in loaded.rules if r.effect.minimum_level)
    # A cap below that floor, whenever the floor's own condition holds: no level is left.
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "rules:\n",
        "rules:\n"
        "  - id: impossible-cap\n"
        f"    when: {floor.when.model_dump(mode='json', exclude_none=True)}\n"
        "    effect: {maximum_level: '0.5'}\n"
        "    explanation: A test cap below the floor.\n"
        "    source: this test\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError, match="leaves no level of care"):
            catalog.load(folder, sections=("rules",))
