"""HTML for the cost app: the summary, the weekly ledger, the chart, events, scenarios and questions.

Pure functions from ledgers to escaped HTML strings, so they are tested without widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from carenav.costs import CostLedger
from carenav.costs.ledger import LEDGER_COLUMNS
from carenav.errors import Problem
from carenav.models.base import dollars
from carenav.ui.html import escape, line_chart, table


@dataclass(frozen=True)
class Scenario:
    """One estimate kept for comparison, with the label the navigator sees."""

    label: str
    ledger: CostLedger


def summary_html(ledger: CostLedger) -> str:
    """The headline: what the client pays in total, and over how long."""
    network = "in network" if ledger.network == "in" else "out of network"
    if ledger.data_version.plan_kind not in {"commercial", "medicare_advantage"}:
        network = "no network"
    total = dollars(ledger.totals.client_pays)
    text = (
        f'<p class="carenav-cost-total" aria-live="polite"><strong>You would pay {escape(total)}'
        f"</strong> over {ledger.weeks} weeks ({ledger.totals.units} {escape(ledger.unit)}s), "
        f"{escape(ledger.plan_name)}, {network}. The plan would pay "
        f"{escape(dollars(ledger.totals.plan_pays))}.</p>"
    )
    if ledger.payment_plan:
        plan = ledger.payment_plan
        text += (
            f"<p>Payment plan: {plan.months} months of {escape(dollars(plan.monthly))} "
            f"(last month {escape(dollars(plan.last_month))}).</p>"
        )
    return text


def ledger_html(ledger: CostLedger) -> str:
    """The week-by-week ledger as an accessible table, with a totals row."""
    rows = []
    for row in ledger.rows:
        record = {
            "Week": row.week,
            "Dates": f"{row.start:%d %b} – {row.end:%d %b}",
            "Days": row.units,
        }
        record.update({title: f"{getattr(row, name):,.2f}" for name, title in LEDGER_COLUMNS})
        rows.append(record)
    totals = {"Week": "Total", "Dates": "", "Days": ledger.totals.units}
    totals.update(
        {title: f"{getattr(ledger.totals, name):,.2f}" for name, title in LEDGER_COLUMNS[:-1]}
    )
    totals["Running total"] = ""
    rows.append(totals)
    body = table(rows, f"Week by week, in US dollars: {ledger.plan_name}")
    return f'<div style="overflow-x:auto">{body}</div>'


def chart_html(current: CostLedger, scenarios: list[Scenario]) -> str:
    """The cumulative cost by week for this estimate and each kept scenario, as inline SVG."""
    series = {"This estimate": [float(r.cumulative_client_pays) for r in current.rows]}
    for scenario in scenarios:
        series[scenario.label] = [float(r.cumulative_client_pays) for r in scenario.ledger.rows]
    weeks = max(len(points) for points in series.values())
    if weeks == 0:
        return "<p>No weeks to chart.</p>"
    # Shorter scenarios hold their last total, so every line spans the same weeks.
    for name, points in series.items():
        series[name] = points + [points[-1] if points else 0.0] * (weeks - len(points))
    chart = line_chart(
        series,
        [str(week) for week in range(1, weeks + 1)],
        title="What you pay, added up week by week",
        y_label="US dollars",
    )
    return f'<figure class="carenav-cost-chart">{chart}<figcaption>Week number along the bottom.</figcaption></figure>'


def events_html(ledger: CostLedger) -> str:
    """The moments that change the picture, in order."""
    if not ledger.events:
        return "<h3>What changes along the way</h3><p>Nothing changes during these weeks.</p>"
    items = []
    for event in ledger.events:
        when = f"Week {event.week}: " if event.week else ""
        items.append(f"<li>{escape(when)}{escape(event.text)}</li>")
    return f"<h3>What changes along the way</h3><ul>{''.join(items)}</ul>"


def assumptions_html(ledger: CostLedger) -> str:
    """Every assumption and the data used."""
    items = "".join(f"<li>{escape(text)}</li>" for text in ledger.assumptions)
    used = "; ".join([f"plan {ledger.data_version.plan_id}", *ledger.data_version.parameters])
    return f"<h3>Assumptions</h3><ul>{items}</ul><p><small>Data used: {escape(used)}.</small></p>"


def warnings_html(warnings: list[Problem]) -> str:
    """Plan warnings (a maximum above the legal limit, a day limit) as things to ask the plan."""
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(w.message)}</li>" for w in warnings)
    return f'<div class="carenav-plan-warnings" role="note"><h3>Ask the plan about</h3><ul>{items}</ul></div>'


def questions_html(questions: dict[str, list[str]]) -> str:
    """Questions to ask before admission, grouped by whom to ask."""
    parts = ["<h3>Questions to ask before admission</h3>"]
    for whom, asked in questions.items():
        if asked:
            items = "".join(f"<li>{escape(q)}</li>" for q in asked)
            parts.append(f"<h4>Ask {escape(whom)}</h4><ul>{items}</ul>")
    return "".join(parts)


def scenarios_html(current: CostLedger, scenarios: list[Scenario]) -> str:
    """Kept scenarios side by side with this estimate."""
    if not scenarios:
        return "<p>No scenarios kept yet. Use “Keep as a scenario” to compare up to three.</p>"
    rows = [
        {
            "Scenario": label,
            "Plan": ledger.plan_name,
            "Network": ledger.network,
            "Program": ledger.program,
            "Weeks": ledger.weeks,
            "You pay": dollars(ledger.totals.client_pays),
            "Plan pays": dollars(ledger.totals.plan_pays),
        }
        for label, ledger in [("This estimate", current)] + [(s.label, s.ledger) for s in scenarios]
    ]
    return table(rows, "Scenarios side by side")
