"""Starting the JupyterHub of deploy/jupyterhub/ on free loopback ports for a test or benchmark.

The hub runs exactly as docs/deploy.md tells an administrator to run it
(`jupyterhub -f deploy/jupyterhub/jupyterhub_config.py` with CARENAV_HUB_* set), in its
own process group so that stopping it also stops the proxy, the idle culler and every
navigator's server and kernels.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from carenav.serving import free_port
from tests.browser.harness import ARTIFACTS, REPO

CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
LOCAL_PROXY = REPO / ".node" / "node_modules" / ".bin" / "configurable-http-proxy"
ADMIN = "admin"


@dataclass
class Hub:
    """A running JupyterHub with carenav behind it."""

    port: int
    state: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def user_url(self, name: str, path: str = "") -> str:
        return f"{self.url}/user/{name}/{path}"

    def app_url(self, name: str, app: str) -> str:
        return self.user_url(name, f"voila/render/{app}.ipynb")

    def home(self, name: str) -> Path:
        return self.state / "homes" / name

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def proxy_command() -> str:
    """configurable-http-proxy as `make hub-tools` installs it (npm, pinned)."""
    if not LOCAL_PROXY.exists():
        raise RuntimeError(
            f"{LOCAL_PROXY} is missing: run `make hub-tools` (installs configurable-http-proxy "
            "from npm into .node/)"
        )
    return str(LOCAL_PROXY)


@contextmanager
def running_hub(state: Path, extra_env: dict[str, str] | None = None) -> Iterator[Hub]:
    """Start the hub with its state in `state`, wait until it answers, stop it afterwards."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log_path = ARTIFACTS / f"hub-{port}.log"
    env = {
        **os.environ,
        "CARENAV_HUB_STATE": str(state),
        "CARENAV_HUB_PORT": str(port),
        "CARENAV_HUB_API_PORT": str(free_port()),
        "CARENAV_HUB_INTERNAL_PORT": str(free_port()),
        "CARENAV_HUB_ADMIN": ADMIN,
        "CARENAV_CHP": proxy_command(),
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)]
    state.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=state,
            start_new_session=True,
        )
    hub = Hub(port, state, process, log_path)
    try:
        _wait_until_up(hub)
        yield hub
    finally:
        stop(hub)


def stop(hub: Hub) -> None:
    """SIGTERM: the hub stops every navigator's server (cleanup_servers), then its proxy."""
    started = descendants(hub.process.pid)
    hub.process.terminate()
    try:
        hub.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        hub.process.kill()
        hub.process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(hub.process.pid, signal.SIGKILL)  # anything it left behind
    for pid in started | descendants(hub.process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # a server that started a session of its own


def descendants(pid: int) -> set[int]:
    """Every live process below pid (the proxy, servers, Voila, kernels)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        children = {child for child, parent in parents.items() if parent in frontier}
        frontier = children - found
        found |= children
    return found


def _wait_until_up(hub: Hub, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"jupyterhub exited early:\n{hub.log()}")
        try:
            # Through the public proxy, so the proxy and the hub are both up.
            with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=2) as response:
                if response.status == 200 and "version" in json.load(response):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"jupyterhub did not answer within {timeout:.0f} s:\n{hub.log()}")
