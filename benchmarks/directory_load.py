"""How fast a big program directory opens: from its validated Feather cache, and in the finder app.

1. Builds a data folder whose directory has N synthetic programs (default 20,000), then
   loads it the way `carenav validate` does (every row validated: the baseline) and the
   way a kernel does (from the cache `validate` wrote), alternating, and prints medians.
   Each load also runs in a fresh process to report its peak memory (RSS).
2. With --finder, serves the program finder twice, on the bundled 64-program sample and
   on the N-program folder, and times navigation -> widgets visible in headless Chromium,
   alternating page by page, so the ratio compares loads made in the same run.
3. With --apps, builds the finder, the cost estimator and the navigator in fresh processes
   on both folders (each catalog read from its cache) and prints CPU seconds and RSS.

    .venv/bin/python benchmarks/directory_load.py [--programs 20000] [--runs 7] [--finder]
        [--apps] [--no-loads]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.app_load import time_page  # noqa: E402
from tests.browser.harness import CHROMIUM_ARGS, chromium_executable  # noqa: E402

from carenav.catalog import bundled_data_dir  # noqa: E402
from carenav.catalog.cache import CACHE_ENV  # noqa: E402
from carenav.catalog.program_rows import COLUMNS  # noqa: E402
from carenav.serving import apps_dir, free_port, voila_command, voila_environment  # noqa: E402
from carenav.synthetic import synthetic_table  # noqa: E402

# A fresh process: the imports a load needs (pandas, pyarrow, the models) timed apart
# from the load itself, then the process's peak resident memory.
_PEAK = """
import sys, time
start = time.perf_counter()
from carenav import catalog
import carenav.catalog.programs
imports = time.perf_counter() - start
start = time.perf_counter()
loaded = catalog.load(sys.argv[1], sections=("programs",), revalidate=sys.argv[2] == "validate")
took = time.perf_counter() - start
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent that started us.
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
print(len(loaded.programs), imports, took, peak)
"""


# A fresh process builds one app on a data folder (its catalog read from the cache first),
# the way a kernel does, and prints the CPU seconds the app's construction took and the RSS.
_APP = """
import importlib, sys, time
from carenav import catalog
module_name, class_name, folder, sections = sys.argv[1:5]
module = importlib.import_module(module_name)
loaded = catalog.load(folder, sections=sections.split(","))
start = time.process_time()
getattr(module, class_name)(loaded)
took = time.process_time() - start
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:")) / 1024
print(took, rss)
"""
# Each app's module, class and the catalog sections it reads.
APPS = {
    "program finder": (
        "carenav.ui.program_finder",
        "ProgramFinderApp",
        "programs,payers,reference,ranking",
    ),
    "cost estimator": (
        "carenav.ui.cost_estimator",
        "CostEstimatorApp",
        "reference,payers,programs",
    ),
    "navigator": (
        "carenav.ui.navigator",
        "NavigatorApp",
        "reference,payers,programs,rules,ranking",
    ),
}


def app_builds(folder: Path, runs: int) -> None:
    """Each app built on the sample and on the big folder, alternating, in fresh processes."""
    print(f"building each app (CPU seconds, then RSS), median of {runs} fresh processes:")
    for label, (module, name, sections) in APPS.items():
        figures: dict[str, list[tuple[float, float]]] = {"sample": [], "big": []}
        for _ in range(runs):
            for which, data in (("sample", bundled_data_dir()), ("big", folder)):
                out = subprocess.run(
                    [sys.executable, "-c", _APP, module, name, str(data), sections],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=os.environ,
                ).stdout.split()
                figures[which].append((float(out[-2]), float(out[-1])))
        sample, big = (
            (statistics.median(t for t, _ in f), statistics.median(m for _, m in f))
            for f in (figures["sample"], figures["big"])
        )
        print(
            f"  {label:<15} sample {sample[0]:.2f} s, {sample[1]:.0f} MB; "
            f"big {big[0]:.2f} s, {big[1]:.0f} MB"
        )


def make_folder(root: Path, programs: int) -> Path:
    folder = root / "data"
    shutil.copytree(bundled_data_dir(), folder)
    (folder / "programs" / "sample_programs.csv").unlink()
    synthetic_table(programs, seed=7)[list(COLUMNS)].to_csv(
        folder / "programs" / "synthetic.csv", index=False
    )
    return folder


def in_fresh_process(folder: Path, how: str) -> tuple[int, float, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(folder), how],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2]), float(out[3])


def loads(folder: Path, runs: int) -> None:
    from carenav import catalog

    catalog.load(folder, sections=("programs",), revalidate=True)  # builds the cache
    validated: list[float] = []
    cached: list[float] = []
    for _ in range(runs):
        for revalidate, out in ((True, validated), (False, cached)):
            start = time.perf_counter()
            loaded = catalog.load(folder, sections=("programs",), revalidate=revalidate)
            out.append(time.perf_counter() - start)
        assert len(loaded.programs) > 0
    n = len(loaded.programs)
    print(f"directory of {n:,} programs, median of {runs}:")
    print(f"  validate every row (carenav validate): {statistics.median(validated):.2f} s")
    print(f"  read from the cache (a kernel):        {statistics.median(cached):.3f} s")
    print(f"  ratio: {statistics.median(validated) / statistics.median(cached):.0f}x")
    for how in ("validate", "cache"):
        count, imports, took, peak = in_fresh_process(folder, how)
        print(
            f"  fresh process, {how:<8}: imports {imports:.2f} s, then {took:.2f} s,"
            f" peak RSS {peak:.0f} MB ({count:,} programs)"
        )


def finder(folder: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    servers = {}
    try:
        for label, data in (("sample", None), ("big", folder)):
            port = free_port()
            servers[label] = (
                subprocess.Popen(
                    voila_command(port, apps_dir()),
                    env=voila_environment(data),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ),
                f"http://127.0.0.1:{port}/voila/render/program_finder.ipynb",
            )
        for _, url in servers.values():
            _wait(url.split("voila/")[0])
        times: dict[str, list[float]] = {label: [] for label in servers}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(), args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            for _, url in servers.values():
                time_page(page, url)  # warm-up
            for _ in range(runs):
                for label, (_, url) in servers.items():
                    times[label].append(time_page(page, url))
            browser.close()
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=20)
    sample, big = (statistics.median(times[k]) for k in ("sample", "big"))
    print(f"program finder, navigation -> widgets visible, median of {runs}:")
    print(
        f"  64-program sample: {sample:.2f} s; big directory: {big:.2f} s; ratio {big / sample:.2f}"
    )


def _wait(url: str) -> None:
    for _ in range(240):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--finder", action="store_true", help="also time the finder app")
    parser.add_argument(
        "--apps", action="store_true", help="also build each app in a fresh process (CPU, RSS)"
    )
    parser.add_argument("--no-loads", action="store_true", help="skip the validate / cache medians")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ[CACHE_ENV] = str(root / "cache")
        folder = make_folder(root, args.programs)
        if args.no_loads:
            from carenav import catalog

            catalog.load(folder, sections=("programs",), revalidate=True)  # builds the cache
        else:
            loads(folder, args.runs)
        if args.apps:
            app_builds(folder, args.runs)
        if args.finder:
            finder(folder, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
