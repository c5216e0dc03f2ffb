"""A cost ledger in words: the headline, the weekly table, the moments, the assumptions.

The command line (``carenav estimate``) prints ``text(ledger)``; the cost app and the
handout show the ``*_html`` pieces. Both are built from the same phrases below, so the
words a navigator reads on screen are the words the command prints.
"""

from __future__ import annotations

from carenav import notices
from carenav.costs import CostEvent, CostLedger
from carenav.costs.ledger import LEDGER_COLUMNS
from carenav.models.base import dollars
from carenav.models.coverage import level_name
from carenav.present.html import escape, table

EVENTS_HEADING = "What changes along the way"
NO_EVENTS = "Nothing changes during these weeks."
ASSUMPTIONS_HEADING = "Assumptions"
RULES_HEADING = "Rules that decided your share"
PAYMENTS_HEADING = "What you pay and when"
# Plan kinds with a network of contracted programs; the others pay any program that takes them.
NETWORK_KINDS = {"commercial", "medicare_advantage"}
NO_NETWORK = {
    "medicare_part_b": "no network (any program that accepts Medicare)",
    "medicaid": "no network (any program that takes Medicaid)",
    "self_pay": "self-pay, no network",
}


def network_words(ledger: CostLedger) -> str:
    """'in network', 'out of network', or why the plan has no network at all."""
    kind = ledger.data_version.plan_kind
    if kind in NETWORK_KINDS:
        return "in network" if ledger.network == "in" else "out of network"
    return NO_NETWORK.get(kind, "no network")


def headline(ledger: CostLedger) -> str:
    """'You would pay $4,440 over 12 weeks (36 days), Example PPO 2026, in network. ...'"""
    totals = ledger.totals
    return (
        f"You would pay {dollars(totals.client_pays)} over {ledger.weeks} weeks "
        f"({totals.units} {ledger.unit}s), {ledger.plan_name}, {network_words(ledger)}. "
        f"The plan would pay {dollars(totals.plan_pays)}."
    )


def payment_plan(ledger: CostLedger) -> str | None:
    """'Payment plan: 12 months of $370 (last month $370).' when the program offers one."""
    plan = ledger.payment_plan
    if plan is None:
        return None
    return (
        f"Payment plan: {plan.months} months of {dollars(plan.monthly)} "
        f"(last month {dollars(plan.last_month)})."
    )


def payment_lines(ledger: CostLedger) -> list[str]:
    """What the client pays after help, and how: the scholarship, the payment plan or as billed."""
    schedule = ledger.payment_schedule
    if schedule is None:
        return []
    first = f"In all you would pay {dollars(schedule.total)}"
    if schedule.help:
        first += f" after {dollars(schedule.help)} of help"
    if schedule.interest:
        first += f", including {dollars(schedule.interest)} of interest"
    return [first + ".", *schedule.explanation]


def payment_rows(ledger: CostLedger) -> tuple[list[str], list[list[str]]]:
    """The payments table's header and rows, as text cells (empty when nothing is left to pay)."""
    schedule = ledger.payment_schedule
    header = ["Payment", "Due", "Amount", "Of which interest"]
    if schedule is None:
        return header, []
    return header, [
        [p.label, f"{p.due:%a %d %b %Y}", f"{p.amount:,.2f}", f"{p.interest:,.2f}"]
        for p in schedule.payments
    ]


def payments_html(ledger: CostLedger) -> str:
    """What the client pays and when, as a heading, the explanation and a table ('' when none)."""
    lines = payment_lines(ledger)
    if not lines:
        return ""
    header, rows = payment_rows(ledger)
    items = "".join(f"<p>{escape(line)}</p>" for line in lines)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    shown = table(records, f"{PAYMENTS_HEADING}, in US dollars") if records else ""
    return f'<section class="carenav-payments"><h3>{PAYMENTS_HEADING}</h3>{items}{shown}</section>'


def when(event: CostEvent) -> str:
    """'Week 2: ', 'Before day 1: ' (prior authorization) or nothing."""
    if event.week is not None:
        return f"Week {event.week}: "
    return "Before day 1: " if event.kind == "prior_authorization" else ""


def event_lines(ledger: CostLedger) -> list[str]:
    """Each moment that changes the picture, with when it happens."""
    return [f"{when(event)}{event.text}" for event in ledger.events]


def rule_lines(ledger: CostLedger) -> list[str]:
    """Each payer rule that set the client's share, with its source."""
    return [f"{rule.text} Source: {rule.source}." for rule in ledger.rules_applied]


def data_used(ledger: CostLedger) -> str:
    """'Data used: plan example-ppo-2026; ...' — the figures behind the estimate."""
    version = ledger.data_version
    return "Data used: " + "; ".join([f"plan {version.plan_id}", *version.parameters]) + "."


