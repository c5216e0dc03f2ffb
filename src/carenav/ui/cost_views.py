"""HTML for the cost app: the chart, scenarios, plan warnings and questions.

The ledger's own words (summary, weekly table, events, assumptions) come from its
presenter, ``carenav.present.ledger``, which the command line prints from too.
Pure functions from ledgers to escaped HTML strings, so they are tested without widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from carenav.costs import CostLedger
from carenav.errors import Problem
from carenav.models.base import dollars
from carenav.present.html import escape, line_chart, table
from carenav.present.ledger import (
    assumptions_html,
    events_html,
    ledger_html,
    network_words,
    summary_html,
)

__all__ = [
    "Scenario",
    "assumptions_html",
    "chart_html",
    "events_html",
    "ledger_html",
    "questions_html",
    "scenarios_html",
    "summary_html",
    "warnings_html",
]


@dataclass(frozen=True)
class Scenario:
    """One estimate kept for comparison, with the label the navigator sees."""

    label: str
    ledger: CostLedger


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
            "Network": network_words(ledger),
            "Program": ledger.program,
            "Weeks": ledger.weeks,
            "You pay": dollars(ledger.totals.client_pays),
            "Plan pays": dollars(ledger.totals.plan_pays),
        }
        for label, ledger in [("This estimate", current)] + [(s.label, s.ledger) for s in scenarios]
    ]
    return table(rows, "Scenarios side by side")
