"""docs/architecture.md stays true: every path it names exists, and it names where each rule lives."""

from __future__ import annotations

import re
from pathlib import Path

import carenav

PACKAGE = Path(carenav.__file__).parent
ROOT = PACKAGE.parents[1]
MAP = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_every_path_the_map_names_exists() -> None:
    named = {
        path
        for path in re.findall(r"`([\w./-]+)`", MAP)
        if "/" in path or path.endswith((".py", ".yaml"))
    }
    missing = []
    for path in sorted(named):
        top = path.split("/", 1)[0]
        places = [ROOT / path] if top in {"data", "docs", "src", "tests"} else []
        places += [PACKAGE / path, *PACKAGE.rglob(path)] if "/" not in path else [PACKAGE / path]
        if not any(place.exists() for place in places):
            missing.append(path)
    assert missing == []


def test_the_map_names_the_one_home_of_each_kind_of_rule() -> None:
    for home in (
        "data/payers/",  # a plan's deductible
        "data/reference/medicare_part_b.yaml",  # the Medicare figures
        "data/rules/",  # a placement rule
        "data/ranking.yaml",  # a ranking weight
        "src/carenav/notices.py",  # the crisis line
    ):
        assert f"`{home}" in MAP, home
        assert (ROOT / home).exists(), home
