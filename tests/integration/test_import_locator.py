"""`carenav import locator`: real 2019 locator rows become a data folder the finder uses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from carenav import catalog
from carenav.cli import main
from carenav.matching import find_programs
from carenav.models import ClientNeeds

# A dated 2019 snapshot of real facilities, carried with its origin and licence (README.md).
LOCATOR = Path(__file__).resolve().parents[1] / "data" / "samhsa-locator"
ROWS = LOCATOR / "locator_rows_2019-05_cville_va.json"


def _raw_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(ROWS.read_text(encoding="utf-8"))["rows"]
    return rows


def _values(row: dict[str, Any], code: str) -> list[str]:
    for service in row["services"]:
        if service["f2"] == code:
            return [v.strip() for v in service["f3"].split(";")]
    return []


def _import(tmp_path: Path, source: Path = ROWS, *extra: str) -> tuple[int, Path]:
    out = tmp_path / "imported"
    code = main(
        ["import", "locator", str(source), "-o", str(out), "--verified-on", "2019-05-30", *extra]
    )
    return code, out


def test_the_imported_folder_validates_and_the_summary_accounts_for_every_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _import(tmp_path)

    printed = capsys.readouterr().out
    assert code == 0
    assert "rows read: 41" in printed
    written = int(printed.split("programs written: ")[1].split()[0])
    refused = int(printed.split("rows refused: ")[1].split()[0])
    assert written + refused == 41
    assert "SET (Service settings):" in printed and "PAY (" in printed
    assert main(["validate", str(out)]) == 0
    loaded = catalog.load(out)
    assert len(loaded.programs) == written
    assert not (out / "programs" / "sample_programs.csv").exists()
    assert loaded.payers, "the bundled plans travel with the imported directory"
    assert "2019-05-30" in (out / "programs" / "locator.csv").read_text(encoding="utf-8")


def test_the_finder_offers_only_facilities_whose_record_lists_intensive_outpatient_and_medicaid(
    tmp_path: Path,
) -> None:
    code, out = _import(tmp_path)
    assert code == 0
    loaded = catalog.load(out)
    directory = loaded.programs
    needs = ClientNeeds(
        needs={"substance-use"}, levels={"2.1"}, medicaid_state="VA", zip="22902", max_miles=25
    )

    matches = find_programs(needs, directory.frame, ranking=loaded.ranking, today=date(2019, 6, 1))

    by_frid = {row["frid"][:8]: row for row in _raw_rows()}
    found = list(matches.results["id"])
    assert found, "Charlottesville has intensive outpatient programs that take Medicaid"
    for program_id in found:
        row = by_frid[program_id.rsplit("-", 1)[1]]
        assert "Intensive outpatient treatment" in _values(row, "SET"), row["name1"]
        assert "Medicaid" in _values(row, "PAY"), row["name1"]
    # And none is missing: every such substance-use facility well within 25 miles is offered.
    listed = {
        frid
        for frid, row in by_frid.items()
        if row["typeFacility"] == "SA"
        and "Intensive outpatient treatment" in _values(row, "SET")
        and "Medicaid" in _values(row, "PAY")
        and float(row["miles"]) < 20
    }
    assert listed <= {p.rsplit("-", 1)[1] for p in found}


def test_within_a_listed_category_a_left_out_option_is_a_no_and_a_missing_category_is_not_recorded(
    tmp_path: Path,
) -> None:
    row = {
        "frid": "abcdef0123456789",
        "name1": "Example Valley Clinic",
        "city": "Charlottesville",
        "state": "VA",
        "zip": "22902",
        "phone": "(434) 555-0100",
        "typeFacility": "SA",
        "services": [
            {"f2": "SET", "f3": "Intensive outpatient treatment"},
            {"f2": "PAY", "f3": "Medicaid; Cash or self-payment"},
        ],
    }
    source = tmp_path / "one.json"
    source.write_text(json.dumps([row]), encoding="utf-8")

    code, out = _import(tmp_path, source)

    assert code == 0
    program = catalog.load(out).programs.programs[0]
    assert program.payment.medicare is False  # PAY listed without Medicare: a recorded no
    assert program.payment.medicaid_states.status("va") is True
    assert program.payment.sliding_scale is None  # no PYAS category at all: not recorded
    assert program.languages.recorded is False  # no OL category: not recorded
    assert program.phone == "434-555-0100"
    assert program.address.latitude is None  # no coordinates: the ZIP's centre is used


def test_a_value_the_mapping_does_not_know_is_reported_and_a_row_without_a_level_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = {"city": "Staunton", "state": "VA", "zip": "24401", "phone": "540-555-0101"}
    rows = [
        {
            **base,
            "frid": "1" * 16,
            "name1": "Known Setting",
            "services": [{"f2": "SET", "f3": "Outpatient; Floating outpatient"}],
        },
        {
            **base,
            "frid": "2" * 16,
            "name1": "Detox Only",
            "services": [{"f2": "SET", "f3": "Residential detoxification"}],
        },
    ]
    source = tmp_path / "two.json"
    source.write_text(json.dumps({"rows": rows}), encoding="utf-8")

    code, _ = _import(tmp_path, source)

    printed = capsys.readouterr().out
    assert code == 0
    assert "'Floating outpatient' (1 rows)" in printed
    assert "rows refused: 1" in printed
    assert (
        "row 2 (Detox Only): no service setting maps to a level of care (Residential detoxification)"
        in printed
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "is a web page (HTML)"),
        (b'{"rows": [{"name1": "Cut', "ends before its JSON is complete"),
        (b'{"facilities": 3}', "holds no list of facility rows"),
        (b"[]", "holds an empty list"),
        (b"", "is empty"),
        (
            b'[{"city": "Staunton", "state": "VA", "zip": "24401"}]',
            "record row 1: has no facility name",
        ),
        (b'[{"name1": "Nowhere Clinic", "state": "VA"}]', "has no location (city, zip missing)"),
    ],
)
def test_a_file_that_is_not_a_locator_export_gets_one_message_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(content)

    code, out = _import(tmp_path, source)

    err = capsys.readouterr().err
    assert code == 1
    assert str(source) in err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_a_100_megabyte_file_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "huge.json"
    with source.open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: costs no disk

    code, out = _import(tmp_path, source)

    assert code == 1
    assert "more than the 100 MB" in capsys.readouterr().err
    assert not out.exists()


def test_an_existing_folder_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "imported"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")

    code, _ = _import(tmp_path)

    assert code == 1
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_a_typo_in_the_mapping_file_is_named_before_anything_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = catalog.bundled_data_dir() / "mappings" / "samhsa-locator.yaml"
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        shipped.read_text(encoding="utf-8").replace("{therapies: cbt}", "{therapies: cbtt}"),
        encoding="utf-8",
    )

    code, out = _import(tmp_path, ROWS, "--mapping", str(mapping))

    err = capsys.readouterr().err
    assert code == 1
    assert "'Cognitive behavioral therapy' maps to therapies 'cbtt'" in err
    assert not out.exists()
