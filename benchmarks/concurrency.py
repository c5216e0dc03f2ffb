"""Many pages at once: time-to-widgets and kernel memory when N navigators open an app together.

Against `carenav serve` (bundled sample data), N = 1, 4, 8, 12 pages of one app are
opened at the same moment in one headless Chromium (each page in a context of its own,
as N navigators would), and each page's time from navigation until its widgets are
visible is taken. Each context has opened the page once before (a returning navigator's
browser holds the page's scripts in its cache); `--cold` measures first visits, where
every page also downloads and compiles about 5 MB of scripts in the burst. Either way
the N browsers render on the server's own two cores, which N navigators' own computers
would not: the figures are an upper bound on what the server makes them wait. After
every burst the kernels' resident memory is summed (RSS, and PSS, which counts pages
shared between kernels once), then the pages are closed and the kernels allowed to end
before the next burst. With `--hub`, the same is done through
JupyterHub (deploy/jupyterhub/) for N navigators, each logged in with their own server.

The single-page median, measured in the same run, is the baseline for the ratios.

    .venv/bin/python benchmarks/concurrency.py [--app program_finder] [--sizes 1,4,8,12]
        [--hub-users 4] [--no-hub] [--preheat POOL [--fill-delay S]] [--json FILE]

carenav's voila.json keeps a pool of preheated kernels per app (SHIPPED_POOL, one): a
burst's first page takes the app's waiting kernel and the rest start their own. With
`--preheat POOL`, the bursts are repeated with POOL kernels waiting for the measured app
(`carenav serve --config`, as a team server would set it; `--fill-delay` seconds before
a taken kernel is replaced); the pools' idle kernels count in each row's memory. Each
burst starts with the pools full; each row's ratio is against one page alone in the
same setting.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.async_api import Browser, BrowserContext, async_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.harness import (  # noqa: E402
    CHROMIUM_ARGS,
    READY_SHOWN,
    chromium_executable,
    running_server,
)
from tests.hub.harness import ADMIN, Hub, descendants, running_hub  # noqa: E402

from carenav.serving import CONFIG_DIR, apps_dir  # noqa: E402

TIMEOUT_MS = 300_000
SHIPPED_POOL = int(
    json.loads((CONFIG_DIR / "voila.json").read_text())["VoilaConfiguration"].get(
        "default_pool_size", 0
    )
)
PASSWORD = "benchmark-navigator-4417"


@dataclass
class Burst:
    """One burst of N simultaneous page loads."""

    where: str
    pages: int
    seconds: list[float]
    kernels: int
    kernel_rss_mb: float
    kernel_pss_mb: float
    rest_rss_mb: float = 0.0
    # Navigation until the page's HTML has fully arrived: Voila sends it once the kernel
    # has run the notebook, so this is the server's part of each page load.
    served: list[float] = field(default_factory=list)
    # CPU seconds spent during the burst by the browsers, the kernels and the server.
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def served_median(self) -> float:
        return statistics.median(self.served) if self.served else float("nan")


class CpuMeter:
    """CPU seconds used by the browsers, the kernels and the server while a burst runs.

    Samples every process five times a second and keeps each one's last reading, so a
    process that lives shorter than a sample is missed (none of these do)."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.first: dict[int, float] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self._started = False  # set once the readings from before the burst are taken
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        kinds = {pid: "kernels" for pid in kernels_under(self.root)}
        kinds.update({pid: "server" for pid in others_under(self.root)})
        for process in psutil.process_iter(["name"]):
            name = process.info["name"] or ""
            kind = "browsers" if "chrom" in name or "headless" in name else kinds.get(process.pid)
            if kind is None:
                continue
            try:
                times = process.cpu_times()
            except (psutil.Error, OSError):
                continue
            used = times.user + times.system
            # Before the burst: what it had used; a process the burst started: from zero.
            self.first.setdefault(process.pid, 0.0 if self._started else used)
            self.last[process.pid] = (kind, used)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def __enter__(self) -> CpuMeter:
        self._sample()  # what each process had used before the burst
        self._started = True
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def totals(self) -> dict[str, float]:
        out = {"browsers": 0.0, "kernels": 0.0, "server": 0.0}
        for pid, (kind, used) in self.last.items():
            out[kind] += used - self.first.get(pid, 0.0)
        return out


