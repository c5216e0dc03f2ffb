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


@pytest.fixture(autouse=True, scope="session")
def _private_directory_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Directory caches the tests build go to a folder of their own, not the user's cache."""
    import os

    from carenav.catalog.cache import CACHE_ENV

    os.environ.setdefault(CACHE_ENV, str(tmp_path_factory.mktemp("carenav-cache")))
