"""Data flows one way: data/ -> catalog -> models -> engines -> presenters -> ui and commands.

Read from the source with the ast module, so a lazy import inside a function, or one
under TYPE_CHECKING, counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import carenav

PACKAGE = Path(carenav.__file__).parent
# The pure engines, and the modules they read the directory frame and comparisons with.
ENGINES = (
    "costs",
    "matching",
    "placement",
    "transitions",
    "coverage_review",
    "co_occurring",
    "directory",
    "compare",
)
# What may not import the catalog: the vocabulary and every engine.
BELOW_CATALOG = ("models", *ENGINES)
WIDGETS = ("ipywidgets", "IPython", "voila")


def _modules(*names: str) -> list[Path]:
    found: list[Path] = []
    for name in names:
        folder, module = PACKAGE / name, PACKAGE / f"{name}.py"
        found.extend(sorted(folder.rglob("*.py")) if folder.is_dir() else [module])
    return found


def _imports(path: Path) -> set[str]:
    """Every module a source file imports, anywhere in it, as a dotted name."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _offences(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{path.relative_to(PACKAGE)} imports {name}"  # path is in the package
        for path in paths
        for name in _imports(path)
        if any(_under(name, package) for package in forbidden)
    )


def test_the_layer_check_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from carenav.placement import recommend_level\n"
        "def f():\n    from carenav import catalog\n",
        encoding="utf-8",
    )
    assert {"carenav.catalog", "carenav.placement"} <= _imports(source)
    assert not _under("carenav.catalogue", "carenav.catalog")


@pytest.mark.parametrize("layer", BELOW_CATALOG)
def test_no_model_or_engine_imports_the_catalog(layer: str) -> None:
    assert _offences(_modules(layer), ("carenav.catalog",)) == []


def test_the_catalog_imports_no_engine() -> None:
    engines = tuple(f"carenav.{name}" for name in ENGINES)
    assert _offences(_modules("catalog"), engines) == []


def test_nothing_below_the_apps_imports_widgets() -> None:
    below = _modules("models", "catalog", *ENGINES, "present")
    assert _offences(below, WIDGETS) == []


def test_no_engine_or_presenter_imports_the_apps_or_commands() -> None:
    upward = ("carenav.ui", "carenav.commands", "carenav.cli")
    assert _offences(_modules("models", "catalog", *ENGINES, "present"), upward) == []


def test_no_engine_imports_a_presenter() -> None:
    assert _offences(_modules("models", "catalog", *ENGINES), ("carenav.present",)) == []
