"""Run every carenav benchmark in turn and print its figures (`make bench`).

Each script measures its own baseline in the same run and prints medians and ratios;
on a shared 2-core machine, quote those, not single timings.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("costs.py", "matching.py", "app_load.py", "navigator_update.py", "directory_load.py")


def main() -> int:
    failed = 0
    for script in SCRIPTS:
        print(f"\n=== benchmarks/{script} ===", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
