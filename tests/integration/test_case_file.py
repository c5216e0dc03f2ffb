"""Case files: a good one round-trips; each of twenty broken ones gets one clear message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from carenav import catalog
from carenav.catalog import Catalog
from carenav.io.case_file import (
    MAX_CASE_BYTES,
    CaseFileError,
    case_json,
    read_case,
    schema_text,
)
from carenav.models.case import ClientCase

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-case.json"
SHIPPED_SCHEMA = Path(__file__).resolve().parents[2] / "src" / "carenav" / "io" / "case.schema.json"


@pytest.fixture(scope="module")
def data() -> Catalog:
    return catalog.load(sections=("payers", "programs", "rules"))


def _good() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _with(path: str, value: Any) -> str:
    case = _good()
    *parents, last = path.split(".")
    node: Any = case
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return json.dumps(case)


def _edited(**fields: Any) -> str:
    return json.dumps({**_good(), **fields})


def _without(key: str) -> str:
    case = _good()
    del case[key]
    return json.dumps(case)


def test_the_example_case_opens_and_saves_back_to_the_same_case(data: Catalog) -> None:
    case = read_case(EXAMPLE.read_bytes(), data, "example-case.json")
    assert case.coverage.plan_id == "example-ppo-2026"
    assert case.level == "1"
    again = read_case(case_json(case), data)
    assert again == case
    assert case_json(again) == case_json(case)


def test_the_shipped_schema_is_the_one_the_model_generates() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: python -m carenav.io.case_file > src/carenav/io/case.schema.json"
    )


def test_the_example_case_is_valid_against_the_shipped_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_good(), schema)


# (what is broken, the file's content, words the one message must contain)
BROKEN: list[tuple[str, str | bytes, list[str]]] = [
    ("bad JSON", '{"schema_version": 1,', ["is not valid JSON", "line 1"]),
    ("empty file", "", ["is not valid JSON"]),
    ("not text", b"\xff\xfe\x00\x01binary", ["is not text"]),
    ("a list, not an object", "[1, 2, 3]", ["holds a JSON list, not an object"]),
    ("no version", _without("schema_version"), ["field schema_version", "is missing"]),
    ("future version", _with("schema_version", 2), ["is 2, from a newer carenav"]),
    ("version as text", _with("schema_version", "1"), ["field schema_version", "is '1'"]),
    (
        "unknown top-level field",
        _with("client_name", "Pat"),
        ["field client_name", "is not a field of a case"],
    ),
    (
        "unknown nested field",
        _with("coverage.copay", 5),
        ["field coverage.copay", "is not a field"],
    ),
    ("weeks as text", _with("weeks", "eight"), ["field weeks", "valid integer", "'eight'"]),
    # pydantic alone reads a number as seconds since 1970: 0 was a start of 1 January 1970.
    ("start as a number", _with("start", 0), ["field start", "is not a date", "YYYY-MM-DD"]),
    (
        "weeks out of range",
        _with("weeks", 500),
        ["field weeks", "is above 104", "expected 104 or less"],
    ),
    (
        "negative money",
        _with("coverage.accumulators.deductible_met", "-200"),
        ["field coverage.accumulators.deductible_met", "is below 0", "expected 0 or more"],
    ),
    (
        "money as a word",
        _with("coverage.accumulators.out_of_pocket_met", "lots"),
        ["field coverage.accumulators.out_of_pocket_met", "'lots'"],
    ),
    (
        "unknown plan id",
        _with("coverage.plan_id", "acme-gold-2026"),
        [
            "field coverage.plan_id",
            "'acme-gold-2026' is not a plan in the data",
            "example-ppo-2026",
        ],
    ),
    (
        "unknown program id",
        _edited(shortlist=["nowhere-iop"], chosen_programs=[]),
        ["field shortlist", "'nowhere-iop' is not a program"],
    ),
    (
        "unknown level",
        _edited(level_of_care={"rule_set_id": "illustrative-sud", "suggested_level": "9.9"}),
        ["field level_of_care.suggested_level", "'9.9' is not a level of care"],
    ),
    (
        "unknown rule set",
        _with("level_of_care.rule_set_id", "asam-4th"),
        ["field level_of_care.rule_set_id", "'asam-4th' is not a rule set"],
    ),
    (
        "different level without a reason",
        _with("level_of_care.decision", {"chosen_level": "2.1"}),
        ["field level_of_care", "a reason is required"],
    ),
    (
        "chosen program not on the shortlist",
        _with("chosen_programs", ["maple-lantern-iop"]),
        ["field chosen_programs", "chosen program 'maple-lantern-iop' is not on the shortlist"],
    ),
    ("ten megabytes of text", "x" * (10 * 1024 * 1024), ["10,485,760 bytes", "at most 1 MB"]),
    (
        "assessment off the scale",
        _with("assessments.0.ratings.withdrawal", 9),
        ["field assessments.0.ratings.withdrawal", "off the scale"],
    ),
    (
        "unknown Medicare Savings Program status",
        _with("coverage.dual", {"status": "qmb-plus"}),
        ["field coverage.dual.status", "'qmb-plus'"],
    ),
    (
        "notes longer than a case holds",
        _with("notes", "n" * 5001),
        ["field notes", "at most 5000 characters"],
    ),
    (
        "shortlist of five",
        _edited(shortlist=["a", "b", "c", "d", "e"], chosen_programs=[]),
        ["field shortlist", "at most 4"],
    ),
]


@pytest.mark.parametrize(("broken", "content", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_case_file_gets_one_message_naming_file_field_and_what_was_expected(
    data: Catalog, broken: str, content: str | bytes, words: list[str]
) -> None:
    with pytest.raises(CaseFileError) as raised:
        read_case(content, data, "client.json")
    error = raised.value
    assert len(error.problems) == 1, broken
    text = str(error)
    assert text.startswith("The case file could not be opened: client.json")
    assert "\n" not in text
    assert "Traceback" not in text
    for word in words:
        assert word in text, f"{broken}: {word!r} not in {text!r}"


def test_there_are_at_least_twenty_kinds_of_broken_file() -> None:
    assert len({b[0] for b in BROKEN}) >= 20


def test_the_size_limit_is_checked_before_parsing(data: Catalog) -> None:
    # A huge but valid-looking JSON document is refused by size, not parsed.
    huge = '{"schema_version": 1, "notes": "' + "a" * MAX_CASE_BYTES + '"}'
    with pytest.raises(CaseFileError, match="far larger than any case"):
        read_case(huge, data)


def test_a_case_changed_to_an_invalid_value_raises_and_the_case_is_unchanged() -> None:
    case = ClientCase.model_validate(_good())
    with pytest.raises(ValueError):
        case.changed(weeks=0)
    assert case.weeks == ClientCase.model_validate(_good()).weeks
