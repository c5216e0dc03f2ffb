"""The program finder's views; the words live in ``carenav.present.matches`` (shared with the CLI)."""

from carenav.present.matches import (
    SHOWN_RESULTS,
    comparison_html,
    near_misses_html,
    next_steps,
    results_html,
)

__all__ = ["SHOWN_RESULTS", "comparison_html", "near_misses_html", "next_steps", "results_html"]
