"""Where carenav keeps what it can rebuild: the directory cache and the record of checks passed.

$CARENAV_CACHE_DIR, else $XDG_CACHE_HOME/carenav, else ~/.cache/carenav: a folder the user
can write and delete, never inside the installed package. Nothing about a client is kept here.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "CARENAV_CACHE_DIR"


def cache_dir() -> Path:
    """Where caches are kept (see the module docstring)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "carenav"
