"""Reading data files into models, collecting every problem instead of stopping at the first."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from carenav.errors import Problem, problems_from_validation

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
