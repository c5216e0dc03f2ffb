"""SAMHSA treatment locator rows (FindTreatment.gov's JSON) as directory table rows.

A locator row lists, per survey category, the values a facility reported. Within a
category the row lists, every carenav fact the mapping ties to that category and the
row does not report is a recorded no; a category the row lacks stays not recorded
(the survey asked about every option of a category, so silence within one is an
answer, but a missing category is not). The result is a table in the directory CSV
format (docs/programs-format.md) plus an account of every value and row.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from carenav.io.json_input import ImportFileError
from carenav.io.locator_mapping import LEVELS, STATE, LocatorMapping
from carenav.models.frame import FLAGS

EXPECTED = "a SAMHSA treatment locator export: JSON rows with name1, city, state, zip and services"


@dataclass
class LocatorImport:
    """What an import made of a file: the table rows and an account of every value and row."""

    rows_read: int = 0
    table: list[dict[str, str]] = field(default_factory=list)
    mapped: Counter[str] = field(default_factory=Counter)
    not_mapped: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    not_used: Counter[str] = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self, mapping: LocatorMapping) -> list[str]:
        """The import summary, line by line, as `carenav import locator` prints it."""
        lines = [f"rows read: {self.rows_read}", f"programs written: {len(self.table)}"]
        lines.append("values by category (mapped / not mapped):")
        for code in sorted(set(self.mapped) | set(self.not_mapped)):
            name = mapping.categories[code].name if code in mapping.categories else code
            missing = self.not_mapped.get(code, Counter())
            line = (
                f"  {code} ({name}): {self.mapped[code]} mapped, {sum(missing.values())} not mapped"
            )
            if missing:
                line += ": " + "; ".join(f"'{v}' ({n} rows)" for v, n in sorted(missing.items()))
            lines.append(line)
        if self.not_used:
            used = ", ".join(f"{c} ({n} rows)" for c, n in sorted(self.not_used.items()))
            lines.append(f"categories carenav keeps no fact from: {used}")
        lines.append(f"rows refused: {len(self.refused)}")
        lines.extend(f"  {reason}" for reason in self.refused)
        lines.extend(f"note: {note}" for note in self.notes)
        return lines


def locator_rows(document: Any, file: str) -> list[Mapping[str, Any]]:
    """The facility rows of a locator export: a list, or an object holding one under 'rows'."""
    rows = document.get("rows") if isinstance(document, dict) else document
    if isinstance(document, dict) and rows is None:
        rows = next((v for k, v in document.items() if k in {"data", "results"}), None)
    if not isinstance(rows, list):
        raise ImportFileError(file, None, "holds no list of facility rows", EXPECTED)
    if not rows:
        raise ImportFileError(file, None, "holds an empty list: no facility to import", EXPECTED)
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ImportFileError(file, f"row {index}", "is not an object", EXPECTED)
        where = _where(index, row)
        if not _text(row.get("name1")):
            raise ImportFileError(file, where, "has no facility name (name1)", EXPECTED)
        missing = [k for k in ("city", "state", "zip") if not _text(row.get(k))]
        if missing:
            raise ImportFileError(
                file, where, f"has no location ({', '.join(missing)} missing)", EXPECTED
            )
        if not isinstance(row.get("services", []), list):
            raise ImportFileError(file, where, "has services that are not a list", EXPECTED)
    return rows


def import_rows(
    rows: Sequence[Mapping[str, Any]],
    mapping: LocatorMapping,
    *,
    file: str,
    verified_on: date,
) -> LocatorImport:
    """Every locator row as a directory table row, or a refusal with its reason."""
    result = LocatorImport(rows_read=len(rows))
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        where = _where(index, row)
        facts = _facts(row, mapping, result)
        cells = _cells(facts)
        if not cells.get(LEVELS):
            settings = _category_values(row, "SET")
            result.refused.append(
                f"{where}: no service setting maps to a level of care "
                f"({'; '.join(settings) or 'no SET category'})"
            )
            continue
        phone = _phone(row.get("phone")) or _phone(row.get("intake1"))
        if phone is None:
            result.refused.append(f"{where}: no usable phone number ({row.get('phone')!r})")
            continue
        record = _identity(row, file, verified_on, result, where)
        if record["id"] in seen:
            result.refused.append(f"{where}: the same facility appears twice (frid)")
            continue
        seen.add(record["id"])
        record["phone"] = phone
        intake = _phone(row.get("intake1"))
        if intake and intake != phone:
            record["intake_phone"] = intake
        record.update(cells)
        result.table.append(record)
    return result


def _facts(
    row: Mapping[str, Any], mapping: LocatorMapping, result: LocatorImport
) -> dict[str, tuple[set[str], set[str]]]:
    """Per directory column: the tokens recorded yes and those recorded no."""
    state = _text(row.get("state")).lower()
    facts: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    kind = _text(row.get("typeFacility"))
    for column, tokens in mapping.facility_types.get(kind, {}).items():
        facts[column][0].update(tokens)
    services = row.get("services")
    for service in services if isinstance(services, list) else []:
        if not isinstance(service, dict):  # a damaged export: reported as not mapped, not read
            result.not_mapped["(no code)"][f"(not a service: {_text(service)[:40]!r})"] += 1
            continue
        code = _text(service.get("f2"))
        if code in mapping.not_used:
            result.not_used[code] += 1
            continue
        category = mapping.categories.get(code)
        values = [v.strip() for v in _text(service.get("f3")).split(";") if v.strip()]
        if category is None:
            for value in values:
                result.not_mapped[code or "(no code)"][value] += 1
            continue
        listed: dict[str, set[str]] = defaultdict(set)
        for value in values:
            if value not in category.values:
                result.not_mapped[code][value] += 1
                continue
            result.mapped[code] += 1
            for column, tokens in category.values[value].items():
                listed[column].update(state if t == STATE else t for t in tokens)
        for label_facts in category.values.values():
            for column, tokens in label_facts.items():
                yes, no = facts[column]
                for token in tokens:
                    token = state if token == STATE else token
                    (yes if token in listed[column] else no).add(token)
    return facts


def _cells(facts: Mapping[str, tuple[set[str], set[str]]]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for column, (yes, no) in facts.items():
        if column == LEVELS:
            cells[column] = ";".join(sorted(yes, key=float))
        elif column in FLAGS:
            cells[column] = "yes" if yes else ("no" if no else "")
        else:
            cells[column] = ";".join([*sorted(yes), *(f"!{t}" for t in sorted(no - yes))])
    return {c: v for c, v in cells.items() if v}


def _identity(
    row: Mapping[str, Any], file: str, verified_on: date, result: LocatorImport, where: str
) -> dict[str, str]:
    name1, name2 = _text(row.get("name1")), _text(row.get("name2"))
    frid = _text(row.get("frid"))
    slug = re.sub(r"[^a-z0-9]+", "-", f"{name1} {name2}".lower()).strip("-")[:60].strip("-")
    record = {
        "id": f"{slug}-{frid[:8]}" if frid else slug,
        "name": f"{name1}: {name2}" if name2 else name1,
        "organization": name1,
        "verified_on": verified_on.isoformat(),
        "source": f"SAMHSA treatment locator export {file}"
        + (f" (facility {frid[:12]})" if frid else ""),
        "street": ", ".join(p for p in (_text(row.get("street1")), _text(row.get("street2"))) if p),
        "city": _text(row.get("city")),
        "state": _text(row.get("state")).upper(),
        "zip": _text(row.get("zip"))[:5],
    }
    latitude, longitude = _text(row.get("latitude")), _text(row.get("longitude"))
    if latitude and longitude and _is_number(latitude) and _is_number(longitude):
        record["latitude"], record["longitude"] = latitude, longitude
    elif latitude or longitude:
        result.notes.append(
            f"{where}: coordinates {latitude!r}, {longitude!r} unusable; the ZIP centre is used"
        )
    website = _text(row.get("website"))
    if website and not website.startswith(("http://", "https://")):
        website = f"http://{website}"
    if website and re.fullmatch(r"https?://\S+", website):
        record["website"] = website
    return record


def _phone(value: Any) -> str | None:
    digits = re.sub(r"\D", "", _text(value))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) < 10:
        return None
    digits = digits[:10]  # an extension ("x123") is dropped; the main line stays
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def _category_values(row: Mapping[str, Any], code: str) -> list[str]:
    for service in row.get("services") or []:
        if isinstance(service, dict) and service.get("f2") == code:
            return [v.strip() for v in _text(service.get("f3")).split(";") if v.strip()]
    return []


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _text(value: Any) -> str:
    return (
        value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())
    )


def _where(index: int, row: Mapping[str, Any]) -> str:
    name = _text(row.get("name1")) if isinstance(row, dict) else ""
    return f"row {index}" + (f" ({name})" if name else "")
