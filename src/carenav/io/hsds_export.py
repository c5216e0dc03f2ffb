"""A carenav directory as Open Referral HSDS 3.0 services, each checked against the HSDS schemas.

Each program becomes one `service` (the shape of HSDS's service_full) with its
organization, one service_at_location, its location, address and phone. HSDS has no
field for a level of care, plans accepted, therapies and most of what a navigator
filters on, so every directory column travels as an HSDS `attribute` whose
taxonomy_term belongs to the carenav taxonomy (docs/hsds.md): its code is the column
name, its value the cell's text, exactly as the directory file writes it. Importing the
export gives back the same directory. Ids are UUIDs derived from the program ids, so
the same directory always exports the same document.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from carenav.catalog.program_rows import COLUMNS

TAXONOMY = "carenav-directory"
TAXONOMY_URI = "https://carenav.example.org/taxonomy/directory-1"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, TAXONOMY_URI)


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def taxonomy_term(column: str) -> dict[str, Any]:
    """The carenav taxonomy term for one directory column."""
    return {
        "id": _id("term", column),
        "code": column,
        "name": column.replace("_", " "),
        "description": f"carenav directory column '{column}', written as the directory "
        "file writes it (docs/programs-format.md)",
        "taxonomy": TAXONOMY,
        "term_uri": f"{TAXONOMY_URI}#{column}",
    }


def service(row: Mapping[str, str]) -> dict[str, Any]:
    """One directory row (column -> cell text) as an HSDS 3.0 service with everything nested."""
    pid = row["id"]
    service_id, location_id = _id("service", pid), _id("location", pid)
    organization = row["organization"]
    phone = {"id": _id("phone", pid), "number": row["phone"], "type": "voice"}
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "name": row["name"],
        "addresses": [
            {
                "id": _id("address", pid),
                "location_id": location_id,
                "address_1": row.get("street", ""),
                "city": row["city"],
                "state_province": row["state"],
                "postal_code": row["zip"],
                "country": "US",
                "address_type": "physical",
            }
        ],
        "phones": [phone],
    }
    if row.get("latitude") and row.get("longitude"):
        location["latitude"] = float(row["latitude"])
        location["longitude"] = float(row["longitude"])
    document: dict[str, Any] = {
        "id": service_id,
        "organization_id": _id("organization", organization),
        "name": row["name"],
        "status": "active",
        "assured_date": row["verified_on"],
        "phones": [phone],
        "organization": {
            "id": _id("organization", organization),
            "name": organization,
            "description": f"{organization}, as a carenav program directory records it",
        },
        "service_at_locations": [
            {
                "id": _id("service_at_location", pid),
                "service_id": service_id,
                "location_id": location_id,
                "location": location,
            }
        ],
        "languages": [
            {"id": _id("language", pid, name), "service_id": service_id, "name": name}
            for name in _offered(row.get("languages", ""))
        ],
        "attributes": [
            {
                "id": _id("attribute", pid, column),
                "link_id": service_id,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": _id("term", column),
                "value": row[column],
                "taxonomy_term": taxonomy_term(column),
            }
            for column in COLUMNS
            if row.get(column)
        ],
    }
    if row.get("website"):
        document["url"] = row["website"]
    return document


def _offered(cell: str) -> list[str]:
    return [
        item.strip()
        for item in cell.split(";")
        if item.strip() and not item.strip().startswith("!")
    ]


def service_page(rows: Iterable[Mapping[str, str]]) -> dict[str, Any]:
    """Every row as one page of services, the shape of HSDS's paginated service list."""
    services = [service(row) for row in rows]
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
