"""Reading data files into models, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from carenav.errors import Problem, problems_from_validation

M = TypeVar("M", bound=BaseModel)

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping names one key twice; YAML would silently keep the last value."""


class _DataLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """YAML's safe loader made strict for data files.

    - Numbers with a point become Decimal: money is never a float.
    - A key given twice in one mapping is refused (with both lines), not "last one wins":
      a plan with `deductible: 1500` and, further down, `deductible: 99999` is a mistake.
    - A date that does not exist (2026-02-30) and a whole number too long for Python to
      read stay text, so the model refuses them with a message instead of a traceback.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                earlier = seen.get(key)
            except TypeError:  # an unhashable key: the base constructor says so
                break
            if earlier is not None:
                raise DuplicateKeyError(
                    None,
                    None,
                    f"the key '{key}' appears twice in one mapping "
                    f"(lines {earlier.start_mark.line + 1} and {key_node.start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | float:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except ArithmeticError:
        # .inf / .nan (YAML's spellings): let the model refuse them with a clear message.
        return float(loader.construct_yaml_float(node))


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    try:
        return int(loader.construct_yaml_int(node))
    except ValueError:  # longer than Python reads (4,300 digits): the model says "too large"
        return str(loader.construct_scalar(node))


def _construct_timestamp(
    loader: yaml.SafeLoader, node: yaml.ScalarNode
) -> datetime.date | datetime.datetime | str:
    try:
        value: datetime.date | datetime.datetime = loader.construct_yaml_timestamp(node)
    except ValueError:  # 2026-02-30: the model says "is not a real date"
        return str(loader.construct_scalar(node))
    return value


_DataLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_DataLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_DataLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

# What the top of every carenav data file is.
MAPPING = "a mapping of field: value (see the file's format in docs/)"


def display_path(path: Path, root: Path) -> str:
    """A file's path relative to the data folder, as users see it in messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def parse_yaml(text: str, shown: str, problems: list[Problem]) -> dict[str, Any] | None:
    """The parsed YAML mapping in text, or None after recording why it is not one."""
    try:
        data = yaml.load(text, Loader=_DataLoader)
    except DuplicateKeyError as exc:
        problems.append(Problem(shown, None, None, str(exc.problem), "each key once"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        reason = getattr(exc, "problem", None) or "it is not valid YAML"
        problems.append(
            Problem(shown, None, None, f"YAML syntax error at {where}: {reason}", "valid YAML")
        )
        return None
    except RecursionError:
        problems.append(Problem(shown, None, None, "is nested too deeply", MAPPING))
        return None
    if data is None:
        problems.append(Problem(shown, None, None, "is empty", MAPPING))
        return None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        problems.append(Problem(shown, None, None, f"holds {kind}, not a mapping", MAPPING))
        return None
    return data


def read_yaml(path: Path, root: Path, problems: list[Problem]) -> dict[str, Any] | None:
    """The parsed YAML mapping of one file, or None after recording why it could not be read."""
    shown = display_path(path, root)
    if not path.is_file():
        problems.append(Problem(shown, None, None, "the file is missing", "a YAML file here"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                shown, None, None, f"is not UTF-8 text (byte {exc.start + 1})", "a UTF-8 text file"
            )
        )
        return None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problems.append(Problem(shown, None, None, f"cannot be read ({reason})", "a readable file"))
        return None
    return parse_yaml(text, shown, problems)


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