def table_rows(ledger: CostLedger) -> tuple[list[str], list[list[str]]]:
    """The weekly table's header and rows (the last row is the totals), as text cells."""
    header = ["Week", "Dates", f"{ledger.unit.capitalize()}s"] + [t for _, t in LEDGER_COLUMNS]
    rows = [
        [str(row.week), f"{row.start:%d %b} – {row.end:%d %b}", str(row.units)]
        + [f"{getattr(row, name):,.2f}" for name, _ in LEDGER_COLUMNS]
        for row in ledger.rows
    ]
    totals = ledger.totals
    rows.append(
        ["Total", "", str(totals.units)]
        + [f"{getattr(totals, name):,.2f}" for name, _ in LEDGER_COLUMNS[:-1]]
        + [""]
    )
    return header, rows


def table_caption(ledger: CostLedger) -> str:
    return f"Week by week, in US dollars: {ledger.plan_name}"


def text(ledger: CostLedger, plan_id: str) -> str:
    """The ledger as a plain-text report, for the command line."""
    lines = [
        f"Estimate: {ledger.plan_name} ({plan_id}), {network_words(ledger)}: {ledger.program}, "
        f"{level_name(ledger.level)}",
        f"From {ledger.start:%a %d %b %Y} for {ledger.weeks} weeks; amounts in US dollars.",
        "",
        headline(ledger),
    ]
    if (plan := payment_plan(ledger)) is not None:
        lines.append(plan)
    if paying := payment_lines(ledger):
        lines += ["", f"{PAYMENTS_HEADING}:"] + [f"  {line}" for line in paying]
        header, rows = payment_rows(ledger)
        lines += [
            "  " + "  ".join(cell.rjust(w) for cell, w in zip(row, (9, 15, 12, 16), strict=True))
            for row in ([header, *rows] if rows else [])
        ]
    lines += ["", table_caption(ledger) + ":"]
    header, rows = table_rows(ledger)
    cells = [header, *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for position, row in enumerate(cells):
        line = "  ".join(
            cell.ljust(widths[i]) if i == 1 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )
        lines.append(line.rstrip())
        if position in (0, len(cells) - 2):
            lines.append("-" * len(line))
    lines += ["", f"{EVENTS_HEADING}:"]
    lines += [f"  - {line}" for line in event_lines(ledger)] or [f"  {NO_EVENTS}"]
    if ledger.rules_applied:
        lines += ["", f"{RULES_HEADING}:"] + [f"  - {line}" for line in rule_lines(ledger)]
    lines += ["", f"{ASSUMPTIONS_HEADING}:"] + [f"  - {line}" for line in ledger.assumptions]
    lines += ["", data_used(ledger), notices.DECISION_SUPPORT, notices.CRISIS]
    return "\n".join(lines)


def summary_html(ledger: CostLedger) -> str:
    """The headline, and the payment plan when there is one."""
    text_html = f'<p class="carenav-cost-total" aria-live="polite">{_bold_total(ledger)}</p>'
    if (plan := payment_plan(ledger)) is not None:
        text_html += f"<p>{escape(plan)}</p>"
    return text_html + payments_html(ledger)


def _bold_total(ledger: CostLedger) -> str:
    """The headline, escaped, with its first sentence's amount in bold."""
    words = escape(headline(ledger))
    total = escape(f"You would pay {dollars(ledger.totals.client_pays)}")
    return f"<strong>{total}</strong>{words[len(total) :]}"


def ledger_html(ledger: CostLedger) -> str:
    """The week-by-week ledger as an accessible table, with a totals row."""
    header, rows = table_rows(ledger)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    return f'<div style="overflow-x:auto">{table(records, table_caption(ledger))}</div>'


def events_html(ledger: CostLedger) -> str:
    """The moments that change the picture, in order."""
    if not ledger.events:
        return f"<h3>{EVENTS_HEADING}</h3><p>{NO_EVENTS}</p>"
    items = "".join(f"<li>{escape(line)}</li>" for line in event_lines(ledger))
    return f"<h3>{EVENTS_HEADING}</h3><ul>{items}</ul>"


def assumptions_html(ledger: CostLedger) -> str:
    """The payer rules that set the share (when any), every assumption and the data used."""
    rules = "".join(f"<li>{escape(line)}</li>" for line in rule_lines(ledger))
    items = "".join(f"<li>{escape(line)}</li>" for line in ledger.assumptions)
    return (
        (f"<h3>{RULES_HEADING}</h3><ul>{rules}</ul>" if rules else "")
        + f"<h3>{ASSUMPTIONS_HEADING}</h3><ul>{items}</ul>"
        f"<p><small>{escape(data_used(ledger))}</small></p>"
    )
