"""`carenav find`: programs that fit a client, ranked, with the reasons, from the command line."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from pydantic import ValidationError

from carenav import catalog
from carenav.errors import input_error
from carenav.matching import SORT_KEYS, find_programs
from carenav.models.client import ClientNeeds
from carenav.models.known import KnownCodes
from carenav.present import matches as present_matches


def _list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "find",
        help="find programs that fit a client, with the reasons",
        description="Filter and rank the program directory for one client. Lists are "
        "comma-separated; options within one list combine with OR. A program whose record "
        "does not say is kept and marked 'not confirmed — call to check'.",
    )
    parser.add_argument(
        "--needs", default="substance-use", help="substance-use, mental-health, co-occurring"
    )
    parser.add_argument("--age-group", default="adults", choices=["adults", "adolescents"])
    parser.add_argument("--conditions", help="each must be treated, e.g. alcohol-use,anxiety")
    parser.add_argument("--levels", help="level codes, any of them, e.g. 2.1,2.5")
    parser.add_argument("--plan", help="coverage plan id, e.g. example-ppo-2026")
    parser.add_argument("--medicare", action="store_true")
    parser.add_argument("--medicaid-state", help="two-letter state, e.g. OR")
    parser.add_argument("--pay", help="self-pay, sliding-scale, payment-plan, scholarship")
    parser.add_argument("--zip", help="the client's ZIP code")
    parser.add_argument("--miles", type=float, help="how far the client can travel (needs --zip)")
    parser.add_argument("--days", help="days they can attend, e.g. Tue,Thu")
    parser.add_argument("--times", help="daytime, evening")
    parser.add_argument("--formats", help="in-person, telehealth, hybrid")
    parser.add_argument("--sort", default="score", choices=[k for k in SORT_KEYS if k != "cost"])
    parser.add_argument(
        "--limit", type=_limit, default=10, help=f"results to show, 1 to {MAX_LIMIT} (default 10)"
    )
    parser.add_argument(
        "--today", type=date.fromisoformat, help="date to count record ages to (default: today)"
    )
    parser.add_argument("--data", help="data folder (default: bundled data/)")
    parser.add_argument("--json", action="store_true", help="print results and near misses as JSON")


MAX_LIMIT = 1000


def _limit(text: str) -> int:
    """--limit: how many results to show, a whole number from 1 to MAX_LIMIT."""
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_LIMIT):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of results; expected 1 to {MAX_LIMIT}"
        )
    return int(text)


def needs_from(args: argparse.Namespace, known: KnownCodes | None = None) -> ClientNeeds:
    """The command-line options as a validated ClientNeeds; InputError names the option."""
    data: dict[str, Any] = {
        "needs": _list(args.needs),
        "age_group": args.age_group,
        "conditions": _list(args.conditions),
        "levels": _list(args.levels),
        "plan": args.plan,
        "medicare": args.medicare,
        "medicaid_state": args.medicaid_state.upper() if args.medicaid_state else None,
        "other_payment": _list(args.pay),
        "zip": args.zip,
        "max_miles": args.miles,
        "available_days": [d.title() for d in _list(args.days)],
        "times": _list(args.times),
        "formats": _list(args.formats),
    }
    try:
        return ClientNeeds.model_validate(data, context=known.context() if known else None)
    except ValidationError as exc:
        raise input_error(exc, _option) from None


def _option(loc: tuple[int | str, ...]) -> str:
    """The command-line option a model field comes from: ('max_miles',) -> '--max-miles'."""
    return "--" + str(loc[0]).replace("_", "-") if loc else "options"


def run(args: argparse.Namespace) -> int:
    loaded = catalog.load(args.data, sections=("programs", "payers", "ranking"))
    needs = needs_from(args, loaded.known_codes())
    today = args.today or date.today()
    matches = find_programs(
        needs,
        loaded.programs.frame,
        today=today,
        ranking=loaded.ranking,
        sort_by=args.sort,
        explain=args.limit,
        plan_names=loaded.plan_names(),
    )
    shown = matches.results.head(args.limit)
    if args.json:
        out = {
            "summary": matches.summary(),
            "results": [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "score": float(r["score"]),
                    "miles": None if r["miles"] != r["miles"] else float(r["miles"]),
                    "reasons": r["reasons"],
                }
                for _, r in shown.iterrows()
            ],
            "near_misses": [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "missed": r["missed"],
                    "because": r["missed_because"],
                }
                for _, r in matches.near_misses.head(args.limit).iterrows()
            ],
        }
        print(json.dumps(out, indent=2))
        return 0
    print(present_matches.text(matches, args.limit))
    return 0
