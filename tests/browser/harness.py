"""Starting carenav's Voila server and a headless Chromium for the browser tests."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from carenav.request_guard import MAX_KERNELS_ENV
from carenav.serving import apps_dir, free_port

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ENV = "CARENAV_CHROMIUM"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# A Voila page runs the notebook before it shows anything; allow for a slow, busy CI machine.
APP_TIMEOUT_MS = 90_000
# The `carenav` to serve with, when not this checkout's: .ci/check-wheel points it at a
# wheel installed in a clean virtual environment, run from a folder outside the repository.
SERVE_ENV = "CARENAV_SERVE_COMMAND"
# An app's root widget is drawn and visible (what Playwright's state="visible" means), for
# `page.wait_for_function` in benchmarks: `wait_for_selector` re-checks only every 500 ms
# once a page takes longer than about 0.3 s, which rounds a timing to a half second.
READY_SHOWN = """() => {
    const ready = document.querySelector('.carenav-ready');
    if (!ready) return false;
    const box = ready.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(ready).visibility !== 'hidden';
}"""
# carenav's voila.json keeps one preheated kernel waiting for each app.
# A test server's log lines carry the time to the millisecond, so a page that never opened
# can be lined up with the kernel it was given (`describe_stuck_page`).
LOG_CONFIG = {
    "Voila": {
        "log_format": "%(asctime)s.%(msecs)03d [%(name)s] %(message)s",
        "log_datefmt": "%H:%M:%S",
    }
}
POOLED_APPS = len(list(apps_dir().glob("*.ipynb")))


def chromium_executable() -> str | None:
    """Chromium to drive: $CARENAV_CHROMIUM, else the system's, else None (Playwright's own)."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@dataclass
class VoilaServer:
    """A running `carenav serve` on a free port."""

    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def app_url(self, name: str) -> str:
        return f"{self.url}voila/render/{name}.ipynb"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def pooled_kernels_handed_out(self) -> int:
        """How many page requests Voila has given a kernel from its preheated pool."""
        return self.log().count("Using pre-heated kernel")

    def wait_for_pools(self, refills: int = 0, timeout: float = 120.0) -> None:
        """Until every app's pool has filled at start and `refills` times since."""
        deadline = time.monotonic() + timeout
        while self.log().count("Kernel pool of ") < POOLED_APPS + refills:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"Voila's kernel pools did not fill:\n{self.log()}")
            time.sleep(0.25)


@contextmanager
def running_server(
    extra_env: dict[str, str] | None = None,
    data: Path | None = None,
    args: Sequence[str] = (),
    port: int | None = None,
) -> Iterator[VoilaServer]:
    """Start `carenav serve` (with extra `args`), wait until its port answers, stop it afterwards."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = port or free_port()
    log_path = ARTIFACTS / f"voila-{port}-{time.monotonic_ns()}.log"
    env = {**os.environ, **(extra_env or {})}
    # Playwright closes a page without Voila's shutdown beacon, so every page a test opened
    # keeps its kernel until culled; a whole session opens more pages than the default
    # cap, which would answer "busy". The cap's own test starts a server with --max-kernels.
    env.setdefault(MAX_KERNELS_ENV, "400")
    installed = os.environ.get(SERVE_ENV)
    carenav = [installed] if installed else [sys.executable, "-m", "carenav.cli"]
    command = [*carenav, "serve", "--port", str(port)]
    if data is not None:
        command += ["--data", str(data)]
    if "--config" not in args:
        config = ARTIFACTS / f"voila-config-{port}"
        config.mkdir(exist_ok=True)
        (config / "voila.json").write_text(json.dumps(LOG_CONFIG), encoding="utf-8")
        command += ["--config", str(config)]
    command += list(args)
    with log_path.open("wb") as log:
        # Its own process group, so teardown can stop Voila and every kernel it started.
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ARTIFACTS if installed else REPO,
            start_new_session=True,
        )
    server = VoilaServer(port, process, log_path, dict(extra_env or {}))
    try:
        _wait_for_port(server)
        # A server is ready once each app has a preheated kernel waiting (carenav's
        # voila.json): tests then see what a navigator sees, not a pool half started.
        server.wait_for_pools()
        yield server
    finally:
        process.terminate()  # Voila shuts its kernels down on SIGTERM
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # anything it left behind


def _wait_for_port(server: VoilaServer, timeout: float = 60.0) -> None:
    # Poll the landing page, not an app: every app page load starts a kernel.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"carenav serve exited early:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(f"carenav serve did not answer within {timeout:.0f} s:\n{server.log()}")
