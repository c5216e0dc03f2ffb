"""How carenav runs Voila: standalone (never the Jupyter Server extension), on loopback, hardened.

Standalone Voila refuses code sent from the browser (only comm, kernel-info and
shutdown messages reach a kernel); the `/voila/render` route inside Jupyter Server
has no such filter, so carenav never serves through it. The settings that strip
sources, hide tracebacks, deny file downloads, time out cells and cull idle kernels
live in voila_config/voila.json.
"""

from __future__ import annotations

import compileall
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from carenav.catalog import DATA_ENV
from carenav.request_guard import ALLOWED_HOSTS_ENV, MAX_KERNELS_ENV
from carenav.resources import bundled_apps_dir

PACKAGE_DIR = Path(__file__).resolve().parent
CONFIG_DIR = PACKAGE_DIR / "voila_config"
# Read before CONFIG_DIR, so its request guard (carenav.request_guard) always applies.
GUARD_DIR = PACKAGE_DIR / "voila_guard"
JUPYTER_DATA_DIR = PACKAGE_DIR / "jupyter_data"
DEFAULT_PORT = 8866


def compile_bytecode() -> bool:
    """Compile carenav's modules to bytecode once, so no kernel compiles them again.

    Every Voila page starts a kernel that imports carenav afresh. An editable install
    has no bytecode, and where PYTHONDONTWRITEBYTECODE is set (many container images,
    some service managers) Python never caches it: each kernel then compiled about a
    hundred modules from source, 0.3 CPU seconds before its first widget. Up-to-date
    files are skipped; a read-only install (whose installer compiled it) is left as it
    is. False when some file could not be compiled or written.
    """
    try:
        return bool(compileall.compile_dir(PACKAGE_DIR, quiet=2, workers=1))
    except OSError:
        return False


def apps_dir() -> Path:
    """The Voila app notebooks that ship with carenav (voila_apps/ in the repository)."""
    return bundled_apps_dir()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_is_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port.

    Binds the way the server will (tornado sets SO_REUSEADDR): connections of a server just
    stopped linger in TIME-WAIT for about a minute, and without the option the port looks
    taken although a restart on it would work at once.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def voila_command(
    port: int,
    root: Path | None = None,
    base_url: str | None = None,
    extra_config: Path | None = None,
) -> list[str]:
    """The command line that serves the apps folder with carenav's configuration.

    `base_url` is the path prefix the browser sees when a proxy in front (JupyterHub's
    `/user/NAME/`) strips it before passing a request on: pages then link under the
    prefix while Voila keeps serving at `/`. `extra_config` is a folder whose voila.json
    overrides carenav's settings (a deployment's cell timeout or culling); the request
    guard is read first and cannot be switched off.
    """
    prefix: list[str] = []
    if base_url is not None:
        prefix = [f"--Voila.base_url={base_url}", "--Voila.server_url=/"]
    extra = [f"--Voila.config_file_paths={extra_config.resolve()}"] if extra_config else []
    return [
        sys.executable,
        "-m",
        "voila",
        str(root or apps_dir()),
        f"--port={port}",
        "--no-browser",
        # `--ip` is silently ignored by Voila 0.5; the trait name is not.
        "--Voila.ip=127.0.0.1",
        f"--Voila.config_file_paths={GUARD_DIR}",
        *extra,
        f"--Voila.config_file_paths={CONFIG_DIR}",
        f"--Voila.root_dir={root or apps_dir()}",
        *prefix,
    ]


def voila_environment(
    data_dir: Path | None,
    base: dict[str, str] | None = None,
    *,
    allowed_hosts: Sequence[str] = (),
    max_kernels: int | None = None,
) -> dict[str, str]:
    """The environment for Voila and its kernels: template path, data folder, request guard."""
    env = dict(os.environ if base is None else base)
    if allowed_hosts:
        env[ALLOWED_HOSTS_ENV] = ",".join(allowed_hosts)
    if max_kernels is not None:
        env[MAX_KERNELS_ENV] = str(max_kernels)
    existing = env.get("JUPYTER_PATH")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DATA_DIR), existing) if p)
    if data_dir is not None:
        env[DATA_ENV] = str(data_dir.resolve())
    # Kernels must not write client details anywhere: no IPython history database.
    env.setdefault("IPYTHONDIR", str(Path(env.get("TMPDIR", "/tmp")) / "carenav-ipython"))
    env["PYTHONUNBUFFERED"] = "1"
    return env
