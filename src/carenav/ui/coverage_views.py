"""HTML for a coverage review: each criterion's answer and citation, and the certification dates."""

from __future__ import annotations

from datetime import date

from carenav.coverage_review import CoverageReview
from carenav.models.levels import Continuum
from carenav.placement import level_namer
from carenav.ui.html import escape, table


def due_words(review: CoverageReview, today: date) -> str:
    """'Next recertification (number 1) due by day 18 (2026-03-19), in 5 days.' or why none is listed."""
    upcoming = review.next_recertification(today)
    if upcoming is None:
        return "No recertification date is listed for this level."
    days = (upcoming.due - today).days
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return (
        f"Next recertification (number {upcoming.number}) due by day {upcoming.day} "
        f"({upcoming.due.isoformat()}), {when}."
    )


def coverage_html(review: CoverageReview, continuum: Continuum, today: date) -> str:
    """The checklist with citations, the outcome in a sentence, and when recertification is due."""
    name = level_namer(continuum)
    rows = [
        {
            "#": n,
            "Criterion": f.question,
            "Answer": f.answer.words,
            "Source": f.citation + ("" if f.citation_checked else " (not yet checked)"),
            "In effect since": f.effective.isoformat() if f.effective else "not confirmed",
        }
        for n, f in enumerate(review.findings, start=1)
    ]
    dates = [
        {"Recertification": r.number, "By day": r.day, "Date": r.due.isoformat()}
        for r in review.recertifications[:6]
    ]
    unconfirmed = (
        '<p role="note"><strong>The recertification interval is not yet confirmed in the '
        "regulation's current text</strong>; confirm it before relying on these dates. "
        f"{escape(review.schedule_note or '')}</p>"
        if review.schedule_verified is False
        else ""
    )
    certification = (
        f"<p>Certification: {escape(review.certification_due)}</p>"
        if review.certification_due
        else ""
    )
    return (
        '<section class="carenav-coverage" aria-live="polite">'
        f"<h2>Coverage checklist: {escape(name(review.level))}</h2>"
        f"<p><small>{escape(review.label)} {escape(review.provenance)}</small></p>"
        f'<p class="carenav-coverage-outcome"><strong>{escape(review.outcome)}</strong></p>'
        f"{table(rows, 'Each criterion, what the record shows, and where it comes from')}"
        f"<h3>Certification dates</h3>{certification}"
        f'<p class="carenav-recertification-due"><strong>{escape(due_words(review, today))}'
        f"</strong></p>{table(dates, 'Recertify by these dates (day 1 is the admission day)')}"
        f"{unconfirmed}</section>"
    )
