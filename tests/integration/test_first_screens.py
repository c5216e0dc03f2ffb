"""Each app's first screen opens without the libraries only later steps need.

Every Voila page starts a fresh kernel, so what an app imports before its first widget is
paid on every page load (and N times when N navigators open a page at once). pandas with
pyarrow alone took a finder kernel from 40 to 152 MB and about 0.6 CPU seconds; numpy
about 0.13 s. The first screens need neither: the directory's facts name its options and
programs, and the frame is read at the first search or estimate. This is what keeps them
out: one fresh process per app, the app notebook's cells, then the modules it holds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from carenav import catalog
from carenav.catalog.cache import CACHE_ENV

HEAVY = ("pandas", "pyarrow", "numpy")
APPS = [
    ("program_finder", "ProgramFinderApp", HEAVY),
    ("navigator", "NavigatorApp", HEAVY),
    ("cost_estimator", "CostEstimatorApp", HEAVY),
    ("care_continuum", "CareContinuumApp", HEAVY),
    # The readiness check shows a recommendation at once: the placement engine runs on arrays.
    ("readiness_check", "ReadinessCheckApp", ("pandas", "pyarrow")),
]
PROBE = """
import json, sys
from carenav.ui.base import launch
from carenav.ui.{module} import {app}
widget = launch({app})
assert "carenav-ready" in widget._dom_classes, "the app could not start"
print(json.dumps([name for name in {heavy!r} if name in sys.modules]))
"""


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A cache folder holding the bundled directory, validated once, as `carenav serve` leaves it."""
    folder = tmp_path_factory.mktemp("first-screens-cache")
    env = {**os.environ, CACHE_ENV: str(folder)}
    subprocess.run(
        [str(Path(sys.executable).parent / "carenav"), "validate", str(catalog.bundled_data_dir())],
        env=env,
        check=True,
        capture_output=True,
    )
    assert list(Path(folder).glob("*.facts.json"))
    return env


@pytest.mark.parametrize(("module", "app", "heavy"), APPS, ids=[a[0] for a in APPS])
def test_the_first_screen_opens_without_what_only_later_steps_need(
    warm_cache: dict[str, str], module: str, app: str, heavy: tuple[str, ...]
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module, app=app, heavy=heavy)],
        env=warm_cache,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.strip().splitlines()[-1]) == []