def _memory_kb(pid: int, field: str) -> int:
    path = "smaps_rollup" if field == "Pss" else "status"
    key = "Pss:" if field == "Pss" else "VmRSS:"
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def kernels_under(pid: int) -> list[int]:
    return [p for p in descendants(pid) if "ipykernel_launcher" in _cmdline(p)]


def others_under(pid: int) -> list[int]:
    """pid and every process below it but the kernels (Voila; with the hub, also the hub,
    its proxy, the idle culler and each navigator's proxy)."""
    return [pid, *(p for p in descendants(pid) if "ipykernel_launcher" not in _cmdline(p))]


def megabytes(pids: list[int], field: str) -> float:
    return sum(_memory_kb(p, field) for p in pids) / 1024


async def wait_for_no_kernels(root: int, keep: int = 0, timeout: float = 120.0) -> None:
    """Until the pages' kernels have ended (a preheated pool keeps `keep` of its own)."""
    deadline = time.monotonic() + timeout
    while len(kernels_under(root)) > keep and time.monotonic() < deadline:
        await asyncio.sleep(0.25)


async def load(context: BrowserContext, url: str, start: float) -> tuple[float, float]:
    """Seconds from the burst's start until this page's widgets show, and until its HTML
    had fully arrived (the server's part)."""
    page = await context.new_page()
    opened = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    # Every 25 ms rather than every frame: a burst's pages share one browser.
    await page.wait_for_function(READY_SHOWN, polling=25, timeout=TIMEOUT_MS)
    shown = time.perf_counter() - start
    response_end = await page.evaluate(
        "() => performance.getEntriesByType('navigation')[0].responseEnd / 1000"
    )
    return shown, opened - start + float(response_end)


async def burst(
    contexts: list[BrowserContext], urls: list[str], root: int, where: str, keep: int = 0
) -> Burst:
    with CpuMeter(root) as meter:
        start = time.perf_counter()
        timings = await asyncio.gather(
            *(load(c, u, start) for c, u in zip(contexts, urls, strict=True))
        )
    kernels = kernels_under(root)
    result = Burst(
        where,
        len(urls),
        [shown for shown, _ in timings],
        len(kernels),
        megabytes(kernels, "Rss"),
        megabytes(kernels, "Pss"),
        megabytes(others_under(root), "Rss"),
        served=[served for _, served in timings],
        cpu=meter.totals(),
    )
    for context in contexts:
        for page in context.pages:
            await page.goto("about:blank")  # leaving the page ends its kernel
    print(
        f"  {where}: {result.pages} page(s), median {result.median:.2f} s, "
        f"max {max(result.seconds):.2f} s, {result.kernels} kernels, {result.kernel_rss_mb:.0f} MB",
        flush=True,
    )
    await wait_for_no_kernels(root, keep)
    return result


def pool_config(folder: Path, app: str, pool: int, fill_delay: float) -> Path:
    """A `carenav serve --config` folder: `pool` preheated kernels for `app`, the shipped
    pool for the other apps, refilled `fill_delay` seconds after a page takes one."""
    (folder / "voila.json").write_text(
        json.dumps(
            {
                "VoilaKernelManager": {
                    "fill_delay": fill_delay,
                    "kernel_pools_config": {
                        "default": {"pool_size": SHIPPED_POOL},
                        f"{app}.ipynb": {"pool_size": pool},
                    },
                }
            }
        )
    )
    return folder


@contextlib.contextmanager
def serving(app: str, pool: int, fill_delay: float) -> Iterator[tuple[str, int]]:
    """`carenav serve` as shipped, or (pool > 0) with `pool` kernels waiting for `app`."""
    with tempfile.TemporaryDirectory() as folder:
        args = ["--config", str(pool_config(Path(folder), app, pool, fill_delay))] if pool else []
        with running_server(args=args) as server:
            yield server.url, server.process.pid


