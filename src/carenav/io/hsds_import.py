"""Open Referral HSDS 3.0 services (JSON) as directory table rows, with an account of each.

Reads a service, a list or page of services, a service_at_location, or an organization
with its services. A service carenav exported carries every directory column as a
carenav-taxonomy attribute and comes back exactly; any other service is read from its
HSDS fields (name, organization, assured_date, url, the first location's physical
address, coordinates and phone, languages) and needs a level of care from `--level`,
since HSDS has none. Text is trimmed; damaged encoding ("Ã©" for "é") is repaired and
reported; a missing coordinate falls back to the ZIP code's centre; a service that
cannot become a program is refused with its reason. Nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from carenav.io.hsds_export import TAXONOMY
from carenav.io.json_input import ImportFileError

EXPECTED = "Open Referral HSDS 3.0 JSON: a service, a list or page of services, a service_at_location or an organization with services"
_MOJIBAKE = ("Ã", "Â", "â€")


@dataclass
class HsdsImport:
    """The rows made from a file, and every refusal and repair."""

    services_read: int = 0
    table: list[dict[str, str]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """The import summary, line by line."""
        lines = [f"services read: {self.services_read}", f"programs written: {len(self.table)}"]
        lines.append(f"services refused: {len(self.refused)}")
        lines.extend(f"  {reason}" for reason in self.refused)
        lines.extend(f"note: {note}" for note in self.notes)
        return lines


def services_in(document: Any, file: str) -> list[Mapping[str, Any]]:
    """The services a document holds, in whichever HSDS shape it has them."""
    found = _services(document)
    if found is None:
        raise ImportFileError(file, None, "holds no HSDS service", EXPECTED)
    if not found:
        raise ImportFileError(file, None, "holds an empty list: no service to import", EXPECTED)
    return found


def _services(document: Any) -> list[Mapping[str, Any]] | None:
    if isinstance(document, list):
        out: list[Mapping[str, Any]] = []
        for item in document:
            inner = _services(item)
            if inner is None:
                return None
            out.extend(inner)
        return out
    if not isinstance(document, dict):
        return None
    if isinstance(document.get("contents"), list):
        return _services(document["contents"])
    if isinstance(document.get("services"), list):  # an organization with its services
        organization = {k: v for k, v in document.items() if k != "services"}
        return [
            {"organization": organization, **s} if isinstance(s, dict) else s
            for s in document["services"]
            if isinstance(s, dict)
        ]
    if isinstance(document.get("service"), dict):  # a service_at_location
        sal = {k: v for k, v in document.items() if k != "service"}
        return [{**document["service"], "service_at_locations": [sal]}]
    if "name" in document and ("status" in document or "attributes" in document):
        return [document]
    return None


def import_services(
    services: list[Mapping[str, Any]],
    *,
    file: str,
    verified_on: date,
    level: str | None = None,
) -> HsdsImport:
    """Every service as a directory row, or a refusal naming the service and the reason."""
    result = HsdsImport(services_read=len(services))
    seen: set[str] = set()
    for index, svc in enumerate(services, start=1):
        name = str(svc.get("name") or "").strip()
        where = f"service {index}" + (f" ({name})" if name else "")
        row = _native(svc, file, verified_on, level, result, where)
        row.update(_carenav_attributes(svc))
        reason = _missing(row)
        if reason:
            result.refused.append(f"{where}: {reason}")
            continue
        if row["id"] in seen:
            result.refused.append(f"{where}: the program id {row['id']} appears twice")
            continue
        seen.add(row["id"])
        result.table.append({k: v for k, v in row.items() if v})
    return result


def _carenav_attributes(svc: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for attribute in svc.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict) and term.get("taxonomy") == TAXONOMY and term.get("code"):
            value = attribute.get("value")
            out[str(term["code"])] = "" if value is None else str(value)
    return out


def _native(
    svc: Mapping[str, Any],
    file: str,
    verified_on: date,
    level: str | None,
    result: HsdsImport,
    where: str,
) -> dict[str, str]:
    def text(value: Any) -> str:
        return _clean(value, result, where)

    organization = _mapping(svc.get("organization"))
    sal = _first(svc.get("service_at_locations"))
    location = _mapping(sal.get("location"))
    address = _address(location.get("addresses"))
    name = text(svc.get("name"))
    service_id = text(svc.get("id"))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    row = {
        "id": f"{slug}-{service_id[:8].lower()}" if service_id else slug,
        "name": name,
        "organization": text(organization.get("name")) or name,
        "verified_on": _checked_on(text(svc.get("assured_date")), verified_on, result, where),
        "source": f"HSDS import from {file}" + (f" (service {service_id})" if service_id else ""),
        "street": ", ".join(
            p for p in (text(address.get("address_1")), text(address.get("address_2"))) if p
        ),
        "city": text(address.get("city")),
        "state": text(address.get("state_province")).upper(),
        "zip": text(address.get("postal_code")),
        "website": text(svc.get("url")),
        "languages": ";".join(
            sorted(
                {
                    text(lang.get("name")).lower()
                    for lang in svc.get("languages") or []
                    if isinstance(lang, dict) and lang.get("name")
                }
            )
        ),
        "levels": level or "",
    }
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if isinstance(latitude, int | float) and isinstance(longitude, int | float):
        row["latitude"], row["longitude"] = repr(float(latitude)), repr(float(longitude))
    elif location:
        result.notes.append(f"{where}: no coordinates; the ZIP code's centre is used")
    for phones in (
        svc.get("phones"),
        sal.get("phones"),
        location.get("phones"),
        organization.get("phones"),
    ):
        number = _phone(_first(phones).get("number"))
        if number:
            row["phone"] = number
            break
    if re.fullmatch(r"\d{5}(-\d{4})?", row["zip"]):
        row["zip"] = row["zip"][:5]
    return row


def _checked_on(assured: str, fallback: date, result: HsdsImport, where: str) -> str:
    """The day the service was last checked: its assured_date (a date or date-time), else `fallback`.

    An assured_date that is not a calendar day is reported, never kept or dropped unsaid.
    """
    if not assured:
        return fallback.isoformat()
    try:
        return date.fromisoformat(assured[:10]).isoformat()
    except ValueError:
        result.notes.append(
            f"{where}: assured_date '{assured}' is not a date (expected YYYY-MM-DD);"
            f" {fallback.isoformat()} is used"
        )
        return fallback.isoformat()


def _missing(row: Mapping[str, str]) -> str | None:
    if not row.get("name"):
        return "has no name"
    if not (row.get("city") and row.get("state") and row.get("zip")):
        return "has no physical address with city, state and postal code"
    if not re.fullmatch(r"[A-Z]{2}", row["state"]):
        return f"state_province '{row['state']}' is not a two-letter US state code"
    if not re.fullmatch(r"\d{5}", row["zip"]):
        return f"postal_code '{row['zip']}' is not a five-digit US ZIP code"
    if not row.get("phone"):
        return "has no usable phone number"
    if not row.get("levels"):
        return "records no level of care (HSDS has no field for it: give --level, e.g. --level 2.1)"
    return None


def _address(addresses: Any) -> Mapping[str, Any]:
    items = [a for a in addresses or [] if isinstance(a, dict)]
    physical = [a for a in items if a.get("address_type") == "physical"]
    return (physical or items or [{}])[0]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _first(items: Any) -> Mapping[str, Any]:
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0]
    return {}


def _phone(value: Any) -> str | None:
    digits = re.sub(r"\D", "", value if isinstance(value, str) else "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return None
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def _clean(value: Any, result: HsdsImport, where: str) -> str:
    """Trimmed text, inner runs of spaces made one, damaged encoding repaired (and reported)."""
    if value is None:
        return ""
    text = re.sub(r"\s+", " ", str(value)).strip()
    if any(mark in text for mark in _MOJIBAKE):
        try:
            repaired = text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            repaired = text
        if repaired != text:
            result.notes.append(f"{where}: repaired damaged characters in '{text}' -> '{repaired}'")
            text = repaired
    if "\ufffd" in text:
        result.notes.append(f"{where}: '{text}' has characters lost before export (�); check it")
    return text
