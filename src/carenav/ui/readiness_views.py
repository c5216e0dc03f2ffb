"""HTML for the readiness check and the stories: recommendation, verdict, trajectory, all escaped.

The words are the presenters' (``carenav.present.placement`` and ``.readiness``), which
also write the plain-text summary a navigator copies.
"""

from __future__ import annotations

from carenav.present import placement as present_placement
from carenav.present import readiness as present_readiness
from carenav.present.html import escape

__all__ = ["placement_html", "summary_html", "trajectory_html", "transition_html"]

placement_html = present_placement.html
transition_html = present_readiness.html
trajectory_html = present_readiness.trajectory_html


def summary_html(text: str) -> str:
    """A result's plain-text summary, as preformatted, escaped text a navigator can copy."""
    return (
        '<section class="carenav-summary"><h2>Summary to copy</h2>'
        f'<pre style="white-space:pre-wrap">{escape(text)}</pre></section>'
    )