def pooled_kernels(app_pool: int) -> int:
    """Kernels the server keeps waiting: `app_pool` for the measured app, the shipped pool
    for each other app."""
    apps = len(list(apps_dir().glob("*.ipynb")))
    return app_pool + SHIPPED_POOL * (apps - 1)


def _fetch(url: str, ready: threading.Barrier) -> float:
    ready.wait()
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=TIMEOUT_MS / 1000) as response:
        response.read()
    return time.perf_counter() - start


def server_only(app: str, sizes: list[int], pool: int = 0, fill_delay: float = 1.0) -> list[Burst]:
    """The server's part alone: N requests for the page at once, no browser drawing them.

    Voila answers a page request once its kernel has run the notebook, so the time until
    the whole page has arrived is what the server makes a navigator wait; here the N
    browsers' own drawing (on their own computers, in practice) does not share the two
    cores. Each burst runs against a fresh `carenav serve` (a page never opened keeps its
    kernel until the cull), after one page has warmed it up.
    """
    results = []
    pooled = pooled_kernels(pool or SHIPPED_POOL)
    for n in sizes:
        with serving(app, pool, fill_delay) as (base, root):
            url = f"{base}voila/render/{app}.ipynb"
            _fetch(url, threading.Barrier(1))  # the server's first page: caches, bytecode
            # That page's kernel lives on (no browser leaves it): the pool is full again
            # once its replacement has started too.
            wait_for_pool_now(root, pooled + 1)
            ready = threading.Barrier(n)
            with CpuMeter(root) as meter, ThreadPoolExecutor(n) as workers:
                threads = list(workers.map(_fetch, [url] * n, [ready] * n))
            kernels = kernels_under(root)
            burst = Burst(
                f"server, pool {pool}" if pool else "server only",
                n,
                sorted(threads),
                len(kernels),
                megabytes(kernels, "Rss"),
                megabytes(kernels, "Pss"),
                megabytes(others_under(root), "Rss"),
                served=sorted(threads),
                cpu=meter.totals(),
            )
        print(f"  {burst.where}: {n} page(s), median {burst.median:.2f} s", flush=True)
        results.append(burst)
    return results


def wait_for_pool_now(root: int, kernels: int, timeout: float = 300.0) -> None:
    """Until every notebook's pool is full again (`kernels` in all, idle)."""
    deadline = time.monotonic() + timeout
    while len(kernels_under(root)) < kernels and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(5)  # a refilled kernel still rehearses its app: let it finish


async def wait_for_pool(root: int, kernels: int) -> None:
    """wait_for_pool_now, off the event loop the browser bursts run on."""
    await asyncio.to_thread(wait_for_pool_now, root, kernels)


async def warm_up(context: BrowserContext, url: str) -> None:
    """Open the page once in this browser and close it, so its scripts are in its cache."""
    page = await context.new_page()
    await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    await page.wait_for_selector(".carenav-ready", state="visible", timeout=TIMEOUT_MS)
    await page.goto("about:blank")  # leaving the page ends its kernel; closing it would not
    await page.close()


async def against_serve(
    browser: Browser,
    app: str,
    sizes: list[int],
    preheat: int = 0,
    cold: bool = False,
    fill_delay: float = 1.0,
) -> list[Burst]:
    results = []
    where = f"pool {preheat}" if preheat else "carenav serve"
    pooled = pooled_kernels(preheat or SHIPPED_POOL)
    with serving(app, preheat, fill_delay) as (base, root):
        url = f"{base}voila/render/{app}.ipynb"
        await wait_for_pool(root, pooled)
        warm = await browser.new_context()
        await burst([warm], [url], root, "warm-up", keep=pooled)  # cold caches
        await warm.close()
        for n in sizes:
            contexts = [await browser.new_context() for _ in range(n)]
            if not cold:  # returning navigators: each browser has the page's scripts cached
                for context in contexts:
                    await warm_up(context, url)
                await wait_for_no_kernels(root, keep=pooled)
            await wait_for_pool(root, pooled)
            results.append(await burst(contexts, [url] * n, root, where, keep=pooled))
            for context in contexts:
                await context.close()
    return results


