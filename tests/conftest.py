"""Fixtures shared by every layer of tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carenav.catalog import bundled_data_dir


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data/ folder that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target
