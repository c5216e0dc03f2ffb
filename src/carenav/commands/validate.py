"""`carenav validate [DIR]`: check a data folder and list every problem in it."""

from __future__ import annotations

import argparse
import sys

from carenav import catalog


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a data folder and list every problem",
        description="Check a data folder (the bundled data/ by default). Lists every "
        "problem with its file, record and field and exits 1; otherwise prints a "
        "one-line summary, any warnings, and exits 0.",
    )
    parser.add_argument(
        "directory", nargs="?", help="data folder to check (default: bundled data/)"
    )


def run(args: argparse.Namespace) -> int:
    # Every row checked again; a valid directory is then cached for the apps' kernels.
    loaded = catalog.load(args.directory, revalidate=True)  # DataError: printed, exit 1
    print(loaded.summary())
    if loaded.ranking_rules is not None:
        print("Program finder ranking (ranking.yaml):")
        for line in loaded.ranking.reasons():
            print(f"  {line}")
    for warning in loaded.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    return 0
