"""carenav.models exports every model by name, importing each module only when asked."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import carenav.models as models

SOURCE = Path(models.__file__).read_text(encoding="utf-8")


def _type_checking_imports() -> dict[str, str]:
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(SOURCE)):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("carenav.models.")
        ):
            for alias in node.names:
                found[alias.name] = node.module.rsplit(".", 1)[1]
    return found


def test_the_lazy_map_names_the_same_modules_as_the_imports_type_checkers_read() -> None:
    assert _type_checking_imports() == models._WHERE


def test_every_exported_name_is_the_object_its_module_defines() -> None:
    for name in models.__all__:
        module = importlib.import_module(f"carenav.models.{models._WHERE[name]}")
        assert getattr(models, name) is getattr(module, name)


def test_importing_the_levels_does_not_import_the_cost_or_program_models() -> None:
    code = "import sys, carenav.models.levels; print(sorted(m for m in sys.modules if m.startswith('carenav.models.')))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "carenav.models.coverage" not in loaded
    assert "carenav.models.program" not in loaded
