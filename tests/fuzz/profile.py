"""How hard the fuzz suite tries, and a tally of every input it ran.

`make test` runs the bounded profile: a few derandomized examples per test, the same inputs
on every machine, so the suite stays fast and a red run is reproducible. `make fuzz` sets
CARENAV_FUZZ_PROFILE=long: hundreds of fresh random examples per test, thousands in all.
Each test applies `FUZZ` itself rather than loading a profile for the whole session, so the
engines' own property tests keep their settings.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

PROFILE_ENV = "CARENAV_FUZZ_PROFILE"
MIN_INPUTS_ENV = "CARENAV_FUZZ_MIN_INPUTS"
# No per-example deadline: on a shared machine a slow example is load, not a bug, and a
# timing failure would be a flaky test. The bound is the number of examples.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
}
settings.register_profile("fuzz-bounded", max_examples=6, derandomize=True, **_COMMON)
settings.register_profile("fuzz-long", max_examples=300, **_COMMON)

PROFILE = "fuzz-" + os.environ.get(PROFILE_ENV, "bounded")


def fuzz(long: int = 300, bounded: int = 6) -> settings:
    """The settings of one fuzz test: `bounded` examples in `make test`, `long` in `make fuzz`.

    Tests whose every example reads a data folder or runs a command take the defaults;
    tests of the models alone, a thousand times cheaper, ask for more.
    """
    examples = long if PROFILE == "fuzz-long" else bounded
    return settings(settings.get_profile(PROFILE), max_examples=examples)


# (surface, outcome) -> inputs run; surfaces: "data files", "command line", "models".
TALLY: Counter[tuple[str, str]] = Counter()


def record(surface: str, outcome: str) -> None:
    """Count one generated input and what came of it: 'answer', 'message' or 'traceback'."""
    TALLY[surface, outcome] += 1
