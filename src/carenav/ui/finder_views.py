"""HTML for the program finder: ranked results with reasons and next steps, near misses, the comparison.

Pure functions from the finder's DataFrames to escaped HTML strings, tested without widgets.
Every piece of text from the directory is escaped here before it reaches the page.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from carenav.models.program import DEFAULT_WHAT_TO_BRING
from carenav.ui.html import escape, table

SHOWN_RESULTS = 25


def _dollars(cents: object) -> str:
    if cents is None or pd.isna(cents):  # type: ignore[call-overload]
        return "no estimate"
    return f"${Decimal(int(cents)) / 100:,.2f}"  # type: ignore[call-overload]


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _split(cell: object) -> list[str]:
    return [part.strip() for part in str(cell or "").split(";") if part.strip()]


def next_steps(row: pd.Series) -> str:
    """How to reach intake, what to bring, the typical wait and admission requirements, as HTML."""
    phone = row["intake_phone"] or row["phone"]
    wait = row["wait_days"]
    waiting = (
        "wait not recorded — ask"
        if pd.isna(wait)
        else ("typical wait 1 day" if round(wait) == 1 else f"typical wait {wait:.0f} days")
    )
    steps = [f"Call intake: {phone} ({waiting})"]
    requirements = _split(row["admission_requirements"])
    if requirements:
        steps.append("Before admission: " + "; ".join(requirements))
    bring = _split(row["what_to_bring"]) or list(DEFAULT_WHAT_TO_BRING)
    steps.append("Bring: " + ", ".join(bring))
    return _list(steps)


def results_html(results: pd.DataFrame, summary: str, *, limit: int = SHOWN_RESULTS) -> str:
    """The ranked results as one table: program, score, distance, why it fits, next steps."""
    if results.empty:
        return f'<p class="carenav-results-empty">{escape(summary)} Try the near misses below.</p>'
    shown = results.head(limit)
    rows = []
    for rank, (_, row) in enumerate(shown.iterrows(), start=1):
        place = f"{row['city']}, {row['state']}"
        miles = "" if pd.isna(row["miles"]) else f"{row['miles']:.0f} mi"
        record = {
            "Rank": rank,
            "Program": f"<strong>{escape(row['name'])}</strong><br><small>{escape(place)} · "
            f"levels {escape(row['levels'].replace(';', ', '))} · {escape(row['website'])}</small>",
            "Score": f"{row['score']:.0f}",
            "Distance": miles,
            "Why it fits": _list(list(row["reasons"] or [])),
            "Next steps": next_steps(row),
        }
        if "estimated_cost_cents" in row:
            record["Estimated cost"] = _dollars(row["estimated_cost_cents"])
        rows.append(record)
    more = "" if len(results) <= limit else f" Showing the first {limit}."
    return table(
        rows,
        caption=summary + more,
        html_columns=("Program", "Why it fits", "Next steps"),
    )


def near_misses_html(near: pd.DataFrame, *, limit: int = 10) -> str:
    """Programs excluded by exactly one criterion, and which one: what relaxing it would open up."""
    if near.empty:
        return "<h2>Near misses</h2><p>No program misses by just one criterion.</p>"
    rows = [
        {
            "Program": row["name"],
            "Place": f"{row['city']}, {row['state']}",
            "Misses only because": row["missed_because"] or row["missed"],
            "Score": f"{row['score']:.0f}",
        }
        for _, row in near.head(limit).iterrows()
    ]
    caption = f"{len(near)} program(s) miss by one criterion; relaxing it would add them."
    return "<h2>Near misses</h2>" + table(rows, caption=caption)


def comparison_html(comparison: pd.DataFrame) -> str:
    """The side-by-side table; rows that differ are marked in words, not colour alone."""
    frame = comparison.drop(columns=["differs"]).copy()
    frame.insert(0, "Differs?", ["differs" if d else "" for d in comparison["differs"]])
    return "<h2>Compare the shortlist</h2>" + table(
        frame,
        caption="Programs side by side; 'differs' marks rows where they are not the same.",
        row_headers=True,
    )
