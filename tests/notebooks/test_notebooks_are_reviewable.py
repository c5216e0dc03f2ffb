"""Every notebook is stored executed, so nbval compares real outputs, and the apps stay wiring only."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted(
    (REPO / "voila_apps").glob("*.ipynb")
)
SKIP_TAGS = {"nbval-skip", "nbval-ignore-output"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_code_cell_is_stored_with_its_execution_count(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    unrun = [
        i
        for i, c in enumerate(notebook.cells)
        if c.cell_type == "code" and c.execution_count is None
    ]
    assert not unrun, (
        f"{path.name}: cells {unrun} have no stored run; execute the notebook before committing"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_cell_is_only_skipped_or_unchecked_with_a_written_reason(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.cell_type != "code" or not tags & SKIP_TAGS:
            continue
        last_line = cell.source.splitlines()[-1]
        displays_widget = last_line.startswith("launch(") or last_line.endswith(".widget")
        assert displays_widget or "# nbval:" in cell.source, (
            f"{path.name} cell {index}: say why its output is not checked (a '# nbval:' comment)"
        )


@pytest.mark.parametrize(
    "path", sorted((REPO / "voila_apps").glob("*.ipynb")), ids=lambda p: p.name
)
def test_a_voila_app_is_a_few_cells_of_wiring_around_carenav_ui(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert len(code) <= 4, f"{path.name}: move logic into carenav.ui"
    assert any("from carenav.ui" in source for source in code)
