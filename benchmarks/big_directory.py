"""An 84,578-program directory (about 50 MB): `carenav validate`, a finder kernel's memory, widgets.

The size of SAMHSA's national locator export, as fictional programs from carenav.synthetic.
Every figure is paired with the same measurement on the bundled 64-program sample, taken in
the same run, so a busy machine shows in both:

1. `carenav validate DIR` in a child process: wall time, CPU time and peak RSS (wait4).
   It validates every row and writes the directory cache the kernels then read.
2. A finder kernel's memory: a fresh process runs the program finder notebook's cells as a
   kernel does (CARENAV_DATA=DIR, the cache from step 1) and reports its resident memory
   (current and peak) and the CPU seconds before the first widget.
3. Unless --no-browser: the finder served by Voila on DIR and on the sample, alternating
   page by page in headless Chromium; seconds from navigation until the widgets show, and
   the Voila kernel's resident memory (psutil) once they do.

Targets (issue 15): validate < 10 s, each kernel <= 300 MB, widgets < 5 s.

    .venv/bin/python benchmarks/big_directory.py [--programs 84578] [--runs 3] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.app_load import time_page  # noqa: E402
from benchmarks.directory_load import make_folder  # noqa: E402
from tests.browser.harness import CHROMIUM_ARGS, chromium_executable  # noqa: E402

from carenav.catalog import DATA_ENV, bundled_data_dir  # noqa: E402
from carenav.catalog.cache import CACHE_ENV  # noqa: E402
from carenav.serving import apps_dir, free_port, voila_command, voila_environment  # noqa: E402

NATIONAL = 84_578  # rows in the 50 MB directory
CARENAV = Path(sys.executable).with_name("carenav")

# Runs in a fresh process as the finder's kernel would: the notebook's cells, then memory.
KERNEL = r"""
import json, sys, time
def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
cells = json.loads(sys.argv[1])
import ipykernel.kernelapp, ipywidgets
wall, cpu = time.perf_counter(), time.process_time()
scope = {}
for cell in cells:
    exec(cell, scope)
print(json.dumps({
    "wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
    "rss_mb": status("VmRSS:"), "peak_mb": status("VmHWM:"),
}))
"""


def finder_cells() -> list[str]:
    notebook = json.loads((apps_dir() / "program_finder.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def validate(folder: Path) -> dict[str, float]:
    """`carenav validate folder` in a child: wall and CPU seconds, peak RSS in MB."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(CARENAV), "validate", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"carenav validate {folder} failed")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
    }


def kernel(folder: Path) -> dict[str, float]:
    """The finder notebook run as a fresh kernel on `folder`: its time and memory."""
    done = subprocess.run(
        [sys.executable, "-c", KERNEL, json.dumps(finder_cells())],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, DATA_ENV: str(folder)},
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def in_voila(folders: dict[str, Path], runs: int) -> dict[str, dict[str, float]]:
    """Navigation -> widgets visible, and the kernel's RSS then, per folder, alternating."""
    import psutil
    from playwright.sync_api import sync_playwright

    servers: dict[str, tuple[subprocess.Popen[bytes], str]] = {}
    seconds: dict[str, list[float]] = {label: [] for label in folders}
    memory: dict[str, list[float]] = {label: [] for label in folders}
    try:
        for label, folder in folders.items():
            port = free_port()
            process = subprocess.Popen(
                voila_command(port, apps_dir()),
                env=voila_environment(folder),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            servers[label] = (process, f"http://127.0.0.1:{port}/voila/render/program_finder.ipynb")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(), args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            for _, url in servers.values():
                _until_up(page, url)
            for _ in range(runs):
                for label, (process, url) in servers.items():
                    try:
                        seconds[label].append(time_page(page, url))
                    except Exception:  # no widgets within time_page's 120 s: say so
                        seconds[label].append(float("inf"))
                    kernels = [
                        child.memory_info().rss / 2**20
                        for child in psutil.Process(process.pid).children(recursive=True)
                        if "ipykernel" in " ".join(child.cmdline())
                    ]
                    memory[label].append(max(kernels, default=float("nan")))
            browser.close()
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=30)
    return {
        label: {
            "widgets_s": statistics.median(seconds[label]),
            "widgets_max_s": max(seconds[label]),
            "kernel_rss_mb": statistics.median(memory[label]),
        }
        for label in folders
    }


def _until_up(page: object, url: str) -> None:
    """The first page of a fresh server (Voila starting up, imports cold): not timed."""
    for _ in range(2):
        try:
            time_page(page, url)  # type: ignore[arg-type]
            return
        except Exception:
            time.sleep(5)
    print(f"  {url}: no widgets within 120 s on its first two loads")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=NATIONAL)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true", help="skip the Voila measurement")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures: dict[str, object] = {"load_average_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ[CACHE_ENV] = str(root / "cache")
        big = make_folder(root, args.programs)
        folders = {"sample": bundled_data_dir(), "big": big}
        size = sum(p.stat().st_size for p in (big / "programs").glob("*.csv")) / 1e6
        print(f"{args.programs:,} fictional programs, directory CSV {size:.1f} MB")
        print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for step, measure in (("validate", validate), ("kernel", kernel)):
            runs: dict[str, list[dict[str, float]]] = {label: [] for label in folders}
            for _ in range(args.runs):
                for label, folder in folders.items():
                    runs[label].append(measure(folder))
            figures[step] = {label: medians(r) for label, r in runs.items()}
            print(f"  {step}: {json.dumps(figures[step])}", flush=True)
        if not args.no_browser:
            figures["voila"] = in_voila(folders, args.runs)
        figures["load_average_end"] = os.getloadavg()
    report(figures, args.runs)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def report(figures: dict[str, object], runs: int) -> None:
    print(f"medians of {runs}; 'sample' is the bundled 64-program directory, same run")
    rows = {
        "validate": [("wall_s", "validate wall s"), ("cpu_s", "CPU s"), ("peak_mb", "peak MB")],
        "kernel": [
            ("cpu_s", "finder kernel CPU s to widgets"),
            ("rss_mb", "RSS MB after"),
            ("peak_mb", "peak MB"),
        ],
        "voila": [
            ("widgets_s", "Voila widgets s"),
            ("widgets_max_s", "max s"),
            ("kernel_rss_mb", "kernel RSS MB"),
        ],
    }
    for step, columns in rows.items():
        found = figures.get(step)
        if not isinstance(found, dict):
            continue
        for key, name in columns:
            sample, big = found["sample"][key], found["big"][key]
            ratio = f"{big / sample:.2f}x" if sample else "-"
            print(f"  {name:<32} big {big:>9.2f}   sample {sample:>8.2f}   ratio {ratio}")
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in figures['load_average_end'])}")  # type: ignore[union-attr]


if __name__ == "__main__":
    raise SystemExit(main())
