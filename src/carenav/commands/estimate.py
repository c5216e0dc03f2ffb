"""`carenav estimate`: what a program will cost a client under a plan, week by week."""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import get_args

from pydantic import ValidationError

from carenav import catalog
from carenav.catalog.payers import parse_plan
from carenav.catalog.reading import read_yaml
from carenav.costs import CostLedger, estimate, questions_to_ask
from carenav.errors import DataError, InputError, Problem, UnknownIdError, input_error
from carenav.models.base import dollars
from carenav.models.billing import DEFAULT_WEEKDAYS, ProgramBilling, Weekday
from carenav.models.coverage import CoveragePlan, EstimateInputs
from carenav.models.known import KnownCodes
from carenav.models.medicare import DualStatus, MedicareSetting
from carenav.present import ledger as present_ledger

# The command line says "full" for the model's "full_dual" (full Medicaid without QMB).
_DUAL_STATUS = {"full": "full_dual"}


def _dual_option(status: str) -> str:
    return next((option for option, model in _DUAL_STATUS.items() if model == status), status)


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").removeprefix("$"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an amount such as 450 or 12.50"
        ) from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount of 0 or more")
    return value


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return int(text)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "estimate",
        help="estimate what a program costs a client, week by week",
        description="Estimate a client's out-of-pocket cost for a program under a plan, week by "
        "week, with the moments that matter and every assumption. Decision support: the plan "
        "makes the coverage decision.",
    )
    parser.add_argument(
        "--plan",
        required=True,
        metavar="ID_OR_FILE",
        help="a plan id in data/payers/ or a plan YAML file",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", metavar="ID", help="a program id in the directory")
    which.add_argument(
        "--rate", type=_amount, metavar="AMOUNT", help="the plan's rate per day or session"
    )
    parser.add_argument(
        "--days-per-week", type=_count, metavar="N", help="with --rate: days it meets a week (1-7)"
    )
    parser.add_argument("--weekdays", metavar="DAYS", help="with --rate: e.g. Mon,Wed,Fri")
    parser.add_argument(
        "--charge",
        type=_amount,
        metavar="AMOUNT",
        help="billed charge per unit (default: the rate)",
    )
    parser.add_argument(
        "--cash-price", type=_amount, metavar="AMOUNT", help="self-pay price per unit"
    )
    parser.add_argument(
        "--unit", choices=("day", "session"), default="day", help="with --rate: the billed unit"
    )
    parser.add_argument(
        "--level", metavar="CODE", help="ASAM level, e.g. 2.1 (IOP, the default) or 2.5 (PHP)"
    )
    parser.add_argument("--start", type=_day, required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--weeks", type=_count, required=True, metavar="N")
    parser.add_argument("--network", choices=("in", "out"), default="in")
    parser.add_argument("--deductible-met", type=_amount, default=Decimal(0), metavar="X")
    parser.add_argument("--oop-met", type=_amount, default=Decimal(0), metavar="X")
    parser.add_argument("--days-used", type=_count, default=0, metavar="N")
    parser.add_argument(
        "--family", action="store_true", help="family coverage under the plan's family amounts"
    )
    parser.add_argument(
        "--family-deductible-met",
        type=_amount,
        default=Decimal(0),
        metavar="X",
        help="family coverage: what the family has paid toward its deductible (implies --family)",
    )
    parser.add_argument(
        "--family-oop-met",
        type=_amount,
        default=Decimal(0),
        metavar="X",
        help="family coverage: what the family has paid toward its maximum (implies --family)",
    )
    parser.add_argument("--household", type=_count, metavar="N", help="people in the household")
    parser.add_argument("--income", type=_amount, metavar="X", help="household income a year")
    parser.add_argument(
        "--region", choices=("contiguous", "alaska", "hawaii"), default="contiguous"
    )
    parser.add_argument(
        "--dual",
        choices=[_dual_option(status) for status in get_args(DualStatus)],
        default="none",
        help="with a Medicare plan: Medicare Savings Program status, or full Medicaid without QMB",
    )
    parser.add_argument(
        "--medicaid-state", metavar="XX", help="with --dual full: the Medicaid state, e.g. NY"
    )
    parser.add_argument(
        "--takes-medicaid",
        choices=("yes", "no"),
        help="with --dual full: whether the program takes the client's Medicaid",
    )
    parser.add_argument(
        "--medicaid-exempt",
        metavar="GROUP",
        help="with a Medicaid plan: a group exempt from cost sharing (child, pregnant, ...)",
    )
    parser.add_argument(
        "--medicaid-paid",
        type=_amount,
        default=Decimal(0),
        metavar="X",
        help="with a Medicaid plan: cost sharing the household already paid this month or quarter",
    )
    parser.add_argument(
        "--setting",
        choices=get_args(MedicareSetting),
        help="with Original Medicare: where the program bills (hospital outpatient department, "
        "community mental health center, FQHC, RHC, opioid treatment program, office)",
    )
    parser.add_argument(
        "--scholarship-share",
        type=_amount,
        default=Decimal(0),
        metavar="SHARE",
        help="a scholarship or grant paying this share of the client's cost (0.5 is half)",
    )
    parser.add_argument(
        "--scholarship-amount",
        type=_amount,
        default=Decimal(0),
        metavar="X",
        help="a scholarship or grant paying this many dollars of the client's cost",
    )
    parser.add_argument(
        "--payment-plan-months",
        type=_count,
        default=0,
        metavar="N",
        help="spread what the client owes over N monthly payments (1-60)",
    )
    parser.add_argument(
        "--interest-rate",
        type=_amount,
        default=Decimal(0),
        metavar="RATE",
        help="with --payment-plan-months: the plan's yearly interest rate (0.08 is 8%%)",
    )
    parser.add_argument("--data", metavar="DIR", help="data folder (default: the bundled data/)")
    parser.add_argument(
        "--json", action="store_true", help="print the ledger as JSON (docs/estimate-json.md)"
    )


def run(args: argparse.Namespace) -> int:
    wanted = {"reference", "payers", "programs"} if args.program else {"reference", "payers"}
    loaded = catalog.load(args.data, sections=wanted)
    plan = _plan(args.plan, loaded)
    billing, program_name, levels = _program(args, loaded)
    level = (
        args.level
        or next((code for code in ("2.1", "2.5") if code in levels), None)
        or (levels[0] if levels else "2.1")
    )
    inputs = _inputs(args, level, loaded.known_codes())
    ledger = estimate(plan, billing, inputs, loaded.reference, program_name)
    if args.json:
        print(json.dumps(ledger.model_dump(mode="json"), indent=2))
        return 0
    print(render(ledger, plan.id))
    print(render_questions(questions_to_ask(plan, ledger)))
    return 0


def render_questions(questions: dict[str, list[str]]) -> str:
    """The questions to ask before admission, by whom to ask, as plain text."""
    lines: list[str] = []
    for whom, asked in questions.items():
        if asked:
            lines += ["", f"Questions for {whom}:"] + [f"  - {q}" for q in asked]
    return "\n".join(lines)


def _plan(given: str, loaded: catalog.Catalog) -> CoveragePlan:
    if given in loaded.payers:
        return loaded.payers[given]
    path = Path(given)
    if path.suffix in {".yaml", ".yml"} and path.is_file():
        problems: list[Problem] = []
        data = read_yaml(path, path.parent, problems)
        plan = (
            parse_plan(data, path.name, problems, loaded.known_codes())
            if data is not None
            else None
        )
        if plan is None:
            raise DataError(problems)
        return plan
    raise UnknownIdError("plan", given, list(loaded.payers))


def _program(
    args: argparse.Namespace, loaded: catalog.Catalog
) -> tuple[ProgramBilling, str, list[str]]:
    if args.program:
        program = loaded.programs.program(args.program)
        if program.billing is None:
            raise InputError(
                "program",
                f"'{program.id}' has no billing facts on record",
                "a program with rates, or --rate",
            )
        return program.billing, program.name, list(program.levels)
    if args.weekdays is None and args.days_per_week is None:
        raise InputError(
            "days per week", "give --days-per-week N or --weekdays Mon,Wed,Fri with --rate"
        )
    if args.weekdays is None and not 1 <= args.days_per_week <= 7:
        raise InputError("days per week", f"{args.days_per_week} is not possible", "1 to 7")
    days_text = args.weekdays or ",".join(d.value for d in DEFAULT_WEEKDAYS[args.days_per_week])
    days = [part.strip().capitalize()[:3] for part in days_text.split(",") if part.strip()]
    known = {d.value for d in Weekday}
    for day in days:
        if day not in known:
            raise InputError("weekdays", f"'{day}' is not a weekday", "days like Mon,Wed,Fri")
    if args.days_per_week is not None and args.weekdays and len(days) != args.days_per_week:
        raise InputError(
            "weekdays", f"{len(days)} days given but --days-per-week is {args.days_per_week}"
        )
    plan_id = args.plan if args.plan in loaded.payers else _plan(args.plan, loaded).id
    try:
        billing = ProgramBilling(
            unit=args.unit,
            charge=args.charge if args.charge is not None else args.rate,
            cash_price=args.cash_price,
            in_network_rates={plan_id: args.rate},
            meeting_days=[Weekday(d) for d in days],
        )
    except ValidationError as exc:
        raise input_error(exc, _field) from None
    assumed = "" if args.weekdays else f", meeting days assumed: {days_text.replace(',', ', ')}"
    return billing, f"a program billing {dollars(args.rate)} a {args.unit}{assumed}", []


def _inputs(args: argparse.Namespace, level: str, known: KnownCodes) -> EstimateInputs:
    if (args.household is None) != (args.income is None):
        raise InputError("household", "give --household and --income together")
    if args.interest_rate and not args.payment_plan_months:
        raise InputError(
            "interest rate", "an interest rate needs a payment plan", "--payment-plan-months N"
        )
    state = args.medicaid_state
    if state is not None and not (len(state) == 2 and state.isalpha()):
        raise InputError(
            "medicaid state", f"'{state}' is not a state code", "two letters such as NY"
        )
    household = None
    if args.household is not None:
        household = {"size": args.household, "annual_income": args.income, "region": args.region}
    try:
        return EstimateInputs.model_validate(
            {
                "start": args.start,
                "weeks": args.weeks,
                "level": level,
                "network": args.network,
                "accumulators": {
                    "deductible_met": args.deductible_met,
                    "out_of_pocket_met": args.oop_met,
                    "days_used": args.days_used,
                    "family_deductible_met": args.family_deductible_met,
                    "family_out_of_pocket_met": args.family_oop_met,
                },
                "coverage": "family"
                if args.family or args.family_deductible_met or args.family_oop_met
                else "self",
                "household": household,
                "dual": {
                    "status": _DUAL_STATUS.get(args.dual, args.dual),
                    "medicaid_state": None if state is None else state.upper(),
                    "program_takes_medicaid": None
                    if args.takes_medicaid is None
                    else args.takes_medicaid == "yes",
                },
                "medicare_setting": args.setting,
                "medicaid": {
                    "exempt_group": args.medicaid_exempt,
                    "paid_this_period": args.medicaid_paid,
                },
                "payment": {
                    "scholarship_share": args.scholarship_share,
                    "scholarship_amount": args.scholarship_amount,
                    "payment_plan_months": args.payment_plan_months,
                    "interest_rate": args.interest_rate,
                },
            },
            context=known.context(),
        )
    except ValidationError as exc:
        raise input_error(exc, _field) from None


def _field(loc: tuple[int | str, ...]) -> str:
    """A model location as the words of the option it came from: ('accumulators', 'days_used') -> 'days used'."""
    return (str(loc[-1]) if loc else "input").replace("_", " ")


def render(ledger: CostLedger, plan_id: str) -> str:
    """The ledger as a plain-text report (the words are the app's: ``carenav.present.ledger``)."""
    return present_ledger.text(ledger, plan_id)
