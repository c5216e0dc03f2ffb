"""An Open Referral HSDS 3.0 tabular data package (datapackage.json and CSV files) as HSDS services.

The package's datapackage.json (a Frictionless tabular data package) names the CSV file
of each HSDS table and its fields. Each file used is checked whole before anything is
joined: a web page, a file cut off, an empty file, a header without a field the package
requires or with one it does not list, a row without its id: one ImportFileError naming
the file, the row and the field, and nothing is read further (a column the package
does not list is read and noted). The rows are then joined
into the nested services that ``carenav.io.hsds_import`` reads from HSDS JSON, so both
forms go through the same mapping, cleaning and refusals. A link to a row the package does
not hold, or a coordinate that is not a number, is reported in the notes.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from carenav.io.json_input import MAX_BYTES, ImportFileError, read_json

PACKAGE_FILE = "datapackage.json"
EXPECTED = (
    "an Open Referral HSDS 3.0 tabular data package: a folder holding datapackage.json "
    "and the CSV files it lists"
)
# The HSDS tables a program is made from; the package's other tables are not read.
TABLES = (
    "service",
    "organization",
    "service_at_location",
    "location",
    "address",
    "phone",
    "language",
    "attribute",
    "taxonomy_term",
)
Row = dict[str, str]


def read_package(folder: Path) -> tuple[list[Mapping[str, Any]], list[str]]:
    """The services of the package in ``folder``, nested as HSDS JSON, and notes on its links."""
    resources = _resources(folder)
    notes: list[str] = []
    tables = {name: _read_table(folder, resource, notes) for name, resource in resources.items()}
    services, links = _services(tables)
    return services, notes + links


def _resources(folder: Path) -> dict[str, Mapping[str, Any]]:
    descriptor_path = folder / PACKAGE_FILE
    shown = str(descriptor_path)
    if not folder.is_dir():
        raise ImportFileError(str(folder), None, "is not a folder", EXPECTED)
    descriptor = read_json(descriptor_path, EXPECTED)
    listed = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(listed, list) or not listed:
        raise ImportFileError(shown, None, "lists no resources (CSV files)", EXPECTED)
    found: dict[str, Mapping[str, Any]] = {}
    for index, resource in enumerate(listed, start=1):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise ImportFileError(
                shown, f"resource {index}", "has no name", "a name and a path per resource"
            )
        name = resource["name"]
        if name not in TABLES:
            continue
        path = resource.get("path")
        if not isinstance(path, str) or not path.endswith(".csv"):
            raise ImportFileError(
                shown,
                f"resource {name}",
                "names no CSV file as its path",
                "a path such as services.csv",
            )
        parts = PurePosixPath(path).parts
        if PurePosixPath(path).is_absolute() or ".." in parts:
            raise ImportFileError(
                shown,
                f"resource {name}",
                f"names the file '{path}' outside the package's folder",
                "a path inside the folder, such as services.csv",
            )
        found[name] = resource
    if "service" not in found:
        raise ImportFileError(shown, None, "lists no service table", EXPECTED)
    return found


def _schema_fields(resource: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The fields the resource's schema lists, and those it marks required."""
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return [], ["id"]
    names = [str(f["name"]) for f in fields if isinstance(f, dict) and "name" in f]
    required = [
        str(f["name"])
        for f in fields
        if isinstance(f, dict)
        and isinstance(f.get("constraints"), dict)
        and f["constraints"].get("required") is True
    ]
    return names, required


def _read_table(folder: Path, resource: Mapping[str, Any], notes: list[str]) -> list[Row]:
    """Every row of one resource's CSV file, or ImportFileError saying why the file is not one."""
    path = folder / str(resource["path"])
    shown = str(path)
    expected = f"the CSV file of the HSDS {resource['name']} table that datapackage.json lists"
    text = _text(path, expected)
    if text.count('"') % 2:  # valid CSV doubles a quote inside quotes: the count is even
        raise ImportFileError(
            shown, None, "ends inside a quoted cell: the file was probably cut off", expected
        )
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise ImportFileError(
            shown,
            f"line {reader.line_num}",
            f"is not complete CSV ({exc}): the file was probably cut off",
            expected,
        ) from None
    if not rows:
        raise ImportFileError(shown, None, "has no header row", expected)
    header = [h.strip() for h in rows[0][1]]
    _check_header(shown, header, resource, expected, notes)
    out: list[Row] = []
    seen: set[str] = set()
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            raise ImportFileError(
                shown,
                f"line {line}",
                f"has {len(cells)} cells, not the {len(header)} its header names"
                " (a file cut off, or a comma outside quotes)",
                expected,
            )
        row = dict(zip(header, cells, strict=True))
        key = row.get("id", "").strip()
        if not key:
            raise ImportFileError(
                shown, f"line {line}", "has no id", "an id in every row (rows link by id)"
            )
        if key in seen:
            raise ImportFileError(shown, f"line {line}", f"repeats the id {key}", "each id once")
        seen.add(key)
        out.append(row)
    return out


