"""The catalog: a data folder (the bundled data/ or a user's own) read into validated models.

Either everything loads or nothing does: a DataError lists every problem found, each
with its file, record, field and what was expected.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from carenav.catalog.evidence import load_evidence
from carenav.catalog.levels import load_continuum
from carenav.errors import DataError, Problem
from carenav.models.evidence import EvidenceSet
from carenav.models.levels import Continuum

DATA_ENV = "CARENAV_DATA"


def bundled_data_dir() -> Path:
    """The data/ folder that ships with carenav (beside src/ in the repository)."""
    return Path(__file__).resolve().parents[3] / "data"


def default_data_dir() -> Path:
    """The folder `load()` reads when given none: $CARENAV_DATA, else the bundled data/."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured).expanduser() if configured else bundled_data_dir()


@dataclass(frozen=True)
class Catalog:
    """Everything carenav knows from one data folder, validated."""

    root: Path
    continuum: Continuum
    evidence: EvidenceSet | None = None
    warnings: tuple[Problem, ...] = field(default=())

    def summary(self) -> str:
        """One line saying what was loaded, for `carenav validate`."""
        parts = [f"{len(self.continuum.levels)} levels of care"]
        text = f"{self.root}: {', '.join(parts)}; no problems found"
        if self.warnings:
            text += f"; {len(self.warnings)} warning(s)"
        return text


def load(path: str | Path | None = None) -> Catalog:
    """Read a data folder into a Catalog, or raise DataError listing every problem."""
    root = Path(path).expanduser() if path is not None else default_data_dir()
    if not root.is_dir():
        raise DataError(
            [Problem(str(root), None, None, "is not a folder", "a data folder such as data/")]
        )
    problems: list[Problem] = []
    warnings: list[Problem] = []
    continuum = load_continuum(root, problems)
    evidence = load_evidence(root, problems)
    if problems or continuum is None:
        raise DataError(problems)
    return Catalog(
        root=root,
        continuum=continuum,
        evidence=evidence,
        warnings=tuple(warnings),
    )


__all__ = ["DATA_ENV", "Catalog", "bundled_data_dir", "default_data_dir", "load"]
