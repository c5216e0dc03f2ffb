"""Reading data files into models, collecting every problem instead of stopping at the first."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from carenav.errors import Problem

M = TypeVar("M", bound=BaseModel)

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DecimalLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """YAML's safe loader, but numbers with a point become Decimal: money is never a float."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | float:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except ArithmeticError:
        return float(text)  # .inf / .nan: let the model refuse them with a clear message


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def display_path(path: Path, root: Path) -> str:
    """A file's path relative to the data folder, as users see it in messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any | None:
    """The parsed YAML of one file, or None after recording why it could not be read."""
    shown = display_path(path, root)
    if not path.is_file():
        problems.append(Problem(shown, None, None, "the file is missing", "a YAML file here"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, None, None, f"cannot be read ({exc})", "a UTF-8 text file"))
        return None
    try:
        return yaml.load(text, Loader=_DecimalLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        reason = getattr(exc, "problem", None) or "it is not valid YAML"
        problems.append(
            Problem(shown, None, None, f"YAML syntax error at {where}: {reason}", "valid YAML")
        )
        return None


def field_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a readable field path: ('tiers', 0, 'deductible') -> 'tiers[0].deductible'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_EXPECTED = {
    "missing": "a value",
    "extra_forbidden": "only the fields the format documents",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "decimal_parsing": "an amount such as 1500 or 12.50",
    "decimal_type": "an amount such as 1500 or 12.50",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of field: value",
    "date_from_datetime_parsing": "a date as YYYY-MM-DD",
    "date_parsing": "a date as YYYY-MM-DD",
    "date_type": "a date as YYYY-MM-DD",
}


def problems_from_validation(
    exc: ValidationError, file: str, record: str | None, prefix: str = ""
) -> list[Problem]:
    """One Problem per pydantic error, naming the field and what was expected."""
    found: list[Problem] = []
    for error in exc.errors(include_url=False):
        field = field_path(tuple(error["loc"]))
        if prefix:
            field = f"{prefix}.{field}" if field else prefix
        kind = error["type"]
        message = error["msg"]
        if kind == "extra_forbidden":
            message = "is not a known field"
        elif kind == "missing":
            message = "is missing"
        elif kind.startswith("value_error") or kind == "assertion_error":
            message = message.removeprefix("Value error, ")
        expected = _EXPECTED.get(kind)
        if kind in {"extra_forbidden"}:
            expected = None
        found.append(Problem(file, record, field or None, message, expected))
    return found


def record_name(data: Any, position: int) -> str:
    """How a record is named in messages: its id or code when it has one, else its position."""
    if isinstance(data, dict):
        for key in ("id", "code", "name"):
            value = data.get(key)
            if isinstance(value, str | int | Decimal) and str(value).strip():
                return str(value)
    return f"#{position + 1}"


def validate_record(
    model: type[M], data: Any, file: str, record: str | None, problems: list[Problem]
) -> M | None:
    """The record as a model, or None after recording each of its problems."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, file, record))
        return None
