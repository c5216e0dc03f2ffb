"""Open Referral HSDS 3.0: export validates against the schemas, and import gives the directory back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carenav import catalog
from carenav.cli import main
from carenav.io.hsds_export import service_page
from carenav.io.hsds_import import import_services, services_in
from carenav.io.hsds_schemas import schema_errors
from carenav.synthetic import synthetic_table

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0"


def _rows(table: pd.DataFrame) -> list[dict[str, str]]:
    return [{str(c): str(v) for c, v in r.items() if str(v)} for r in table.to_dict("records")]


def test_the_bundled_directory_exports_as_hsds_that_the_schemas_accept_and_imports_back_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "directory.hsds.json"
    assert main(["export", "hsds", "-o", str(exported)]) == 0
    page = json.loads(exported.read_text(encoding="utf-8"))
    assert page["total_items"] == 64
    for service in page["contents"]:
        assert schema_errors(service, "service") == []
        codes = {a["taxonomy_term"]["code"] for a in service["attributes"]}
        assert {"levels", "plans", "therapies"} & codes

    out = tmp_path / "back"
    assert main(["import", "hsds", str(exported), "-o", str(out)]) == 0

    original = catalog.load(sections=("programs",)).programs
    back = catalog.load(out, sections=("programs",)).programs
    assert back.programs == original.programs
    assert "programs written: 64" in capsys.readouterr().out


def test_the_schema_check_names_what_is_wrong() -> None:
    broken = {"id": "not-a-uuid", "name": "Example", "status": "active", "attributes": [{"id": 7}]}

    assert schema_errors(broken, "service") == [
        "attributes/0/id: 7 is not of type 'string'",
        "id: 'not-a-uuid' is not a 'uuid'",
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(1, 12))
def test_export_then_import_gives_back_every_cell_of_any_directory(seed: int, size: int) -> None:
    rows = _rows(synthetic_table(size, seed))

    page = json.loads(json.dumps(service_page(rows)))  # as it travels: JSON text
    back = import_services(services_in(page, "x.json"), file="x.json", verified_on=date(2026, 1, 1))

    assert back.refused == []
    assert back.table == rows


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "organization_full.json",
    ],
)
def test_the_hsds_example_files_are_read_and_their_uk_service_refused_with_its_reasons(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "imported"

    code = main(["import", "hsds", str(EXAMPLES / name), "-o", str(out), "--level", "1"])

    captured = capsys.readouterr()
    assert code == 1
    assert "services read: 1" in captured.out
    assert "service 1 (Community Counselling): " in captured.out  # refused, with its reason
    assert "none of its 1 services could become a program" in captured.err
    assert not out.exists()


def test_untidy_real_world_hsds_is_cleaned_and_reported_and_a_missing_coordinate_uses_the_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    location = service["service_at_locations"][0]["location"]
    location.pop("latitude", None)
    location.pop("longitude", None)
    location["addresses"] = [
        {
            "id": "1",
            "address_1": "1 Example Way  ",
            "city": " Charlottesville ",
            "state_province": "va",
            "postal_code": "22902-1234",
            "country": "US",
            "address_type": "physical",
        }
    ]
    service["name"] = "CafÃ© Counselling   "
    service["phones"] = [{"id": "p", "number": "(434) 555-0100"}]
    source = tmp_path / "untidy.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    out = tmp_path / "imported"

    assert main(["import", "hsds", str(source), "-o", str(out), "--level", "1"]) == 0

    printed = capsys.readouterr().out
    program = catalog.load(out, sections=("programs",)).programs.programs[0]
    assert program.name == "Café Counselling"
    assert "repaired damaged characters" in printed
    assert "the ZIP code's centre is used" in printed
    assert (program.address.city, program.address.state, program.address.zip) == (
        "Charlottesville",
        "VA",
        "22902",
    )
    assert program.address.latitude is None
    frame = catalog.load(out, sections=("programs",)).programs.frame
    assert bool(frame["location_from_zip"].iloc[0])


@pytest.mark.parametrize(
    ("assured", "kept", "reported"),
    [
        ("2025-11-03", "2025-11-03", False),
        ("2025-11-03T09:30:00Z", "2025-11-03", False),
        ("2025-13-45", "2026-01-01", True),
        ("last spring", "2026-01-01", True),
        (None, "2026-01-01", False),
    ],
)
def test_a_service_checked_on_a_day_keeps_it_and_an_unreadable_assured_date_is_reported(
    assured: str | None, kept: str, reported: bool
) -> None:
    service = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    service["service_at_locations"][0]["location"]["addresses"] = [
        {
            "address_1": "1 Example Way",
            "city": "Salem",
            "state_province": "OR",
            "postal_code": "97301",
            "country": "US",
            "address_type": "physical",
        }
    ]
    service["phones"] = [{"id": "p", "number": "(503) 555-0100"}]
    service["assured_date"] = assured

    back = import_services([service], file="x.json", verified_on=date(2026, 1, 1), level="1")

    assert back.refused == []
    assert back.table[0]["verified_on"] == kept
    notes = [note for note in back.notes if "assured_date" in note]
    assert len(notes) == reported
    if reported:
        assert f"'{assured}' is not a date (expected YYYY-MM-DD); 2026-01-01 is used" in notes[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "is a web page (HTML)"),
        (b'{"contents": [{"name": "Cut off', "ends before its JSON is complete"),
        (b'{"contents": []}', "holds an empty list"),
        (b'{"version": "3.0"}', "holds no HSDS service"),
    ],
)
def test_a_file_that_is_not_hsds_gets_one_message_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(content)
    out = tmp_path / "imported"

    assert main(["import", "hsds", str(source), "-o", str(out)]) == 1

    err = capsys.readouterr().err
    assert str(source) in err and message in err
    assert not out.exists()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(1, 12))
def test_export_as_a_tabular_package_then_import_gives_back_every_cell(
    seed: int, size: int
) -> None:
    import tempfile

    from carenav.io.hsds_tabular import read_package
    from carenav.io.hsds_tabular_export import package_files

    rows = _rows(synthetic_table(size, seed))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in package_files(service_page(rows)["contents"]).items():
            (folder / name).write_text(text, encoding="utf-8")
        services, notes = read_package(folder)
    back = import_services(services, file="x", verified_on=date(2026, 1, 1))

    assert notes == []
    assert back.refused == []
    assert back.table == rows
