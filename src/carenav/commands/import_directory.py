"""`carenav import locator FILE -o DIR`: a real directory export as a carenav data folder."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from carenav.errors import DataError, InputError, Problem


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import",
        help="turn a directory export (SAMHSA locator, HSDS) into a data folder",
        description="Turn a program directory exported from another system into a carenav "
        "data folder: the bundled reference data, plans and rules, plus the imported "
        "directory. Prints what was mapped, what was not, and every row refused.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", parser_class=type(parser))
    kinds.required = True
    locator = kinds.add_parser(
        "locator",
        help="a SAMHSA treatment locator (FindTreatment.gov) JSON export",
        description="Import a SAMHSA treatment locator JSON export. The mapping from locator "
        "values to carenav columns is data/mappings/samhsa-locator.yaml (docs/locator-import.md).",
    )
    locator.add_argument("file", type=Path, help="the locator JSON file")
    locator.add_argument(
        "-o", "--output", type=Path, required=True, help="new data folder to write"
    )
    locator.add_argument(
        "--verified-on",
        help="the date the export was downloaded, YYYY-MM-DD (default: the file's date); "
        "the apps show each record's age from it",
    )
    locator.add_argument("--mapping", type=Path, help="your own copy of the mapping file")
    hsds = kinds.add_parser(
        "hsds",
        help="Open Referral HSDS 3.0: a JSON file, or a tabular data package folder",
        description="Import Open Referral HSDS 3.0: a JSON file (services, service_at_location, "
        "organization) or a tabular data package (a folder with datapackage.json and its CSV "
        "files). Services carenav exported come back exactly; others are read from their HSDS "
        "fields (docs/hsds.md).",
    )
    hsds.add_argument(
        "file",
        type=Path,
        help="the HSDS JSON file, or the folder holding datapackage.json and the CSV files",
    )
    hsds.add_argument("-o", "--output", type=Path, required=True, help="new data folder to write")
    hsds.add_argument(
        "--verified-on",
        help="date for services without an assured_date, YYYY-MM-DD (default: the file's date)",
    )
    hsds.add_argument(
        "--level",
        help="level of care code(s) for services that do not record one, e.g. 2.1 or '1;2.1'",
    )


def _date(text: str | None, file: Path) -> date:
    if text is None:
        if file.is_dir():  # a tabular package: the date its descriptor was written
            file = file / "datapackage.json"
        if not file.is_file():
            return date.today()
        return date.fromtimestamp(file.stat().st_mtime)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("--verified-on", f"'{text}' is not a date", "YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    if args.kind == "hsds":
        return _run_hsds(args)
    return _run_locator(args)


def _run_hsds(args: argparse.Namespace) -> int:
    from carenav.io.data_folder import check_target, directory_csv, write_data_folder
    from carenav.io.hsds_import import EXPECTED, import_services, services_in

    verified_on = _date(args.verified_on, args.file)
    check_target(args.output)
    notes: list[str] = []
    if args.file.is_dir():
        from carenav.io.hsds_tabular import read_package

        services, notes = read_package(args.file)
    else:
        from carenav.io.json_input import read_json

        services = services_in(read_json(args.file, EXPECTED), str(args.file))
    result = import_services(
        services, file=args.file.name, verified_on=verified_on, level=args.level
    )
    result.notes[:0] = notes
    for line in result.summary():
        print(line)
    if not result.table:
        raise DataError(
            [
                Problem(
                    str(args.file),
                    None,
                    None,
                    f"none of its {result.services_read} services could become a program "
                    "(reasons above); nothing was written",
                    "services with a US address, a phone number and a level of care",
                )
            ]
        )
    header = [
        f"Imported by `carenav import hsds` from {args.file.name}: {len(result.table)} of "
        f"{result.services_read} HSDS services.",
        "Columns and cell grammar: docs/programs-format.md. HSDS mapping: docs/hsds.md.",
    ]
    count = write_data_folder(args.output, "hsds.csv", directory_csv(result.table, header))
    print(f"{args.output}: {count} programs; the folder validates (carenav validate {args.output})")
    return 0


def _run_locator(args: argparse.Namespace) -> int:
    from carenav.io.data_folder import check_target, directory_csv, write_data_folder
    from carenav.io.json_input import read_json
    from carenav.io.locator import EXPECTED, import_rows, locator_rows
    from carenav.io.locator_mapping import load_mapping

    verified_on = _date(args.verified_on, args.file)
    mapping = load_mapping(args.mapping)
    check_target(args.output)
    rows = locator_rows(read_json(args.file, EXPECTED), str(args.file))
    result = import_rows(rows, mapping, file=args.file.name, verified_on=verified_on)
    header = [
        f"Imported by `carenav import locator` from {args.file.name}: {len(result.table)} of "
        f"{result.rows_read} SAMHSA treatment locator rows.",
        f"Records as of {verified_on.isoformat()}: a dated snapshot of real facilities. Check "
        "every fact with the facility before relying on it.",
        "Columns and cell grammar: docs/programs-format.md. Mapping: docs/locator-import.md.",
    ]
    count = write_data_folder(args.output, "locator.csv", directory_csv(result.table, header))
    for line in result.summary(mapping):
        print(line)
    print(f"{args.output}: {count} programs; the folder validates (carenav validate {args.output})")
    return 0
