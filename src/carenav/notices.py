"""The words every page, report and handout carries: the crisis line and the decision-support notice.

This module is their one home. The apps (``carenav.ui.base``), the command line and the
handout read these constants; the Voila landing and error pages include the partial
``carenav-notices.html`` that ``template_partial()`` renders from them (a test fails
when the stored partial differs; ``python -m carenav.notices`` rewrites it).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

CRISIS = "In crisis? Call or text 988 (Suicide & Crisis Lifeline). In an emergency, call 911."
DECISION_SUPPORT = (
    "carenav is decision support, not a decision: a clinician decides the level of care "
    "and the payer decides coverage."
)
FICTIONAL = "Sample programs, plans and clients are fictional."

CRISIS_HTML = (
    "<strong>In crisis?</strong> Call or text <strong>988</strong> "
    "(Suicide &amp; Crisis Lifeline). In an emergency, call <strong>911</strong>."
)
DECISION_SUPPORT_HTML = html.escape(f"{DECISION_SUPPORT} {FICTIONAL}")
PARTIAL = (
    Path(__file__).resolve().parent
    / "jupyter_data"
    / "voila"
    / "templates"
    / "carenav"
    / "carenav-notices.html"
)


def template_partial() -> str:
    """The Jinja partial the landing and error pages include: crisis line, then the notice."""
    return (
        "{#- Generated from carenav/notices.py by `python -m carenav.notices`: edit that module. -#}\n"
        f'<p class="crisis" role="note" aria-label="Crisis help">{CRISIS_HTML}</p>\n'
        f'<p class="notice">{DECISION_SUPPORT_HTML}</p>\n'
    )


def main() -> int:
    """Rewrite the stored partial from the constants above."""
    PARTIAL.write_text(template_partial(), encoding="utf-8")
    print(f"wrote {PARTIAL}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
