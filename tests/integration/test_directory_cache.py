"""The validated directory cache: read when the files are unchanged, rebuilt otherwise, never trusted."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import carenav.catalog.programs as programs_module
from carenav import catalog
from carenav.catalog import cache
from carenav.catalog.program_directory import Directory
from carenav.cli import main
from carenav.errors import DataError
from carenav.synthetic import synthetic_table

SAMPLE = Path("programs") / "sample_programs.csv"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> object:
        raise AssertionError("the directory was validated again instead of read from its cache")

    monkeypatch.setattr(programs_module, "validate_rows", refuse)
    monkeypatch.setattr(programs_module, "check_columns", refuse)


def test_validate_builds_the_cache_and_the_next_load_reads_it_without_validating(
    data_copy: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["validate", str(data_copy)]) == 0
    assert len(list(cache_folder.glob("*.arrow"))) == 2
    fresh = catalog.load(data_copy, sections=("programs",), revalidate=True).programs

    _no_validation(monkeypatch)
    cached = catalog.load(data_copy, sections=("programs",)).programs

    pd.testing.assert_frame_equal(cached.frame, fresh.frame)
    assert cached.program("puffin-point-iop") == fresh.program("puffin-point-iop")
    assert cached.plans == fresh.plans


def test_a_changed_directory_file_is_validated_again_and_its_new_facts_used(
    data_copy: Path, cache_folder: Path
) -> None:
    catalog.load(data_copy, sections=("programs",))
    path = data_copy / SAMPLE
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Puffin Point Intensive Outpatient", "Puffin Point IOP"), encoding="utf-8"
    )

    loaded = catalog.load(data_copy, sections=("programs",)).programs

    assert loaded.program("puffin-point-iop").name == "Puffin Point IOP"


def test_a_change_that_breaks_a_row_is_reported_even_though_a_cache_exists(
    data_copy: Path, cache_folder: Path
) -> None:
    catalog.load(data_copy, sections=("programs",))
    path = data_copy / SAMPLE
    path.write_text(
        path.read_text(encoding="utf-8").replace(",97214,", ",9721,", 1), encoding="utf-8"
    )

    with pytest.raises(catalog.DataError, match="field zip"):
        catalog.load(data_copy, sections=("programs",))


def test_a_corrupt_cache_is_rebuilt_never_trusted(data_copy: Path, cache_folder: Path) -> None:
    expected = catalog.load(data_copy, sections=("programs",)).programs.frame
    for path in cache_folder.glob("*.arrow"):
        path.write_bytes(path.read_bytes()[:100])

    loaded = catalog.load(data_copy, sections=("programs",)).programs

    pd.testing.assert_frame_equal(loaded.frame, expected)
    assert all(p.stat().st_size > 100 for p in cache_folder.glob("*.arrow"))


def test_a_cache_from_another_directory_under_this_ones_name_is_not_trusted(
    data_copy: Path, tmp_path: Path, cache_folder: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "levels_of_care.yaml").write_bytes((data_copy / "levels_of_care.yaml").read_bytes())
    (other / "programs").mkdir()
    lines = (data_copy / SAMPLE).read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    (other / SAMPLE).write_text("".join(lines[: header + 3]), encoding="utf-8")
    catalog.load(other, sections=("programs",))
    foreign = sorted(cache_folder.glob("*.arrow"))
    catalog.load(data_copy, sections=("programs",))
    mine = sorted(set(cache_folder.glob("*.arrow")) - set(foreign))
    for theirs, ours in zip(foreign, mine, strict=True):
        ours.write_bytes(theirs.read_bytes())  # the other directory's cache, renamed

    assert len(catalog.load(data_copy, sections=("programs",)).programs) == 64


def test_an_unwritable_cache_folder_leaves_the_directory_loading_uncached(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))

    assert len(catalog.load(data_copy, sections=("programs",)).programs) == 64


def test_the_cache_lives_in_the_users_cache_folder_and_holds_directory_facts_only(
    data_copy: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "carenav"
    monkeypatch.setenv(cache.CACHE_ENV, str(cache_folder))

    directory = catalog.load(data_copy, sections=("programs",)).programs

    import pyarrow.feather as feather

    stored: set[str] = set()
    for path in cache_folder.glob("*.arrow"):
        stored |= set(feather.read_table(path).schema.names)
    assert stored <= set(directory.frame.columns) | set(directory.table.columns)
    (facts,) = cache_folder.glob("*.facts.json")
    record = json.loads(facts.read_text(encoding="utf-8"))
    assert set(record) == {"key", "count", "columns", "billed"}
    assert set(record["columns"]) == set(directory.frame.columns)


def test_programs_placed_at_their_zip_when_validated_are_read_placed_without_the_zip_table(
    data_copy: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import carenav.geo as geo

    validated = catalog.load(data_copy, sections=("programs",), revalidate=True).programs
    placed = validated.frame["location_from_zip"].to_numpy()
    assert placed.any()  # the sample has programs without coordinates of their own

    # A kernel reading the cache never opens the ZIP table: the points were stored.
    monkeypatch.setattr(geo, "ZIP_TABLE", data_copy / "no-such-zip-table.csv")
    cached = catalog.load(data_copy, sections=("programs",)).programs

    for column in ("latitude", "longitude"):
        assert cached.frame[column].notna().all()
        pd.testing.assert_series_equal(cached.frame[column], validated.frame[column])


def _billed(directory: Directory) -> list[tuple[str, str]]:
    billed = directory.with_billing()
    return list(zip(billed["id"], billed["name"], strict=True))


def test_a_cached_directory_opens_on_its_facts_and_reads_its_frame_on_first_use(
    data_copy: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page shows the filters and program names before (and without) reading the frame."""
    fresh = catalog.load(data_copy, sections=("programs",), revalidate=True).programs
    _no_validation(monkeypatch)

    cached = catalog.load(data_copy, sections=("programs",)).programs

    assert not cached.is_loaded
    assert len(cached) == 64
    assert cached.columns == tuple(str(c) for c in fresh.frame.columns)
    assert cached.options("lang") == fresh.options("lang") != []
    assert cached.plans == fresh.plans != []
    assert cached.billed() == _billed(fresh) != []
    assert cached.offers_level("2.1") and not cached.offers_level("9.9")
    assert not cached.is_loaded
    pd.testing.assert_frame_equal(cached.frame, fresh.frame)
    assert cached.is_loaded


