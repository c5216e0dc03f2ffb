"""The program finder's results in words: ranked programs with reasons and next steps, near misses.

``text`` is what ``carenav find`` prints; ``results_html``, ``near_misses_html`` and
``comparison_html`` are the finder app's views. Both use the phrases below (the
intake line, the wait, what to bring, why a near miss missed), so the command and
the app cannot drift. Every piece of text from the directory is escaped before it
reaches a page.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from carenav.matching import Matches
from carenav.models.program import DEFAULT_WHAT_TO_BRING
from carenav.present.html import escape, table

SHOWN_RESULTS = 25


def _dollars(cents: object) -> str:
    if cents is None or pd.isna(cents):  # type: ignore[call-overload]
        return "no estimate"
    return f"${Decimal(int(cents)) / 100:,.2f}"  # type: ignore[call-overload]


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _split(cell: object) -> list[str]:
    return [part.strip() for part in str(cell or "").split(";") if part.strip()]


def waiting(row: pd.Series) -> str:
    """'typical wait 3 days', or 'wait not recorded — ask'."""
    wait = row["wait_days"]
    if pd.isna(wait):
        return "wait not recorded — ask"
    return "typical wait 1 day" if round(wait) == 1 else f"typical wait {wait:.0f} days"


def intake(row: pd.Series) -> str:
    """'Call intake: 503-555-0100 (typical wait 3 days)'."""
    return f"Call intake: {row['intake_phone'] or row['phone']} ({waiting(row)})"


def next_steps_lines(row: pd.Series) -> list[str]:
    """How to reach intake, admission requirements and what to bring, one line each."""
    steps = [intake(row)]
    requirements = _split(row["admission_requirements"])
    if requirements:
        steps.append("Before admission: " + "; ".join(requirements))
    bring = _split(row["what_to_bring"]) or list(DEFAULT_WHAT_TO_BRING)
    steps.append("Bring: " + ", ".join(bring))
    return steps


def next_steps(row: pd.Series) -> str:
    """The next steps as an HTML list."""
    return _list(next_steps_lines(row))


def title(rank: int, row: pd.Series) -> str:
    """'1. Harbor Light IOP (Portland, OR) — score 87'."""
    return f"{rank}. {row['name']} ({row['city']}, {row['state']}) — score {row['score']:.0f}"


def miss(row: pd.Series) -> str:
    """Why a near miss is excluded, in words (the criterion's name when no sentence is kept)."""
    return str(row["missed_because"] or row["missed"])


NEAR_MISSES_HEADING = "Near misses"
NEAR_MISSES_NOTE = "excluded by one criterion; relaxing it would add them"


def text(matches: Matches, limit: int) -> str:
    """What ``carenav find`` prints: the summary, each result with its reasons and next steps."""
    lines = [matches.summary()]
    for rank, (_, row) in enumerate(matches.results.head(limit).iterrows(), start=1):
        lines += ["", title(rank, row)]
        lines += [f"   - {reason}" for reason in row["reasons"] or []]
        lines += [f"   > {step}" for step in next_steps_lines(row)]
    near = matches.near_misses.head(limit)
    if len(near):
        lines += ["", f"{NEAR_MISSES_HEADING} ({NEAR_MISSES_NOTE}):"]
        lines += [f"   - {row['name']}: {miss(row)}" for _, row in near.iterrows()]
    return "\n".join(lines)


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
        return f"<h2>{NEAR_MISSES_HEADING}</h2><p>No program misses by just one criterion.</p>"
    rows = [
        {
            "Program": row["name"],
            "Place": f"{row['city']}, {row['state']}",
            "Misses only because": miss(row),
            "Score": f"{row['score']:.0f}",
        }
        for _, row in near.head(limit).iterrows()
    ]
    caption = f"{len(near)} program(s) {NEAR_MISSES_NOTE}."
    return f"<h2>{NEAR_MISSES_HEADING}</h2>" + table(rows, caption=caption)


def comparison_html(comparison: pd.DataFrame) -> str:
    """The side-by-side table; rows that differ are marked in words, not colour alone."""
    frame = comparison.drop(columns=["differs"]).copy()
    frame.insert(0, "Differs?", ["differs" if d else "" for d in comparison["differs"]])
    return "<h2>Compare the shortlist</h2>" + table(
        frame,
        caption="Programs side by side; 'differs' marks rows where they are not the same.",
        row_headers=True,
    )
