"""Up to four programs side by side: one row per attribute, one column per program, differences flagged."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from carenav.errors import InputError
from carenav.models.program import Options, Program
from carenav.models.vocabulary import label, language_name

if TYPE_CHECKING:
    import pandas as pd

MAX_PROGRAMS = 4
NOT_RECORDED = "not recorded"


def yes_no(value: bool | None) -> str:
    """'yes', 'no' or 'not recorded'."""
    return NOT_RECORDED if value is None else ("yes" if value else "no")


def options_text(options: Options, words: Callable[[str], str] = label) -> str:
    """'CBT, DBT; not the Matrix Model; nothing else' in words (`words` names one option)."""
    if not options.recorded:
        return NOT_RECORDED
    parts = [", ".join(words(o) for o in sorted(options.offered)) or "none"]
    if options.not_offered:
        parts.append("not " + ", ".join(words(o) for o in sorted(options.not_offered)))
    parts.append("nothing else" if options.others_not_offered else "others not recorded")
    return "; ".join(parts)


def _number(value: float | int | None, unit: str = "") -> str:
    return NOT_RECORDED if value is None else f"{value:g}{unit}"


def _count(value: float | None, unit: str) -> str:
    """'1 day', '12 days', 'less than 1 mile': a count with its unit agreeing."""
    if value is None:
        return NOT_RECORDED
    rounded = round(value)
    if rounded < 1 and value > 0:
        return f"less than 1 {unit}"
    return f"{rounded} {unit}" if rounded == 1 else f"{rounded} {unit}s"


def _money(value: Decimal | None) -> str:
    return NOT_RECORDED if value is None else f"${value:,.2f}"


def _schedule(p: Program) -> str:
    s = p.schedule
    days = "/".join(d.value for d in s.meeting_days) if s.meeting_days else None
    parts = [days or (f"{s.days_per_week} days a week" if s.days_per_week else "days not recorded")]
    if s.hours_per_session:
        parts.append(f"{s.hours_per_session:g} h a session")
    times = [t for t, on in (("daytime", s.daytime), ("evening", s.evening)) if on]
    parts.append(" and ".join(times) if times else "time of day not recorded")
    return ", ".join(parts)


def _billing(p: Program) -> str:
    if p.billing is None:
        return NOT_RECORDED
    b = p.billing
    return f"per {b.unit}: charge {_money(b.charge)}, cash price {_money(b.cash_price)}"


def _rows(today: date, plan_names: Mapping[str, str]) -> list[tuple[str, Callable[[Program], str]]]:
    def plan_words(plan_id: str) -> str:
        return plan_names.get(plan_id, label(plan_id))

    return [
        ("Organization", lambda p: p.organization),
        ("Address", lambda p: p.address.one_line()),
        ("Phone (intake)", lambda p: p.intake_phone or p.phone),
        ("Website", lambda p: p.website or NOT_RECORDED),
        ("Record verified", lambda p: f"{p.verified_days_ago(today)} days ago ({p.source})"),
        ("Levels of care", lambda p: ", ".join(p.levels)),
        ("Serves", lambda p: options_text(p.populations)),
        ("Tracks", lambda p: options_text(p.tracks)),
        ("Conditions treated", lambda p: options_text(p.conditions)),
        ("Therapies", lambda p: options_text(p.therapies)),
        ("Family program", lambda p: yes_no(p.family_program)),
        ("Holistic options", lambda p: options_text(p.holistic)),
        ("Schedule", _schedule),
        ("Typical length", lambda p: _count(p.schedule.typical_weeks, "week")),
        ("Formats", lambda p: options_text(p.formats)),
        ("Plans accepted", lambda p: options_text(p.payment.plans, plan_words)),
        ("Medicare", lambda p: yes_no(p.payment.medicare)),
        ("Medicaid (states)", lambda p: options_text(p.payment.medicaid_states, str.upper)),
        ("Self-pay", lambda p: yes_no(p.payment.self_pay)),
        ("Sliding scale", lambda p: yes_no(p.payment.sliding_scale)),
        ("Payment plan", lambda p: yes_no(p.payment.payment_plan)),
        ("Scholarships", lambda p: yes_no(p.payment.scholarship)),
        ("Group size", lambda p: _number(p.group_size)),
        ("Staff to clients", lambda p: p.staff_to_client_ratio or NOT_RECORDED),
        ("Transportation help", lambda p: yes_no(p.transportation_help)),
        ("Parking", lambda p: yes_no(p.parking)),
        ("Languages", lambda p: options_text(p.languages, language_name)),
        ("Accreditation", lambda p: options_text(p.accreditation)),
        ("Admission requirements", lambda p: "; ".join(p.admission_requirements) or NOT_RECORDED),
        ("Typical wait", lambda p: _count(p.wait_days, "day")),
        ("Billing", _billing),
    ]


def compare(
    programs: Sequence[Program],
    *,
    today: date,
    miles: Mapping[str, float] | None = None,
    estimated_cost: Mapping[str, Decimal | None] | None = None,
    plan_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Programs side by side: attributes as rows, one column per program (named), and ``differs``.

    ``miles`` and ``estimated_cost`` (by program id) add rows when given, e.g. from the
    finder's results and the cost engine; ``plan_names`` (id -> name) words the plans. InputError for none or more than four programs.
    """
    import pandas as pd  # the comparison is a table; the page that offers it opens without pandas

    if not programs:
        raise InputError("shortlist", "has no programs to compare", "1 to 4 programs")
    if len(programs) > MAX_PROGRAMS:
        raise InputError("shortlist", f"has {len(programs)} programs", f"at most {MAX_PROGRAMS}")
    rows = _rows(today, plan_names or {})
    if miles is not None:
        rows.insert(2, ("Distance", lambda p: _count(miles.get(p.id), "mile")))
    if estimated_cost is not None:
        rows.append(("Estimated cost to the client", lambda p: _money(estimated_cost.get(p.id))))
    columns = [_unique_name(p, programs) for p in programs]
    table = pd.DataFrame(
        {
            column: [text(p) for _, text in rows]
            for column, p in zip(columns, programs, strict=True)
        },
        index=pd.Index([name for name, _ in rows], name="attribute"),
    )
    table["differs"] = table[columns].nunique(axis=1) > 1
    return table


def _unique_name(program: Program, programs: Sequence[Program]) -> str:
    same = [p for p in programs if p.name == program.name]
    return program.name if len(same) == 1 else f"{program.name} ({program.id})"
