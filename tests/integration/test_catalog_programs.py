"""The sample program directory loads; a broken row refuses the directory with file, row and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from carenav import catalog
from carenav.catalog.programs import COLUMNS
from carenav.errors import DataError, InputError, UnknownIdError
from carenav.matching import find_programs
from carenav.models import ClientNeeds
from tests.unit.programs_support import RANKING

SAMPLE = "programs/sample_programs.csv"
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def loaded() -> catalog.Catalog:
    return catalog.load()


def _edit_cell(folder: Path, program_id: str, column: str, value: str) -> int:
    """Change one cell of the sample file; returns the file line (row) it is on."""
    path = folder / SAMPLE
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("id,"))
    columns = lines[header].split(",")
    import csv
    import io

    for number, line in enumerate(lines):
        if line.startswith(program_id + ","):
            cells = next(csv.reader([line]))
            cells[columns.index(column)] = value
            out = io.StringIO()
            csv.writer(out, lineterminator="").writerow(cells)
            lines[number] = out.getvalue()
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return number + 1
    raise AssertionError(f"test setup: {program_id} not in {SAMPLE}")


def test_the_sample_directory_is_large_varied_and_fictional(loaded: catalog.Catalog) -> None:
    programs = loaded.programs.programs
    assert len(programs) >= 60
    assert len({p.address.state for p in programs}) >= 5
    levels = {code for p in programs for code in p.levels}
    assert {"1", "2.1", "2.5", "3.1", "3.5", "3.7", "4"} <= levels
    assert all(
        p.phone[4:11]
        in {
            "555-010",
            "555-011",
            "555-012",
            "555-013",
            "555-014",
            "555-015",
            "555-016",
            "555-017",
            "555-018",
            "555-019",
        }
        for p in programs
    )
    assert all(p.website and ".example.org" in p.website for p in programs)
    assert {"example-ppo-2026", "example-copay-2026", "medicare-part-b-2026"} <= set(
        loaded.programs.plans
    )
    assert sum(p.billing is not None for p in programs) >= 50
    assert len(loaded.programs.frame) == len(programs)


def test_the_summary_counts_the_programs(loaded: catalog.Catalog) -> None:
    assert f"{len(loaded.programs)} programs" in loaded.summary()


def test_a_broken_row_names_file_row_and_field_and_nothing_is_loaded(data_copy: Path) -> None:
    row = _edit_cell(data_copy, "teapot-lane-op", "wait_days", "soon")
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy)
    assert [str(p) for p in caught.value.problems] == [
        f"{SAMPLE}, record row {row} (teapot-lane-op), field wait_days: "
        "Input should be a valid integer, unable to parse string as an integer; expected a whole number"
    ]


def test_a_yes_no_cell_with_another_word_says_what_is_expected(data_copy: Path) -> None:
    row = _edit_cell(data_copy, "teapot-lane-op", "parking", "maybe")
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy)
    (problem,) = caught.value.problems
    assert (problem.record, problem.field) == (f"row {row} (teapot-lane-op)", "parking")
    assert problem.expected == "yes, no, or blank when the record does not say"


@pytest.mark.parametrize("cell", ["0", "1700000000", "2026-3-2", "02/03/2026"])
def test_a_verified_date_that_is_a_number_or_not_yyyy_mm_dd_is_refused(
    data_copy: Path, cell: str
) -> None:
    """pydantic reads digits as seconds since 1970: "0" was silently 1 January 1970."""
    row = _edit_cell(data_copy, "teapot-lane-op", "verified_on", cell)
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy, revalidate=True)
    assert [str(p) for p in caught.value.problems] == [
        f"{SAMPLE}, record row {row} (teapot-lane-op), field verified_on: "
        "is not a date; expected a date as YYYY-MM-DD"
    ]


def test_a_program_id_given_twice_is_refused_naming_the_folder(data_copy: Path) -> None:
    _edit_cell(data_copy, "teapot-lane-op", "id", "puffin-point-iop")
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy, revalidate=True)
    assert [str(p) for p in caught.value.problems] == [
        "programs, record puffin-point-iop, field id: appears twice; expected each program id once"
    ]


def test_a_billing_fact_is_named_by_its_column(data_copy: Path) -> None:
    _edit_cell(data_copy, "teapot-lane-op", "charge", "-5")
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy)
    assert [p.field for p in caught.value.problems] == ["charge"]


def test_a_level_not_on_the_continuum_is_refused(data_copy: Path) -> None:
    _edit_cell(data_copy, "teapot-lane-op", "levels", "2.7")
    with pytest.raises(DataError, match=r"level 2\.7 is not in levels_of_care\.yaml"):
        catalog.load(data_copy)


def test_an_unknown_column_is_refused(data_copy: Path) -> None:
    path = data_copy / SAMPLE
    path.write_text(
        path.read_text(encoding="utf-8").replace(",planned_weeks\n", ",planned_weeks,colour\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        catalog.load(data_copy)
    assert str(caught.value.problems[0]) == (
        f"{SAMPLE}, record header, field colour: is not a known column; "
        "expected a column listed in docs/programs-format.md"
    )


def test_a_file_saved_by_a_spreadsheet_with_a_byte_order_mark_loads(data_copy: Path) -> None:
    path = data_copy / SAMPLE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(catalog.load(data_copy).programs) == 64


def test_a_folder_without_programs_has_an_empty_directory(data_copy: Path) -> None:
    (data_copy / SAMPLE).unlink()
    (data_copy / "programs").rmdir()
    assert len(catalog.load(data_copy).programs) == 0


def test_every_documented_column_is_in_the_sample_file() -> None:
    header = next(
        line
        for line in (catalog.bundled_data_dir() / SAMPLE).read_text().splitlines()
        if line.startswith("id,")
    )
    assert tuple(header.split(",")) == COLUMNS
    doc = (catalog.bundled_data_dir().parent / "docs" / "programs-format.md").read_text(
        encoding="utf-8"
    )
    assert all(f"`{column}`" in doc for column in COLUMNS)


def test_an_unknown_zip_on_the_sample_directory_is_one_clear_message(
    loaded: catalog.Catalog,
) -> None:
    needs = ClientNeeds(needs={"substance-use"}, zip="99999")
    with pytest.raises(InputError, match=r"^ZIP code: '99999' is not a US ZIP code carenav knows"):
        find_programs(needs, loaded.programs.frame, ranking=RANKING, today=TODAY)


def test_a_plan_the_directory_has_never_heard_of_names_the_known_ones(
    loaded: catalog.Catalog,
) -> None:
    needs = ClientNeeds(needs={"substance-use"}, plan="acme-gold-2026")
    with pytest.raises(UnknownIdError) as caught:
        find_programs(needs, loaded.programs.frame, ranking=RANKING, today=TODAY)
    assert str(caught.value).startswith(
        "There is no coverage plan with the id 'acme-gold-2026'. Known ids: example-copay-2026"
    )


def test_finding_programs_in_the_sample_directory_for_a_portland_client(
    loaded: catalog.Catalog,
) -> None:
    needs = ClientNeeds(
        needs={"substance-use"},
        levels={"1", "2.1"},
        zip="97205",
        max_miles=60,
        plan="example-ppo-2026",
    )
    matches = find_programs(needs, loaded.programs.frame, ranking=RANKING, today=TODAY)
    assert len(matches.results) >= 3
    assert (matches.results["miles"] <= 60).all()
    assert all(reasons for reasons in matches.results["reasons"])


def test_the_programs_with_billing_are_the_ones_whose_model_has_billing(
    loaded: catalog.Catalog,
) -> None:
    directory = loaded.programs
    billed = directory.with_billing()
    expected = [p.id for p in directory.programs if p.billing is not None]
    assert list(billed["id"]) == expected
    assert 0 < len(expected) < len(directory)


def test_program_ids_are_read_without_building_a_model_per_program() -> None:
    # A fresh catalog, so no model was built by another test.
    directory = catalog.load(sections=("programs",)).programs
    ids = directory.ids()
    assert len(ids) == len(directory)
    directory.with_billing()
    assert directory._models == {}  # a 20,000-program kernel must not hold 20,000 models
    assert ids == {p.id for p in directory.programs}