def _text(path: Path, expected: str) -> str:
    shown = str(path)
    if not path.is_file():
        raise ImportFileError(shown, None, "is listed in datapackage.json but missing", expected)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFileError(
            shown,
            None,
            f"is {size / 1024 / 1024:.0f} MB, more than the {MAX_BYTES / 1024 / 1024:.0f} MB "
            "a file of an export can be",
            f"{expected} (split a larger export into parts)",
        )
    if size == 0:
        raise ImportFileError(shown, None, "is empty", expected)
    raw = path.read_bytes()
    if raw[:512].lstrip().lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        raise ImportFileError(
            shown,
            None,
            "is a web page (HTML), not CSV: the download probably failed or needed a login",
            expected,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            shown, None, f"is not UTF-8 text (byte {exc.start} cannot be read)", expected
        ) from None


def _check_header(
    shown: str, header: list[str], resource: Mapping[str, Any], expected: str, notes: list[str]
) -> None:
    """A required column missing refuses the file; a column the schema does not list is noted.

    Real packages carry columns from older HSDS versions (HSDS 3.0's own example keeps
    2.0's `fees` and `tax_id`): they are read as they are and reported, never refused.
    """
    fields, required = _schema_fields(resource)
    for name in required:
        if name not in header:
            raise ImportFileError(
                shown,
                "header",
                f"has no column '{name}', which datapackage.json requires",
                f"a header naming {', '.join(required)}",
            )
    extra = [name for name in header if fields and name not in fields]
    if extra:
        notes.append(
            f"{shown}: column(s) {', '.join(extra)} are not in datapackage.json's fields for "
            f"the {resource['name']} table; read as they are"
        )


def _services(tables: Mapping[str, list[Row]]) -> tuple[list[Mapping[str, Any]], list[str]]:
    notes: list[str] = []
    organizations = {r["id"]: r for r in tables.get("organization", [])}
    terms = {r["id"]: r for r in tables.get("taxonomy_term", [])}
    phones = _by(tables.get("phone", []), "service_id", "location_id", "organization_id")
    languages = _by(tables.get("language", []), "service_id")
    addresses = _by(tables.get("address", []), "location_id")
    attributes = _by(tables.get("attribute", []), "link_id")
    locations = {
        r["id"]: _location(r, addresses, phones, notes) for r in tables.get("location", [])
    }
    at = _by(tables.get("service_at_location", []), "service_id")
    services: list[Mapping[str, Any]] = []
    for row in tables["service"]:
        service_id = row["id"]
        organization_id = row.get("organization_id", "")
        organization = organizations.get(organization_id)
        if organization_id and organization is None:
            notes.append(
                f"service {service_id}: organization {organization_id} is not in the package"
            )
        sals = []
        for sal in at[("service_id", service_id)]:
            location = locations.get(sal.get("location_id", ""))
            if location is None:
                notes.append(
                    f"service {service_id}: location {sal.get('location_id')} is not in the package"
                )
                continue
            sals.append({"id": sal["id"], "location": location})
        services.append(
            {
                **row,
                "organization": (
                    {**organization, "phones": phones[("organization_id", organization_id)]}
                    if organization
                    else {}
                ),
                "service_at_locations": sals,
                "phones": phones[("service_id", service_id)],
                "languages": languages[("service_id", service_id)],
                "attributes": [
                    {**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id", ""), {})}
                    for a in attributes[("link_id", service_id)]
                ],
            }
        )
    return services, notes


def _location(
    row: Row,
    addresses: Mapping[tuple[str, str], list[Row]],
    phones: Mapping[tuple[str, str], list[Row]],
    notes: list[str],
) -> dict[str, Any]:
    location: dict[str, Any] = {
        **{k: v for k, v in row.items() if k not in ("latitude", "longitude")},
        "addresses": addresses[("location_id", row["id"])],
        "phones": phones[("location_id", row["id"])],
    }
    try:
        location["latitude"] = float(row["latitude"])
        location["longitude"] = float(row["longitude"])
    except (KeyError, ValueError):
        location.pop("latitude", None)
        given = (row.get("latitude", "").strip(), row.get("longitude", "").strip())
        if any(given):
            notes.append(
                f"location {row['id']}: latitude/longitude '{given[0]}', '{given[1]}' "
                "are not numbers; the ZIP code's centre is used"
            )
    return location


def _by(rows: list[Row], *columns: str) -> defaultdict[tuple[str, str], list[Row]]:
    """Rows grouped by each linking column's value, e.g. ('service_id', ID) -> phones."""
    grouped: defaultdict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        for column in columns:
            value = row.get(column, "").strip()
            if value:
                grouped[(column, value)].append(row)
    return grouped
