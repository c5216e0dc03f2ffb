"""Open Referral HSDS 3.0 tabular data packages: read, joined, cleaned or reported, or refused whole."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from carenav import catalog
from carenav.cli import main
from carenav.io.hsds_export import TAXONOMY

PACKAGE = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0-tabular"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
LOCATION_ID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(PACKAGE, folder)
    return folder


def _edit(folder: Path, file: str, changes: dict[str, str]) -> None:
    """Set cells of the first data row of one CSV file of the package."""
    with (folder / file).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0].update(changes)
    with (folder / file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _in_the_us(folder: Path) -> None:
    """The example's one service moved to a US address and phone, untidy as real data is."""
    _edit(
        folder,
        "addresses.csv",
        {
            "address_1": " 1 Example Way ",
            "city": "Charlottesville  ",
            "state_province": "va",
            "postal_code": "22902-1234",
            "address_type": "physical",
        },
    )
    _edit(folder, "phones.csv", {"number": "(434) 555-0100"})
    _edit(folder, "locations.csv", {"latitude": "", "longitude": ""})


def test_the_hsds_tabular_example_is_read_and_its_uk_service_refused_with_its_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "imported"

    code = main(["import", "hsds", str(PACKAGE), "-o", str(out), "--level", "1"])

    captured = capsys.readouterr()
    assert code == 1
    assert "services read: 1" in captured.out
    assert "service 1 (Community Counselling): state_province 'MYSTATE'" in captured.out
    # Columns HSDS 3.0 no longer lists are read and reported, not refused or dropped unsaid.
    assert "tax_status, tax_id are not in datapackage.json's fields" in captured.out
    assert "none of its 1 services could become a program" in captured.err
    assert not out.exists()


def test_a_us_service_in_a_tabular_package_becomes_a_program_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path)
    _in_the_us(folder)
    out = tmp_path / "imported"

    assert main(["import", "hsds", str(folder), "-o", str(out), "--level", "2.1"]) == 0

    printed = capsys.readouterr().out
    assert "programs written: 1" in printed
    assert "the ZIP code's centre is used" in printed
    loaded = catalog.load(out, sections=("programs",)).programs
    program = loaded.programs[0]
    assert program.name == "Community Counselling"
    assert program.organization == "Example Organization Inc."
    assert (program.address.street, program.address.city, program.address.state) == (
        "1 Example Way, MyVillage",
        "Charlottesville",
        "VA",
    )
    assert program.address.zip == "22902"
    assert program.phone == "434-555-0100"
    assert program.levels == ["2.1"]
    assert "urdu" in program.languages.offered
    assert bool(loaded.frame["location_from_zip"].iloc[0])


def test_carenav_attributes_in_the_tabular_form_give_the_level_without_a_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path)
    _in_the_us(folder)
    _edit(
        folder, "attributes.csv", {"link_id": SERVICE_ID, "link_entity": "service", "value": "2.5"}
    )
    _edit(folder, "taxonomy_terms.csv", {"code": "levels", "taxonomy": TAXONOMY})
    out = tmp_path / "imported"

    assert main(["import", "hsds", str(folder), "-o", str(out)]) == 0

    program = catalog.load(out, sections=("programs",)).programs.programs[0]
    assert program.levels == ["2.5"]


def test_a_location_the_package_does_not_hold_is_reported_and_the_service_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path)
    _in_the_us(folder)
    _edit(folder, "service_at_location.csv", {"location_id": "no-such-location"})

    assert main(["import", "hsds", str(folder), "-o", str(tmp_path / "out"), "--level", "1"]) == 1

    printed = capsys.readouterr().out
    assert f"service {SERVICE_ID}: location no-such-location is not in the package" in printed
    assert "has no physical address" in printed


