"""Where the bundled data/ and Voila apps are, in an installed copy or a source checkout.

A wheel carries the repository's top-level data/ and voila_apps/ as the package
folders carenav/_data and carenav/_voila_apps (see setup.py); a source checkout,
editable or not yet installed, has them beside src/. Both are real folders on disk,
which Voila needs to serve the apps.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# The package folder in a wheel, and the folder beside src/ in the repository.
_BUNDLED = {"data": "_data", "voila_apps": "_voila_apps"}


def bundled_folder(name: str) -> Path:
    """The bundled folder `data` or `voila_apps`, wherever this copy of carenav keeps it."""
    package = Path(str(files("carenav")))
    installed = package / _BUNDLED[name]
    if installed.is_dir():
        return installed
    return package.parents[1] / name


def bundled_data_dir() -> Path:
    """The data/ folder that ships with carenav: reference data, plans, rules, samples."""
    return bundled_folder("data")


def bundled_apps_dir() -> Path:
    """The folder of Voila app notebooks that ships with carenav."""
    return bundled_folder("voila_apps")
