"""Loading the checked figures about levels of care from evidence.yaml (optional in a user's folder)."""

from __future__ import annotations

from pathlib import Path

from carenav.catalog.reading import display_path, read_yaml, validate_record
from carenav.errors import Problem
from carenav.models.evidence import EvidenceSet

EVIDENCE_FILE = "evidence.yaml"


def load_evidence(root: Path, problems: list[Problem]) -> EvidenceSet | None:
    """The evidence set in root/evidence.yaml; None when the folder has none or it is broken."""
    path = root / EVIDENCE_FILE
    if not path.exists():
        return None
    data = read_yaml(path, root, problems)
    if data is None:
        return None
    record = str(data.get("id")) if isinstance(data, dict) else None
    return validate_record(EvidenceSet, data, display_path(path, root), record, problems)
