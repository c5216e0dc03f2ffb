"""How fast a change in one navigator step shows in what depends on it, in a real browser.

Serves the navigator with carenav's Voila configuration, walks one fictional client to
the costs (the browser journey test's steps), then times, many times over, from the
moment a value is changed in the page to the moment the dependent view shows the new
answer:

- the weeks of the estimate -> every shortlisted program's cost estimated again;
- the handout's language -> the handout rewritten in the other language.

Prints the median, 90th percentile and range in milliseconds.

    .venv/bin/python benchmarks/navigator_update.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.harness import (  # noqa: E402
    APP_TIMEOUT_MS,
    CHROMIUM_ARGS,
    chromium_executable,
    running_server,
)
from tests.browser.panels import settle  # noqa: E402
from tests.browser.test_navigator_journey import (  # noqa: E402
    _choose_level,
    _costs,
    _enter_client,
    _shortlist,
    _step,
)


def time_weeks(page: Page, weeks: int) -> float:
    """Type a number of weeks; wait until the cost table says it."""
    box = page.locator(".carenav-case-weeks input")
    box.fill(str(weeks))
    start = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(
        "w => document.querySelector('.carenav-case-costs')?.textContent.includes(`over ${w} weeks`)",
        arg=weeks,
        polling="raf",
        timeout=APP_TIMEOUT_MS,
    )
    return time.perf_counter() - start


def time_language(page: Page, label: str, heading: str) -> float:
    """Choose the handout's language; wait until its heading is in that language."""
    button = page.locator(".carenav-handout-language button", has_text=label)
    start = time.perf_counter()
    button.click()
    page.wait_for_function(
        "h => document.querySelector('.carenav-handout h1')?.textContent === h",
        arg=heading,
        polling="raf",
        timeout=APP_TIMEOUT_MS,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results: dict[str, list[float]] = {"weeks -> costs": [], "language -> handout": []}
    with running_server() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(APP_TIMEOUT_MS)
        page.goto(server.app_url("navigator"), wait_until="commit")
        page.wait_for_selector(".carenav-ready", state="visible", timeout=APP_TIMEOUT_MS)
        settle(page)
        _enter_client(page)
        _choose_level(page)
        _shortlist(page)
        _costs(page)
        time_weeks(page, 9)  # warm-up
        for run in range(args.runs):
            results["weeks -> costs"].append(time_weeks(page, 10 + run % 2))
        _step(page, "Next steps and handout")
        time_language(page, "Español", "Cómo encontrar tratamiento: sus próximos pasos")
        for run in range(args.runs):
            spanish = run % 2 == 1
            results["language -> handout"].append(
                time_language(
                    page,
                    "Español" if spanish else "English",
                    "Cómo encontrar tratamiento: sus próximos pasos"
                    if spanish
                    else "Finding treatment: your next steps",
                )
            )
        browser.close()
    print(f"Navigator: a change -> what depends on it on screen, {args.runs} runs (milliseconds)")
    print(f"{'change':<24}{'median':>8}{'p90':>8}{'min':>8}{'max':>8}")
    summary = {}
    for name, times in results.items():
        ms = sorted(t * 1000 for t in times)
        median = statistics.median(ms)
        p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
        summary[name] = {"median_ms": round(median, 1), "p90_ms": round(p90, 1)}
        print(f"{name:<24}{median:>8.0f}{p90:>8.0f}{ms[0]:>8.0f}{ms[-1]:>8.0f}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
