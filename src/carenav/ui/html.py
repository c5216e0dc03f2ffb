"""HTML helpers for the apps; they live in ``carenav.present.html`` (kept here for imports)."""

from carenav.present.html import DASHES, PALETTE, chart_summary, escape, line_chart, table

__all__ = ["DASHES", "PALETTE", "chart_summary", "escape", "line_chart", "table"]
