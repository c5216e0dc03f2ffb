"""Case files: a `ClientCase` as JSON, read back only after checking it against the model and the data.

Reading is all or nothing: a broken, foreign or future-version file raises one
`CaseFileError` naming the file, the field and what was expected, and nothing changes.
Writing happens only when the navigator asks (a download in the app, a path on the
command line): this module turns a case into text and never touches the disk itself.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import ValidationError

from carenav.errors import CarenavError, DataError, InputError, Problem, explain
from carenav.models.case import SCHEMA_VERSION, ClientCase

if TYPE_CHECKING:
    from carenav.catalog import Catalog

# A case is a few kilobytes; anything far larger is not a case file (and is refused
# before it is parsed, so a 10 MB upload costs nothing).
MAX_CASE_BYTES = 1_000_000
FORMAT = "carenav case file"


class CaseFileError(DataError):
    """A case file that cannot be opened: one problem, with file, field and what was expected."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem])
        self.problem = problem
        CarenavError.__init__(self, f"The case file could not be opened: {problem}")


def case_json(case: ClientCase) -> str:
    """The case as a JSON document (sorted keys, sorted sets), the form a download saves."""
    document = _sorted_sets(case.model_dump(), case.model_dump(mode="json"))
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _sorted_sets(python: Any, data: Any) -> Any:
    # Sets serialize in hash order, which changes between runs: sort them (and only
    # them; a shortlist keeps its order) so the same case always gives the same file.
    if isinstance(python, frozenset | set):
        return sorted(data, key=str)
    if isinstance(python, dict):
        return {k: _sorted_sets(python[k], v) for k, v in data.items()}
    if isinstance(python, list):
        return [_sorted_sets(p, d) for p, d in zip(python, data, strict=True)]
    return data


def read_case(content: bytes | str, catalog: Catalog, name: str = "case file") -> ClientCase:
    """The case in `content`, checked against the model and against `catalog`'s data."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if len(raw) > MAX_CASE_BYTES:
        _fail(
            name,
            None,
            f"is {len(raw):,} bytes, far larger than any case",
            "a case file of at most 1 MB",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _fail(name, None, "is not text", f"a {FORMAT} (JSON, UTF-8)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(
            name,
            None,
            f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            f"a {FORMAT}",
        )
    except RecursionError:
        _fail(name, None, "is nested too deeply to be a case", f"a {FORMAT}")
    if not isinstance(data, dict):
        _fail(name, None, f"holds a JSON {type(data).__name__}, not an object", f"a {FORMAT}")
    _check_version(data, name)
    try:
        case = ClientCase.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        words = explain(first)
        field = ".".join(str(part) for part in words.loc) or None
        message = words.message
        given = first.get("input")
        if words.kind == "extra_forbidden":
            message = "is not a field of a case"
        elif isinstance(given, str | int | float) and not isinstance(given, bool):
            message = f"{message} (given: {str(given)[:60]!r})"
        _fail(name, field, message, words.expected)
    check_against_data(case, catalog, name)
    return case


def _check_version(data: dict[str, Any], name: str) -> None:
    version = data.get("schema_version")
    if version is None:
        _fail(name, "schema_version", "is missing, so this is not a case file", f"a {FORMAT}")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        _fail(name, "schema_version", f"is {version!r}", "a whole number such as 1")
    if version > SCHEMA_VERSION:
        _fail(
            name,
            "schema_version",
            f"is {version}, from a newer carenav than this one (it reads version {SCHEMA_VERSION})",
            "a case saved by this version of carenav, or an update of carenav",
        )


def check_against_data(case: ClientCase, catalog: Catalog, name: str = "case") -> None:
    """Raise CaseFileError for any plan, program, level or rule set id the data does not hold."""
    plan = case.coverage.plan_id
    if plan is not None and plan not in catalog.payers:
        _fail(
            name, "coverage.plan_id", f"'{plan}' is not a plan in the data", _known(catalog.payers)
        )
    known_programs = catalog.programs.ids()
    for field in ("shortlist", "chosen_programs"):
        for program_id in getattr(case, field):
            if program_id not in known_programs:
                _fail(
                    name,
                    field,
                    f"'{program_id}' is not a program in the directory",
                    "program ids from the directory",
                )
    codes = catalog.continuum.codes()
    choice = case.level_of_care
    levels = [("level_of_care.suggested_level", choice.suggested_level)]
    if choice.decision is not None:
        levels.append(("level_of_care.decision.chosen_level", choice.decision.chosen_level))
    for field, code in levels:
        if code is not None and code not in codes:
            _fail(name, field, f"'{code}' is not a level of care", "one of " + ", ".join(codes))
    _check_assessments(case, catalog, name)


def _check_assessments(case: ClientCase, catalog: Catalog, name: str) -> None:
    rule_set_id = case.level_of_care.rule_set_id
    if rule_set_id is None:
        if case.assessments:
            _fail(
                name,
                "level_of_care.rule_set_id",
                "is missing, so the assessments cannot be read",
                "a rule set id",
            )
        return
    known = {r.id: r for r in catalog.rule_sets}
    if rule_set_id not in known:
        _fail(
            name,
            "level_of_care.rule_set_id",
            f"'{rule_set_id}' is not a rule set in the data",
            _known(known),
        )
    from carenav.placement import check_assessment

    for index, assessment in enumerate(case.assessments):
        try:
            check_assessment(assessment, known[rule_set_id])
        except InputError as exc:
            _fail(name, f"assessments.{index}.{exc.field}", exc.detail, exc.expected)


def _known(ids: Any) -> str:
    return "one of " + ", ".join(sorted(ids)) if ids else "an id the data holds"


def _fail(name: str, field: str | None, message: str, expected: str | None) -> NoReturn:
    raise CaseFileError(Problem(name, None, field, message, expected))


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case file, generated from the model (shipped as case.schema.json)."""
    schema = ClientCase.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://carenav.example.org/schemas/case-v{SCHEMA_VERSION}.schema.json"
    return schema


def schema_text() -> str:
    """The schema as the text shipped in the package."""
    return json.dumps(case_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # python -m carenav.io.case_file > src/carenav/io/case.schema.json
    print(schema_text(), end="")
