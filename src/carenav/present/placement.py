"""A placement result in words: the recommended level, what else is allowed, and why.

``text`` is the summary a navigator copies (and notebooks print); ``html`` is the
readiness check's view. Both name levels as the continuum does and use the phrases
below, so the copied summary says what the screen says.
"""

from __future__ import annotations

from collections.abc import Callable

from carenav.models.assessment import ClinicianDecision
from carenav.models.levels import Continuum
from carenav.placement import PlacementResult, level_namer
from carenav.present.html import escape, table

RECOMMENDED_HEADING = "Recommended level now"
REVIEW = "A rule asks for a clinician's review before placement."
FIRED_CAPTION = "The rules that fired, in the order to read them"


def also_allowed(result: PlacementResult, continuum: Continuum | None) -> str:
    """'Also allowed by the rules: 2.5 Partial hospitalization (PHP).' ('none' when alone)."""
    name = level_namer(continuum)
    others = [name(c) for c in result.allowed_levels if c != result.recommended_level]
    return f"Also allowed by the rules: {', '.join(others) or 'none'}."


def decision_line(
    decision: ClinicianDecision | None, recommended: str | None, name: Callable[[str], str]
) -> str:
    """The clinician's choice in words, for every summary."""
    if decision is None:
        return "Clinician's chosen level: not recorded yet."
    who = f" ({decision.clinician})" if decision.clinician else ""
    text = f"Clinician's chosen level{who}: {name(decision.chosen_level)}"
    if recommended is not None and decision.chosen_level != recommended:
        return f"{text} — differs from the recommendation; reason: {decision.reason}"
    if decision.reason:
        return f"{text}, as recommended; note: {decision.reason}"
    return f"{text}, as recommended."


def text(result: PlacementResult, continuum: Continuum | None = None) -> str:
    """Plain text: label, rule set, recommendation, reasons and the clinician's choice."""
    name = level_namer(continuum)
    lines = [
        result.label,
        result.provenance,
        f"Assessment of {result.assessment_date.isoformat()} by {result.rater}.",
        f"Recommended level: {name(result.recommended_level)}.",
        also_allowed(result, continuum),
    ]
    if result.needs_review:
        lines.append(REVIEW)
    lines.append("Why:")
    if not result.fired:
        lines.append(f"  1. {result.reasons()[0]}")
    for number, rule in enumerate(result.fired, start=1):
        lines.append(
            f"  {number}. {rule.explanation} [{rule.rule_id}: {rule.effect}; "
            f"{rule.role}; source: {rule.source}]"
        )
    lines.append(decision_line(result.decision, result.recommended_level, name))
    return "\n".join(lines)


def html(result: PlacementResult, continuum: Continuum) -> str:
    """The recommended level, the other allowed levels, and each fired rule in reading order."""
    name = level_namer(continuum)
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
    why = table(rows, FIRED_CAPTION) if rows else f"<p>{escape(result.reasons()[0])}</p>"
    review = f'<p role="note"><strong>{escape(REVIEW)}</strong></p>' if result.needs_review else ""
    return (
        f'<section class="carenav-recommendation" aria-live="polite">'
        f"<h2>{RECOMMENDED_HEADING}</h2>"
        f'<p class="carenav-recommended-level"><strong>{escape(name(result.recommended_level))}'
        f"</strong></p><p><small>{escape(result.label)} {escape(result.provenance)}</small></p>"
        f"{review}<p>{escape(also_allowed(result, continuum))}</p>{why}"
        "</section>"
    )
