"""What a kernel spends before an app's first widget: imports, the catalog, building the widgets.

Every Voila page load starts a fresh kernel that runs the app's notebook, so this cost is
paid once per page (and N times when N navigators open a page at once). For each app,
a fresh Python process runs the notebook's cells the way the kernel does and times
each step in CPU seconds (on a shared machine, wall time measures the neighbours), with
the process's resident memory after it:

- baseline: `import ipykernel, ipywidgets` (what a one-widget kernel holds anyway);
- imports: the notebook's first cell (carenav's app module and what it pulls in);
- app: the rest of the notebook (the app's construction, its catalog read included);
- private: of the memory after the app, the part that is the kernel's own (anonymous
  pages); the rest of the resident memory is shared libraries' pages (pandas' pyarrow alone
  maps about 60 MB), which every kernel on the machine shares;
- ZIP: resident memory once a client's ZIP code has been located;
- first search (the finder): choosing a need, which imports the engines and reads the
  directory frame the first screen did without, then the next search;
- catalog: the same `catalog.load(sections=...)` alone in another fresh process (the data
  folder read and validated, the directory's programs for the finder; it includes the
  imports the catalog needs, so it can exceed what the app spends on it).

    .venv/bin/python benchmarks/kernel_startup.py [--runs 5] [--apps program_finder,...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from carenav.serving import compile_bytecode

REPO = Path(__file__).resolve().parents[1]
APPS = REPO / "voila_apps"

# Runs in the fresh process: prints one JSON line of seconds and MB after each step.
PROBE = r"""
import json, re, sys, time
def rss(field="VmRSS:"):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
cells, mode = json.loads(sys.argv[1]), sys.argv[2]
out = {}
t = time.process_time(); import ipykernel.kernelapp, ipywidgets
out["baseline_s"], out["baseline_mb"] = time.process_time() - t, rss()
scope = {}
t = time.process_time(); exec(cells[0], scope)
out["imports_s"], out["imports_mb"] = time.process_time() - t, rss()
if mode == "app":
    # The same cells, keeping the app `launch` builds, for the first search below.
    body = re.sub(r"launch\((\w+)\)", r"launch(lambda: _built.append(\1()) or _built[-1])",
                  "\n".join(cells[1:]))
    scope["_built"] = []
    t = time.process_time(); exec(body, scope)
    out["app_s"], out["app_mb"] = time.process_time() - t, rss()
    out["app_private_mb"] = rss("RssAnon:")
    from carenav.geo import locate, place_name  # the first client ZIP a navigator types
    locate("22902"), place_name("22902")
    out["zip_mb"] = rss()
    app = scope["_built"][0]
    if hasattr(app, "inputs") and hasattr(app.inputs, "needs"):  # the finder's first search
        t, wall = time.process_time(), time.perf_counter()
        app.inputs.needs.value = (app.inputs.needs.options[0][1],)
        out["search_s"], out["search_wall_s"] = time.process_time() - t, time.perf_counter() - wall
        out["search_mb"] = rss()
        t = time.perf_counter(); app.inputs.zip.value = "97205"
        out["next_search_wall_s"] = time.perf_counter() - t
else:  # the app's catalog read alone, as cold as in a new kernel
    factory = re.search(r"launch\((\w+)\)", cells[1]).group(1)
    module = sys.modules[scope[factory].__module__]
    from carenav import catalog
    t = time.process_time(); catalog.load(sections=getattr(module, "SECTIONS", None))
    out["catalog_s"] = time.process_time() - t
print(json.dumps(out))
"""


def code_cells(name: str) -> list[str]:
    notebook = json.loads((APPS / f"{name}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def probe(name: str, mode: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(code_cells(name)), mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--apps", default="", help="comma-separated app names (default: all)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    names = [n for n in args.apps.split(",") if n] or sorted(p.stem for p in APPS.glob("*.ipynb"))

    compile_bytecode()  # as `carenav serve` does: kernels import compiled modules
    summary: dict[str, dict[str, float]] = {}
    for name in names:
        runs = [probe(name, "app") for _ in range(args.runs)]
        reads = [probe(name, "catalog") for _ in range(args.runs)]
        median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        median["catalog_s"] = statistics.median(r["catalog_s"] for r in reads)
        median["widgets_s"] = max(median["app_s"] - median["catalog_s"], 0.0)
        summary[name] = median
    print(f"Kernel start-up before the first widget, median of {args.runs} fresh processes")
    print("(CPU seconds per step; resident memory in MB after the step)")
    header = (
        f"{'app':<18}{'baseline':>9}{'imports':>9}{'app':>7}{'catalog':>9}"
        f"{'total':>8}{'MB base':>9}{'MB end':>8}{'private':>9}{'MB ZIP':>8}"
    )
    print(header)
    for name, m in summary.items():
        total = m["imports_s"] + m["app_s"]
        print(
            f"{name:<18}{m['baseline_s']:>9.2f}{m['imports_s']:>9.2f}{m['app_s']:>7.2f}"
            f"{m['catalog_s']:>9.2f}{total:>8.2f}{m['baseline_mb']:>9.0f}{m['app_mb']:>8.0f}"
            f"{m['app_private_mb']:>9.0f}{m['zip_mb']:>8.0f}"
        )
    for name, m in summary.items():
        if "search_s" in m:
            print(
                f"{name}: first search (a need chosen: the engines and the directory frame read) "
                f"{m['search_wall_s']:.2f} s ({m['search_s']:.2f} CPU s), then "
                f"{m['search_mb']:.0f} MB; the next search (a ZIP typed) {m['next_search_wall_s']:.3f} s"
            )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
