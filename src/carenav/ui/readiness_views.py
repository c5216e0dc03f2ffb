"""HTML for the readiness check and the stories: recommendation, verdict, trajectory, all escaped."""

from __future__ import annotations

from collections.abc import Sequence

from carenav.models.assessment import Assessment
from carenav.models.levels import Continuum
from carenav.models.rules import RuleSet
from carenav.placement import PlacementResult, level_namer
from carenav.transitions import TransitionResult
from carenav.ui.html import escape, line_chart, table

MARKS = {True: "Met", False: "Not met", None: "Unknown — not recorded"}


def placement_html(result: PlacementResult, continuum: Continuum) -> str:
    """The recommended level, the other allowed levels, and each fired rule in reading order."""
    name = level_namer(continuum)
    others = [name(c) for c in result.allowed_levels if c != result.recommended_level]
    rows = [
        {
            "#": n,
            "Why": rule.explanation,
            "Rule": rule.rule_id,
            "Effect": f"{rule.effect} ({rule.role})",
            "Source": rule.source,
        }
        for n, rule in enumerate(result.fired, start=1)
    ]
    why = (
        table(rows, "The rules that fired, in the order to read them")
        if rows
        else f"<p>{escape(result.reasons()[0])}</p>"
    )
    review = (
        '<p role="note"><strong>A rule asks for a clinician\'s review before placement.</strong></p>'
        if result.needs_review
        else ""
    )
    return (
        f'<section class="carenav-recommendation" aria-live="polite">'
        f"<h2>Recommended level now</h2>"
        f'<p class="carenav-recommended-level"><strong>{escape(name(result.recommended_level))}'
        f"</strong></p><p><small>{escape(result.label)} {escape(result.provenance)}</small></p>"
        f"{review}<p>Also allowed by the rules: {escape(', '.join(others) or 'none')}.</p>{why}"
        "</section>"
    )


def transition_html(result: TransitionResult, continuum: Continuum) -> str:
    """The readiness verdict, its target, its reasons and the step-down criteria."""
    name = level_namer(continuum)
    target = (
        f" — to {name(result.target_level)}"
        if result.target_level and result.target_level != result.current_level
        else ""
    )
    reasons = "".join(f"<li>{escape(r)}</li>" for r in result.reasons)
    criteria = table(
        [
            {"Criterion": c.description, "Status": MARKS[c.met], "Detail": c.detail}
            for c in result.criteria
        ],
        "Step-down criteria",
    )
    missing = (
        f"<p><strong>Missing:</strong> {escape('; '.join(result.missing))}.</p>"
        if result.missing
        else ""
    )
    return (
        f'<section class="carenav-readiness" aria-live="polite"><h2>Readiness</h2>'
        f'<p class="carenav-verdict"><strong>{escape(result.verdict_words)}{escape(target)}</strong>'
        f" (current level: {escape(name(result.current_level))})</p>"
        f"<ol>{reasons}</ol>{missing}{criteria if result.criteria else ''}</section>"
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


def summary_html(text: str) -> str:
    """A result's plain-text summary, as preformatted, escaped text a navigator can copy."""
    return (
        '<section class="carenav-summary"><h2>Summary to copy</h2>'
        f'<pre style="white-space:pre-wrap">{escape(text)}</pre></section>'
    )
