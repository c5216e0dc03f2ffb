"""Where carenav keeps what it can rebuild: the directory cache and the record of checks passed.

$CARENAV_CACHE_DIR, else $XDG_CACHE_HOME/carenav, else ~/.cache/carenav: a folder the user
can write and delete, never inside the installed package. Nothing about a client is kept here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import carenav

CACHE_ENV = "CARENAV_CACHE_DIR"


def cache_dir() -> Path:
    """Where caches are kept (see the module docstring)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "carenav"


def content_key(purpose: str, files: Iterable[Path]) -> str:
    """A SHA-256 of carenav's version, the purpose and each file's name and bytes, in order."""
    digest = hashlib.sha256(f"carenav {carenav.__version__} {purpose}\n".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()