def _descriptor(folder: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((folder / "datapackage.json").read_text("utf-8"))
    return loaded


def _write_descriptor(folder: Path, descriptor: dict[str, object]) -> None:
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def _services_resource_path(folder: Path, path: str) -> None:
    descriptor = _descriptor(folder)
    for resource in descriptor["resources"]:  # type: ignore[attr-defined]
        if resource["name"] == "service":
            resource["path"] = path
    _write_descriptor(folder, descriptor)


def _cut_mid_quote(folder: Path) -> None:
    text = (folder / "services.csv").read_text(encoding="utf-8")
    cut = text.index('"Counselling Services provided') + len('"Counselling')
    (folder / "services.csv").write_text(text[:cut], "utf-8")


def _cut_mid_row(folder: Path) -> None:
    lines = (folder / "services.csv").read_text(encoding="utf-8").splitlines()
    (folder / "services.csv").write_text(lines[0] + "\n" + SERVICE_ID + ",org,prog\n", "utf-8")


def _sparse_huge(folder: Path) -> None:
    with (folder / "services.csv").open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: costs no disk


BAD = [
    (
        lambda f: (f / "datapackage.json").unlink(),
        "datapackage.json",
        "there is no such file",
    ),
    (
        lambda f: (f / "datapackage.json").write_text("<!doctype html><p>Sign in</p>", "utf-8"),
        "datapackage.json",
        "is a web page (HTML)",
    ),
    (
        lambda f: (f / "datapackage.json").write_text('{"resources": [{"name": "serv', "utf-8"),
        "datapackage.json",
        "ends before its JSON is complete",
    ),
    (
        lambda f: _write_descriptor(f, {"resources": []}),
        "datapackage.json",
        "lists no resources",
    ),
    (
        lambda f: _write_descriptor(
            f, {"resources": [{"name": "organization", "path": "organizations.csv"}]}
        ),
        "datapackage.json",
        "lists no service table",
    ),
    (
        lambda f: _services_resource_path(f, "../../etc/services.csv"),
        "datapackage.json",
        "outside the package's folder",
    ),
    (
        lambda f: (f / "services.csv").unlink(),
        "services.csv",
        "is listed in datapackage.json but missing",
    ),
    (lambda f: (f / "services.csv").write_bytes(b""), "services.csv", "is empty"),
    (
        lambda f: (f / "services.csv").write_text("<html><body>502</body></html>", "utf-8"),
        "services.csv",
        "is a web page (HTML), not CSV",
    ),
    (_cut_mid_quote, "services.csv", "ends inside a quoted cell: the file was probably cut off"),
    (_cut_mid_row, "services.csv", "has 3 cells, not the 23 its header names"),
    (
        lambda f: shutil.copy(f / "organizations.csv", f / "services.csv"),
        "services.csv",
        "which datapackage.json requires",
    ),
    (
        lambda f: (f / "services.csv").write_bytes("id,name\nx,Caf\u00e9\n".encode("latin-1")),
        "services.csv",
        "is not UTF-8 text",
    ),
    (_sparse_huge, "services.csv", "more than the 100 MB"),
    (
        lambda f: _edit(f, "services.csv", {"id": " "}),
        "services.csv",
        "line 2: has no id",
    ),
]


@pytest.mark.parametrize(("damage", "file", "message"), BAD)
def test_a_package_that_is_not_what_it_claims_gets_one_message_and_nothing_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: object,
    file: str,
    message: str,
) -> None:
    folder = _copy(tmp_path)
    damage(folder)  # type: ignore[operator]
    out = tmp_path / "imported"

    assert main(["import", "hsds", str(folder), "-o", str(out), "--level", "1"]) == 1

    captured = capsys.readouterr()
    assert str(folder / file) in captured.err and message in captured.err
    assert captured.err.count(" - ") == 1  # one message
    assert "services read" not in captured.out  # refused before any service was read
    assert not out.exists()


def test_the_bundled_directory_exports_as_a_tabular_package_that_imports_back_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "package"
    assert main(["export", "hsds", "--tabular", "-o", str(exported)]) == 0
    descriptor = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in descriptor["resources"]} >= {"service", "location", "attribute"}
    with (exported / "services.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 64

    out = tmp_path / "back"
    assert main(["import", "hsds", str(exported), "-o", str(out)]) == 0

    printed = capsys.readouterr().out
    assert "programs written: 64" in printed
    assert "not in datapackage.json's fields" not in printed  # carenav writes HSDS 3.0 exactly
    original = catalog.load(sections=("programs",)).programs
    back = catalog.load(out, sections=("programs",)).programs
    assert back.programs == original.programs


def test_exporting_a_tabular_package_over_an_existing_folder_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine", encoding="utf-8")

    assert main(["export", "hsds", "--tabular", "-o", str(taken)]) == 1

    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]


def test_a_service_row_without_a_name_is_refused_with_its_reason_and_the_rest_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path)
    _in_the_us(folder)
    with (folder / "services.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.append({**rows[0], "id": "second-service", "name": "  "})
    with (folder / "services.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "imported"

    assert main(["import", "hsds", str(folder), "-o", str(out), "--level", "1"]) == 0

    printed = capsys.readouterr().out
    assert "services read: 2" in printed
    assert "programs written: 1" in printed
    assert "service 2: has no name" in printed


def test_csv_files_saved_by_excel_with_a_byte_order_mark_and_crlf_lines_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path)
    _in_the_us(folder)
    for name in ("services.csv", "addresses.csv", "phones.csv"):
        text = (folder / name).read_text(encoding="utf-8")
        (folder / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    out = tmp_path / "imported"

    assert main(["import", "hsds", str(folder), "-o", str(out), "--level", "1"]) == 0

    program = catalog.load(out, sections=("programs",)).programs.programs[0]
    assert (program.name, program.address.city, program.phone) == (
        "Community Counselling",
        "Charlottesville",
        "434-555-0100",
    )
