"""Checking documents against the HSDS 3.0 JSON Schemas that ship with carenav (io/hsds_schema/)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012


@lru_cache(maxsize=1)
def _registry() -> Registry[Any]:
    folder = files("carenav.io").joinpath("hsds_schema")
    resources = []
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            schema = json.loads(entry.read_text(encoding="utf-8"))
            resources.append((entry.name, DRAFT202012.create_resource(schema)))
    registry: Registry[Any] = Registry().with_resources(resources)
    return registry


@lru_cache(maxsize=8)
def validator(kind: str) -> Draft202012Validator:
    """A validator for one HSDS object schema ('service', 'organization', ...), formats checked."""
    schema = _registry().contents(f"{kind}.json")
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(document: Any, kind: str) -> list[str]:
    """Each way `document` breaks the HSDS `kind` schema, as 'path: message' (empty when valid)."""
    found = []
    for error in sorted(validator(kind).iter_errors(document), key=lambda e: list(e.path)):
        path = "/".join(str(p) for p in error.absolute_path) or "(the object)"
        found.append(f"{path}: {error.message}")
    return found
