"""`carenav handout CASE.json`: the client's handout from a case file, in English or Spanish."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from carenav import catalog
from carenav.casework import case_facts
from carenav.errors import DataError, Problem
from carenav.io.case_file import read_case
from carenav.present.handout import handout_html
from carenav.present.i18n import LANGUAGES

SECTIONS = ("reference", "payers", "programs", "rules")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "handout",
        help="print the client's handout from a case file",
        description="Write the client's handout (an HTML page to print) from a case file saved "
        "by the navigator app (docs/case-format.md): the level of care, the chosen programs "
        "with contact details, costs and next steps. The same handout as the app's.",
    )
    parser.add_argument("case", metavar="CASE.json", help="a case file (docs/case-format.md)")
    parser.add_argument(
        "--lang", choices=sorted(LANGUAGES), default="en", help="the handout's language"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the HTML here (default: standard output)"
    )
    parser.add_argument(
        "--name", metavar="NAME", help="the client's name to print on it (never stored)"
    )
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the date printed on it (default: today)"
    )
    parser.add_argument("--data", metavar="DIR", help="data folder (default: the bundled data/)")


def run(args: argparse.Namespace) -> int:
    path = Path(args.case)
    try:
        content = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or "cannot be read"
        raise DataError([Problem(str(path), None, None, reason, "a case file")]) from None
    loaded = catalog.load(args.data, sections=SECTIONS)
    case = read_case(content, loaded, path.name)
    today = _today(args.today)
    page = handout_html(case_facts(case, loaded, today), loaded.payers, args.lang, args.name)
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
        print(f"Wrote the handout to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(page)
    return 0


def _today(text: str | None) -> date:
    if text is None:
        return date.today()
    from carenav.errors import InputError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("today", f"'{text}' is not a date", "YYYY-MM-DD") from None
