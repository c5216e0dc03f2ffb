"""Loading the finder's ranking defaults from ranking.yaml (the bundled file when a folder has none)."""

from __future__ import annotations

from pathlib import Path

from carenav.catalog.reading import display_path, read_yaml, validate_record
from carenav.errors import Problem
from carenav.models.ranking import Ranking

RANKING_FILE = "ranking.yaml"


def load_ranking(root: Path, bundled: Path, problems: list[Problem]) -> Ranking | None:
    """The ranking in root/ranking.yaml, else the bundled one; None after recording problems."""
    path = root / RANKING_FILE
    if not path.exists():
        root, path = bundled, bundled / RANKING_FILE
    data = read_yaml(path, root, problems)
    if data is None:
        return None
    return validate_record(Ranking, data, display_path(path, root), "ranking", problems)