async def _sign_up(context: BrowserContext, hub: Hub, name: str) -> None:
    page = await context.new_page()
    await page.goto(f"{hub.url}/hub/signup")
    await page.fill("#username_input", name)
    await page.fill("#password_input", PASSWORD)
    await page.fill("#password_confirmation_input", PASSWORD)
    await page.click("#signup_submit")
    await page.wait_for_selector(".alert")
    await page.close()


async def _log_in(
    context: BrowserContext, hub: Hub, name: str, then: str, land: str | None = None
) -> None:
    """Log in and go to `then`; wait until the browser is at `land` (default: `then`)."""
    page = await context.new_page()
    await page.goto(f"{hub.url}/hub/login?next={then}")
    await page.fill("#username_input", name)
    await page.fill("#password_input", PASSWORD)
    await page.click("#login_submit")
    await page.wait_for_url(f"{hub.url}{land or then}**", timeout=TIMEOUT_MS)
    await page.close()


async def through_hub(browser: Browser, app: str, users: int, cold: bool) -> list[Burst]:
    names = [f"navigator{i}" for i in range(1, users + 1)]
    with tempfile.TemporaryDirectory() as state, running_hub(Path(state)) as hub:
        admin = await browser.new_context()
        for name in [ADMIN, *names]:
            await _sign_up(admin, hub, name)
        await _log_in(admin, hub, ADMIN, "/hub/authorize")
        page = admin.pages[0] if admin.pages else await admin.new_page()
        for name in names:
            await page.goto(f"{hub.url}/hub/authorize/{name}")
        await admin.close()
        contexts = []
        for name in names:  # each logs in, starts their server and lands on its page
            context = await browser.new_context()
            # JupyterHub 5 starts a server only when asked (/hub/spawn); /user/NAME/ alone
            # answers 424 "not running" from /hub/user/NAME/.
            await _log_in(context, hub, name, f"/hub/spawn/{name}", f"/user/{name}/")
            contexts.append(context)
        root = hub.process.pid
        pooled = len(names)  # each navigator's server keeps one kernel for the navigator app
        if not cold:
            for context, name in zip(contexts, names, strict=True):
                await warm_up(context, hub.app_url(name, app))
            await wait_for_no_kernels(root, keep=pooled)
        one = await burst(
            contexts[:1], [hub.app_url(names[0], app)], root, "hub, warm-up", keep=pooled
        )
        del one
        single = await burst(contexts[:1], [hub.app_url(names[0], app)], root, "hub", keep=pooled)
        together = await burst(
            contexts, [hub.app_url(n, app) for n in names], root, "hub", keep=pooled
        )
        for context in contexts:
            await context.close()
    return [single, together]


