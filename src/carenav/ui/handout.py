"""A printable handout of a cost estimate, for the navigator to give the client.

A standalone HTML page: no scripts, nothing fetched, readable on paper. It holds no name
or other identifier (carenav never asks for one), and it is made only when the navigator
clicks to prepare it; it then exists in the navigator's browser, not on the server.
"""

from __future__ import annotations

import base64
from datetime import date

from carenav.costs import CostLedger
from carenav.ui.base import CRISIS_LINE
from carenav.ui.cost_views import (
    assumptions_html,
    chart_html,
    events_html,
    ledger_html,
    questions_html,
    summary_html,
)
from carenav.ui.html import escape

_STYLE = """
body { font-family: system-ui, sans-serif; font-size: 12pt; line-height: 1.4; color: #000;
       max-width: 60em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; } h3 { margin-top: 1.2em; }
.carenav-crisis { border: 2px solid #000; padding: 6px 10px; }
.carenav-table { border-collapse: collapse; width: 100%; font-size: 10pt; }
.carenav-table th, .carenav-table td { border: 1px solid #666; padding: 2px 4px; text-align: left; }
.carenav-table td.num { text-align: right; }
@media print { a { color: #000; } .carenav-cost-chart { break-inside: avoid; } }
"""


def cost_handout(ledger: CostLedger, questions: dict[str, list[str]], *, prepared_on: date) -> str:
    """The estimate as one printable HTML page, with what it assumes and who decides what."""
    title = f"Cost estimate: {ledger.program} under {ledger.plan_name}"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        "<h1>Your cost estimate</h1>"
        f"<p>{escape(title)}. Prepared {prepared_on:%d %B %Y}. This is an estimate, not a bill "
        "and not a promise of payment: the plan decides coverage, and a clinician decides the "
        "level of care. Check the figures with the plan and the program before admission.</p>"
        f"{CRISIS_LINE}{summary_html(ledger)}{events_html(ledger)}"
        f"{questions_html(questions)}{ledger_html(ledger)}{chart_html(ledger, [])}"
        f"{assumptions_html(ledger)}</body></html>"
    )


def download_link(document: str, filename: str, text: str) -> str:
    """An HTML link that saves the document in the browser, with nothing sent to the server."""
    encoded = base64.b64encode(document.encode("utf-8")).decode("ascii")
    return (
        f'<a class="carenav-handout-link" download="{escape(filename)}" '
        f'href="data:text/html;charset=utf-8;base64,{encoded}">{escape(text)}</a>'
    )
