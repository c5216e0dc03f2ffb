"""`carenav export hsds DIR -o FILE`: a data folder's directory as Open Referral HSDS 3.0 JSON,
or with `--tabular` as an HSDS 3.0 tabular data package (a folder of CSV files)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the program directory in another system's format (HSDS 3.0)",
        description="Write a data folder's program directory for another system.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", parser_class=type(parser))
    kinds.required = True
    hsds = kinds.add_parser(
        "hsds",
        help="Open Referral HSDS 3.0 JSON, checked against the HSDS schemas",
        description="Write every program as an HSDS 3.0 service (a page of services), each "
        "checked against the HSDS 3.0 JSON Schemas. carenav facts HSDS has no field for "
        "travel as attributes of the carenav taxonomy (docs/hsds.md).",
    )
    hsds.add_argument(
        "directory", nargs="?", type=Path, help="data folder (default: bundled data/)"
    )
    hsds.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="JSON file to write (with --tabular: a new folder)",
    )
    hsds.add_argument(
        "--tabular",
        action="store_true",
        help="write HSDS's tabular form instead: a folder with datapackage.json and CSV files",
    )


def _write_package(folder: Path, texts: dict[str, str]) -> None:
    """The package's files, written into a new folder in one move (nothing half-written)."""
    import shutil
    import tempfile

    from carenav.errors import DataError, Problem

    if folder.exists():
        raise DataError(
            [
                Problem(
                    str(folder),
                    None,
                    None,
                    "already exists",
                    "a new folder to write the package in",
                )
            ]
        )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    except OSError as exc:  # a file where a folder should be, no permission
        raise _unwritable(folder, exc) from None
    try:
        for name, text in texts.items():
            (staging / name).write_text(text, encoding="utf-8")
        staging.rename(folder)
    except OSError as exc:
        raise _unwritable(folder, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    from carenav import catalog
    from carenav.errors import DataError, Problem
    from carenav.io.hsds_export import service_page
    from carenav.io.hsds_schemas import schema_errors

    loaded = catalog.load(args.directory, sections=("programs",))
    table = loaded.programs.table
    rows = [{str(c): str(v) for c, v in row.items() if str(v)} for row in table.to_dict("records")]
    page = service_page(rows)
    problems = [
        Problem(str(args.output), f"service {s['name']}", None, error, "HSDS 3.0 service schema")
        for s in page["contents"]
        for error in schema_errors(s, "service")
    ]
    if problems:
        raise DataError(problems)  # a carenav bug, never a half-valid file
    if args.tabular:
        from carenav.io.hsds_tabular_export import package_files

        _write_package(args.output, package_files(page["contents"]))
        print(
            f"{args.output}: {len(rows)} programs as an HSDS 3.0 tabular data package "
            "(datapackage.json and CSV files); each service valid against the HSDS 3.0 schemas"
        )
        return 0
    _write(args.output, json.dumps(page, indent=1, ensure_ascii=False) + "\n")
    print(
        f"{args.output}: {len(rows)} programs as HSDS 3.0 services; valid against the HSDS 3.0 schemas"
    )
    return 0


def _write(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all; InputError naming --output when it cannot be."""
    from carenav.errors import InputError

    if path.is_dir():
        raise InputError("--output", f"{path} is a folder", "a file name such as services.json")
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        if partial.parent.is_dir():
            partial.unlink(missing_ok=True)
        raise _unwritable(path, exc) from None


def _unwritable(path: Path, exc: OSError) -> Exception:
    """The one-line error for an --output the system refused to write."""
    from carenav.errors import InputError

    reason = exc.strerror.lower() if exc.strerror else "cannot be written"
    return InputError(
        "--output",
        f"{path} cannot be written ({reason}); nothing was written",
        "a file name in a folder that exists and you may write to",
    )
