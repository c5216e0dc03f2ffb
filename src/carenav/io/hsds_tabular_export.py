"""HSDS 3.0 services (as ``carenav.io.hsds_export`` builds them) as a tabular data package.

Each nested object becomes a row of its table (``services.csv``, ``organizations.csv``,
``service_at_location.csv``, ``locations.csv``, ``addresses.csv``, ``phones.csv``,
``languages.csv``, ``attributes.csv``, ``taxonomy_terms.csv``), linked by id as HSDS's
tabular form links them; an object two services share (an organization, a taxonomy
term, a phone listed on the service and its location) is written once. The
``datapackage.json`` lists each table's fields from the HSDS 3.0 JSON Schemas carenav
ships (their non-nested properties, and the ones they require), so
``carenav import hsds FOLDER`` reads the package back into the same directory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

from carenav.io.hsds_tabular import PACKAGE_FILE

# table name -> file, in the order a reader meets them.
FILES = {
    "service": "services.csv",
    "organization": "organizations.csv",
    "service_at_location": "service_at_location.csv",
    "location": "locations.csv",
    "address": "addresses.csv",
    "phone": "phones.csv",
    "language": "languages.csv",
    "attribute": "attributes.csv",
    "taxonomy_term": "taxonomy_terms.csv",
}
_TYPES = {"number": "number", "integer": "integer", "boolean": "boolean"}


@lru_cache(maxsize=16)
def table_fields(table: str) -> tuple[tuple[dict[str, Any], ...], tuple[str, ...]]:
    """The tabular fields of one HSDS table (its schema's non-nested properties) and those required."""
    schema = json.loads(files("carenav.io").joinpath("hsds_schema", f"{table}.json").read_text())
    fields = []
    for name, spec in schema["properties"].items():
        kind = spec.get("type")
        if kind in ("array", "object") or "$ref" in spec or "items" in spec:
            continue  # nested objects: the tabular form links rows by id instead
        field: dict[str, Any] = {"name": name, "type": _TYPES.get(str(kind), "string")}
        if spec.get("format"):
            field["format"] = spec["format"]
        fields.append(field)
    names = {f["name"] for f in fields}
    required = tuple(r for r in schema.get("required", []) if r in names)
    for field in fields:
        field["constraints"] = {"required": field["name"] in required}
    return tuple(fields), required


def tables(services: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every object of the services as rows of its table, each object once (first seen wins)."""
    out: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in FILES}

    def put(table: str, item: Mapping[str, Any], **links: str) -> None:
        row = out[table].setdefault(str(item["id"]), {})
        for key, value in {**_flat(item), **links}.items():
            row.setdefault(key, value)

    for svc in services:
        service_id = str(svc["id"])
        put("service", svc)
        if svc.get("organization"):
            put("organization", svc["organization"])
        for phone in svc.get("phones") or []:
            put("phone", phone, service_id=service_id)
        for language in svc.get("languages") or []:
            put("language", language, service_id=service_id)
        for attribute in svc.get("attributes") or []:
            put("attribute", attribute, link_id=service_id)
            if attribute.get("taxonomy_term"):
                put("taxonomy_term", attribute["taxonomy_term"])
        for sal in svc.get("service_at_locations") or []:
            location = sal.get("location") or {}
            put("service_at_location", sal, service_id=service_id, location_id=str(location["id"]))
            put("location", location)
            for address in location.get("addresses") or []:
                put("address", address, location_id=str(location["id"]))
            for phone in location.get("phones") or []:
                put("phone", phone, location_id=str(location["id"]))
    return {name: list(rows.values()) for name, rows in out.items()}


def _flat(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not isinstance(v, dict | list)}


def package_files(services: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """File name -> text: the CSV files and the datapackage.json that lists them."""
    written: dict[str, str] = {}
    resources = []
    for table, rows in tables(services).items():
        fields, _ = table_fields(table)
        names = [f["name"] for f in fields]
        unknown = sorted({k for row in rows for k in row} - set(names))
        if unknown:  # a carenav bug: the package would not be HSDS 3.0
            raise ValueError(f"{table} rows carry fields HSDS 3.0 does not list: {unknown}")
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        written[FILES[table]] = text.getvalue()
        resources.append(
            {
                "name": table,
                "path": FILES[table],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": list(fields), "primaryKey": "id"},
            }
        )
    descriptor = {
        "name": "carenav-directory",
        "title": "A carenav program directory as Open Referral HSDS 3.0",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    written[PACKAGE_FILE] = json.dumps(descriptor, indent=1) + "\n"
    return written


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)
