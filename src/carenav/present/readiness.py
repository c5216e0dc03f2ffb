"""A readiness (step-up / stay / step-down) result in words, and the ratings over time.

``text`` is the summary a navigator copies; ``html`` and ``trajectory_html`` are the
readiness check's views. The verdict, the criteria's marks and the level names are
the same phrases in both.
"""

from __future__ import annotations

from collections.abc import Sequence

from carenav.models.assessment import Assessment
from carenav.models.levels import Continuum
from carenav.models.rules import RuleSet
from carenav.placement import level_namer
from carenav.present.html import escape, line_chart, table
from carenav.present.placement import decision_line
from carenav.transitions import TransitionResult

MARKS = {True: "Met", False: "Not met", None: "Unknown — not recorded"}
CRITERIA_CAPTION = "Step-down criteria"


def verdict(result: TransitionResult, continuum: Continuum | None) -> str:
    """'Ready to step down — to 1 Outpatient (weekly therapy)'; the target only when it moves."""
    name = level_namer(continuum)
    moves = result.target_level and result.target_level != result.current_level
    target = f" — to {name(result.target_level)}" if moves and result.target_level else ""
    return f"{result.verdict_words}{target}"


def missing(result: TransitionResult) -> str | None:
    """'Missing: attendance since the last assessment.' when something was not recorded."""
    return f"Missing: {'; '.join(result.missing)}." if result.missing else None


def text(result: TransitionResult, continuum: Continuum | None = None) -> str:
    """The verdict as plain text, with reasons, criteria and the clinician's choice."""
    name = level_namer(continuum)
    lines = [
        result.label,
        result.provenance,
        f"Current level: {name(result.current_level)}.",
        f"Verdict: {verdict(result, continuum)}.",
        "Why:",
        *(f"  {n}. {reason}" for n, reason in enumerate(result.reasons, start=1)),
    ]
    if result.criteria:
        lines.append(f"{CRITERIA_CAPTION}:")
        lines += [f"  - {c.description}: {MARKS[c.met]} ({c.detail})" for c in result.criteria]
    if (gap := missing(result)) is not None:
        lines.append(gap)
    lines.append(decision_line(result.decision, result.target_level or result.current_level, name))
    return "\n".join(lines)


def html(result: TransitionResult, continuum: Continuum) -> str:
    """The readiness verdict, its target, its reasons and the step-down criteria."""
    name = level_namer(continuum)
    reasons = "".join(f"<li>{escape(r)}</li>" for r in result.reasons)
    criteria = table(
        [
            {"Criterion": c.description, "Status": MARKS[c.met], "Detail": c.detail}
            for c in result.criteria
        ],
        CRITERIA_CAPTION,
    )
    gap = missing(result)
    return (
        f'<section class="carenav-readiness" aria-live="polite"><h2>Readiness</h2>'
        f'<p class="carenav-verdict"><strong>{escape(verdict(result, continuum))}</strong>'
        f" (current level: {escape(name(result.current_level))})</p>"
        f"<ol>{reasons}</ol>{f'<p>{escape(gap)}</p>' if gap else ''}"
        f"{criteria if result.criteria else ''}</section>"
    )


def trajectory_html(
    history: Sequence[Assessment], rule_set: RuleSet, labels: Sequence[str] | None = None
) -> str:
    """Each dimension's rating over time as an offline SVG chart, with the same numbers as a table."""
    if not history:
        return "<p>No assessments yet.</p>"
    x_labels = list(labels) if labels is not None else [a.date.isoformat() for a in history]
    series = {
        rule_set.dimension(d).label: [float(a.rating(d)) for a in history]
        for d in rule_set.dimension_ids()
    }
    top = max(rule_set.scale_for(d).maximum for d in rule_set.dimension_ids())
    chart = line_chart(
        series,
        x_labels,
        title="Ratings over time (higher means more need)",
        y_label="Rating",
        x_label="assessment",
        y_max=float(top),
        y_ticks=[float(v) for v in range(0, top + 1)],
        width=760,
        height=300,
    )
    rows = [
        {"Assessment": label, **{rule_set.dimension(d).label: a.rating(d) for d in a.ratings}}
        for label, a in zip(x_labels, history, strict=True)
    ]
    return (
        f'<section class="carenav-trajectory"><h2>Trajectory</h2>{chart}'
        f"{table(rows, 'Ratings at each assessment')}</section>"
    )