async def run(
    app: str,
    sizes: list[int],
    hub_users: int,
    preheat: int,
    cold: bool,
    server: bool,
    fill_delay: float,
    browsers: bool = True,
) -> list[Burst]:
    results: list[Burst] = []
    if browsers:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=chromium_executable(), args=CHROMIUM_ARGS
            )
            results += await against_serve(browser, app, sizes, cold=cold)
            if preheat:
                results += await against_serve(
                    browser, app, sizes, preheat, cold=cold, fill_delay=fill_delay
                )
            if hub_users:
                results += await through_hub(browser, app, hub_users, cold)
            await browser.close()
    if server:
        # Plain requests from threads: run outside the event loop the bursts above use.
        results += await asyncio.to_thread(server_only, app, sizes)
        if preheat:
            results += await asyncio.to_thread(server_only, app, sizes, preheat, fill_delay)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default="program_finder")
    parser.add_argument("--sizes", default="1,4,8,12", help="pages opened at once, per burst")
    parser.add_argument("--hub-users", type=int, default=4, help="navigators through the hub")
    parser.add_argument("--no-hub", action="store_true", help="measure carenav serve only")
    parser.add_argument(
        "--preheat",
        type=int,
        default=0,
        help="also measure with this many preheated kernels for the app (the other apps "
        "keep the shipped pool)",
    )
    parser.add_argument(
        "--fill-delay",
        type=float,
        default=1.0,
        help="with --preheat: seconds before Voila refills the pool after a page takes a kernel",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="first visits: each browser fetches and compiles the page's scripts in the burst",
    )
    parser.add_argument(
        "--server-only",
        action="store_true",
        help="also time the same bursts as plain page requests, with no browser drawing them",
    )
    parser.add_argument(
        "--no-browsers",
        action="store_true",
        help="with --server-only: only the plain page requests, no browser bursts",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n]
    hub_users = 0 if args.no_hub else args.hub_users
    results = asyncio.run(
        run(
            args.app,
            sizes,
            hub_users,
            args.preheat,
            args.cold,
            args.server_only,
            args.fill_delay,
            browsers=not (args.no_browsers and args.server_only),
        )
    )

    # Each row against one page alone in the same setting (the same server and pool).
    first = next(r for r in results if r.pages == 1)
    singles = {r.where: r for r in results if r.pages == 1}
    print(f"{args.app}: N pages opened at once, navigation -> widgets visible (seconds);")
    print("served: navigation -> the page's HTML fully arrived (Voila sends it once the kernel")
    print("has run the notebook: the server's part), median, and its ratio to one page alone;")
    print("CPU s: spent during the burst by the N browsers, the kernels and the server (Voila;")
    print("with the hub also the hub and its proxies) -- all on the same two cores here;")
    print("memory (MB): RSS and PSS summed over the burst's kernels, RSS per kernel, and the")
    print("RSS of everything else; ratio: median against one page alone in the same setting")
    header = (
        f"{'where':<15}{'pages':>6}{'median':>8}{'max':>8}{'ratio':>7}"
        f"{'served':>8}{'ratio':>7}{'CPU brw':>8}{'kern':>6}{'serv':>6}"
        f"{'kernels':>8}{'RSS':>8}{'RSS/k':>7}{'PSS':>8}{'rest':>8}"
    )
    print(header)
    for r in results:
        per = r.kernel_rss_mb / r.kernels if r.kernels else 0.0
        cpu = r.cpu
        single = singles.get(r.where, first)
        baseline, served_baseline = single.median, single.served_median
        print(
            f"{r.where:<15}{r.pages:>6}{r.median:>8.2f}{max(r.seconds):>8.2f}"
            f"{r.median / baseline:>7.2f}{r.served_median:>8.2f}"
            f"{r.served_median / served_baseline:>7.2f}"
            f"{cpu.get('browsers', 0):>8.1f}{cpu.get('kernels', 0):>6.1f}{cpu.get('server', 0):>6.1f}"
            f"{r.kernels:>8}{r.kernel_rss_mb:>8.0f}{per:>7.0f}"
            f"{r.kernel_pss_mb:>8.0f}{r.rest_rss_mb:>8.0f}"
        )
    if args.json:
        rows = [
            {
                "where": r.where,
                "baseline_s": round(singles.get(r.where, first).median, 2),
                "pages": r.pages,
                "median_s": round(r.median, 2),
                "max_s": round(max(r.seconds), 2),
                "ratio_to_single_page": round(r.median / singles.get(r.where, first).median, 2),
                "served_median_s": round(r.served_median, 2),
                "served_ratio_to_single_page": round(
                    r.served_median / singles.get(r.where, first).served_median, 2
                ),
                "cpu_seconds": {k: round(v, 1) for k, v in r.cpu.items()},
                "kernels": r.kernels,
                "kernel_rss_mb": round(r.kernel_rss_mb),
                "kernel_pss_mb": round(r.kernel_pss_mb),
                "rest_rss_mb": round(r.rest_rss_mb),
            }
            for r in results
        ]
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
