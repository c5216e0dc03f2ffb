"""conda users get the same runtime dependencies as pip users."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _normalise(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement).lower()


def test_environment_yml_lists_exactly_the_runtime_dependencies_of_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_normalise(r) for r in project["dependencies"]}
    environment = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    listed: set[str] = set()
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            listed |= {_normalise(r) for r in entry["pip"] if not r.startswith("-e")}
        elif not entry.startswith(("python", "pip")):
            listed.add(_normalise(entry))
    assert listed == wanted


def test_environment_yml_installs_the_package_itself_and_the_python_pyproject_requires() -> None:
    environment = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(e for e in environment["dependencies"] if isinstance(e, dict))["pip"]
    assert "-e ." in pip_section
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"python{project['requires-python']}" in environment["dependencies"]
