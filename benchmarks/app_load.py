"""How long each carenav app takes to show its widgets, against a one-widget Voila notebook.

Starts carenav's own Voila configuration on a free port over a temporary folder that
holds the apps and a one-widget baseline notebook, opens each page several times in
headless Chromium (alternating with the baseline, so drift on a noisy machine hits
both alike), and prints the median seconds from navigation until the widgets are
visible, and each app's ratio to the baseline.

Each page is opened on a quiet server, as one navigator opening one page sees it: a page
takes a kernel from Voila's preheated pool, and the server then starts and rehearses the
next one (about 1.5 CPU seconds, begun a second after the page asked); the next page
waits past that second and until the server is quiet, so no figure is one page slowed by
another's background work. Pages opened at once are
benchmarks/concurrency.py's subject.

    .venv/bin/python benchmarks/app_load.py [--runs 7] [--apps care_continuum,...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from nbformat.v4 import new_code_cell, new_notebook
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.harness import CHROMIUM_ARGS, READY_SHOWN, chromium_executable  # noqa: E402

from carenav.serving import (  # noqa: E402
    apps_dir,
    compile_bytecode,
    free_port,
    voila_command,
    voila_environment,
)

BASELINE = "one_widget_baseline"


def write_baseline(folder: Path) -> None:
    """A notebook that shows one button, marked ready the same way the apps are."""
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [
        new_code_cell(
            "import ipywidgets as widgets\n"
            "button = widgets.Button(description='OK')\n"
            "button.add_class('carenav-ready')\n"
            "button"
        )
    ]
    nbformat.write(notebook, folder / f"{BASELINE}.ipynb")


def _cpu_seconds(root: psutil.Process) -> float:
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def wait_until_quiet(server_pid: int, timeout: float = 60.0) -> None:
    """Until Voila and its kernels have used under 5% of a core for half a second."""
    root = psutil.Process(server_pid)
    deadline = time.monotonic() + timeout
    quiet_windows, last = 0, _cpu_seconds(root)
    while quiet_windows < 2 and time.monotonic() < deadline:
        time.sleep(0.25)
        now = _cpu_seconds(root)
        quiet_windows = quiet_windows + 1 if now - last < 0.0125 else 0
        last = now


# Voila refills a pool this long after a page takes its kernel (VoilaKernelManager.fill_delay).
REFILL_DELAY_S = 1.0


def time_page(page: Page, url: str, server_pid: int) -> float:
    page.goto("about:blank")
    # The last page's kernel is refilled only after Voila's delay: a server that is quiet
    # before then is about to get busy, and the next page would share the machine with it.
    time.sleep(REFILL_DELAY_S + 0.25)
    wait_until_quiet(server_pid)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY_SHOWN, polling="raf", timeout=120_000)  # every frame
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--apps", default="", help="comma-separated app names (default: all)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    names = [n for n in args.apps.split(",") if n] or sorted(
        p.stem for p in apps_dir().glob("*.ipynb")
    )

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in names:
            shutil.copy(apps_dir() / f"{name}.ipynb", root / f"{name}.ipynb")
        write_baseline(root)
        compile_bytecode()  # as `carenav serve` does before it starts Voila
        port = free_port()
        server = subprocess.Popen(
            voila_command(port, root),
            env=voila_environment(None),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}/"
            for _ in range(240):
                try:
                    urllib.request.urlopen(base_url, timeout=1)
                    break
                except OSError:
                    time.sleep(0.25)
            results = measure(base_url, names, args.runs, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=20)

    baseline = statistics.median(results[BASELINE])
    print(f"Voila app load, navigation -> widgets visible, median of {args.runs} (seconds)")
    print(f"{'page':<24}{'median':>8}{'min':>8}{'max':>8}{'ratio':>8}")
    summary = {}
    for name, times in results.items():
        median = statistics.median(times)
        ratio = median / baseline
        summary[name] = {"median_s": round(median, 3), "ratio_to_baseline": round(ratio, 2)}
        print(f"{name:<24}{median:>8.2f}{min(times):>8.2f}{max(times):>8.2f}{ratio:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


def measure(base_url: str, names: list[str], runs: int, server_pid: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {BASELINE: [], **{n: [] for n in names}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        for name in [BASELINE, *names]:  # one warm-up each: first kernel start, cold caches
            time_page(page, f"{base_url}voila/render/{name}.ipynb", server_pid)
        for _ in range(runs):
            for name in names:
                results[BASELINE].append(
                    time_page(page, f"{base_url}voila/render/{BASELINE}.ipynb", server_pid)
                )
                results[name].append(
                    time_page(page, f"{base_url}voila/render/{name}.ipynb", server_pid)
                )
        browser.close()
    return results


if __name__ == "__main__":
    raise SystemExit(main())