def _opened_then_cache_deleted(data: Path, cache_folder: Path) -> Directory:
    """A directory a page opened on its facts, whose frame and cells were deleted since."""
    catalog.load(data, sections=("programs",))
    opened = catalog.load(data, sections=("programs",)).programs
    for path in cache_folder.glob("*.arrow"):
        path.unlink()
    return opened


def test_a_cache_deleted_while_a_page_is_open_is_rebuilt_from_the_unchanged_files(
    data_copy: Path, cache_folder: Path
) -> None:
    opened = _opened_then_cache_deleted(data_copy, cache_folder)

    assert opened.program("puffin-point-iop").name == "Puffin Point Intensive Outpatient"
    assert len(list(cache_folder.glob("*.arrow"))) == 2


def test_files_changed_while_a_page_is_open_are_refused_not_mixed_with_what_it_showed(
    data_copy: Path, cache_folder: Path
) -> None:
    opened = _opened_then_cache_deleted(data_copy, cache_folder)
    path = data_copy / SAMPLE
    path.write_text(path.read_text(encoding="utf-8").replace("Puffin Point", "Puffin"), "utf-8")

    with pytest.raises(DataError) as refused:
        opened.frame  # noqa: B018 -- reading it is the act under test

    assert "programs: changed since this page opened" in str(refused.value)
    assert "reloaded" in str(refused.value)


@pytest.mark.parametrize("damage", ["truncated", "not-json", "other-key", "wrong-shape"])
def test_a_damaged_facts_file_is_never_trusted(
    data_copy: Path, cache_folder: Path, damage: str
) -> None:
    catalog.load(data_copy, sections=("programs",))
    (facts,) = cache_folder.glob("*.facts.json")
    record = json.loads(facts.read_text(encoding="utf-8"))
    text = {
        "truncated": facts.read_text(encoding="utf-8")[:40],
        "not-json": "<html>",
        "other-key": json.dumps({**record, "key": "0" * 64, "count": 3}),
        "wrong-shape": json.dumps({**record, "count": "64", "billed": [["only-an-id"]]}),
    }[damage]
    facts.write_text(text, encoding="utf-8")

    loaded = catalog.load(data_copy, sections=("programs",)).programs

    assert loaded.is_loaded  # validated again, not opened on the damaged facts
    assert len(loaded) == 64
    assert json.loads(facts.read_text(encoding="utf-8"))["count"] == 64


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(size=st.integers(min_value=1, max_value=120), seed=st.integers(0, 10_000))
def test_the_facts_a_page_opens_on_are_the_facts_of_the_frame_it_searches_later(
    size: int, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(catalog.bundled_data_dir(), root, ignore=shutil.ignore_patterns("programs"))
        (root / "programs").mkdir()
        synthetic_table(size, seed).to_csv(root / SAMPLE, index=False)
        monkeypatch.setenv(cache.CACHE_ENV, str(Path(tmp) / "cache"))

        fresh = catalog.load(root, sections=("programs",), revalidate=True).programs
        opened = catalog.load(root, sections=("programs",)).programs
        facts = opened.facts

        assert not opened.is_loaded
        assert facts == fresh.facts
        assert facts.count == len(opened.frame) == size
        assert facts.columns == tuple(str(c) for c in opened.frame.columns)
        assert list(facts.billed) == _billed(opened)
