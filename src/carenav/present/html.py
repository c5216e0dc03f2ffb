"""HTML that widgets show: escaped text, real tables with headers, and charts as inline SVG (no internet)."""

from __future__ import annotations

import html as _html
import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from numbers import Number
from typing import Any

PALETTE = ("#1a4f8b", "#b5540b", "#2d7a3a", "#7b2d8b", "#8b1a1a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")  # so series differ without relying on colour


_CHART_IDS = itertools.count(1)


def escape(value: Any) -> str:
    """Any value as text safe to put inside HTML."""
    return _html.escape("" if value is None else str(value), quote=True)


def _is_number(value: Any) -> bool:
    return isinstance(value, Number | Decimal) and not isinstance(value, bool)


def table(
    rows: Any,
    caption: str,
    *,
    row_headers: bool = False,
    html_columns: Sequence[str] = (),
) -> str:
    """An accessible HTML table: caption, column headers, every cell escaped.

    `rows` is a pandas DataFrame or a list of mappings (no pandas needed for those).
    `html_columns` names columns whose cells are HTML that carenav built itself
    (never text from a data file or a user); everything else is escaped.
    """
    columns, records, index, index_name = _tabulate(rows)
    numeric = {c for n, c in enumerate(columns) if _numeric([r[n] for r in records])}
    head = "".join(
        f'<th scope="col"{" class=num" if c in numeric else ""}>{escape(c)}</th>' for c in columns
    )
    if row_headers:
        head = f'<th scope="col">{escape(index_name)}</th>' + head
    body = []
    for label, record in zip(index, records, strict=True):
        cells = [f'<th scope="row">{escape(label)}</th>'] if row_headers else []
        for column, value in zip(columns, record, strict=True):
            text = str(value) if column in html_columns else escape(_blank_if_missing(value))
            cls = ' class="num"' if _is_number(value) else ""
            cells.append(f"<td{cls}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    # A wide table scrolls inside its own region, which a keyboard can reach and a screen
    # reader names by the caption, rather than being cut off by its column.
    return (
        f'<div class="carenav-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f'<table class="carenav-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _tabulate(rows: Any) -> tuple[list[str], list[tuple[Any, ...]], list[Any], str]:
    """Columns, row tuples, row labels and the label column's name, from a DataFrame or mappings."""
    if hasattr(rows, "itertuples"):  # a DataFrame, read without importing pandas here
        columns = [str(c) for c in rows.columns]
        records = list(rows.itertuples(index=False, name=None))
        return columns, records, list(rows.index), str(rows.index.name or "")
    mappings: list[Mapping[str, Any]] = list(rows)
    columns = list(dict.fromkeys(key for mapping in mappings for key in mapping))
    records = [tuple(m.get(c) for c in columns) for m in mappings]
    return columns, records, list(range(len(records))), ""


def _numeric(values: Sequence[Any]) -> bool:
    present = [v for v in values if _blank_if_missing(v) != ""]
    return bool(present) and all(_is_number(v) for v in present)


def _blank_if_missing(value: Any) -> Any:
    """None, NaN, pandas' NA and NaT show as an empty cell."""
    if value is None or type(value).__name__ in {"NAType", "NaTType"}:
        return ""
    if isinstance(value, float) and value != value:  # NaN is the one value unequal to itself
        return ""
    return value


def line_chart(
    series: Mapping[str, Sequence[float]],
    x_labels: Sequence[str],
    *,
    title: str,
    y_label: str,
    x_label: str = "week",
    y_max: float | None = None,
    y_ticks: Sequence[float] | None = None,
    width: int = 640,
    height: int = 280,
) -> str:
    """A line chart as inline SVG with a title and description for screen readers.

    Each series gets its own colour *and* dash pattern and is named in a legend, so
    nothing depends on colour alone. Pair it with a table of the same numbers.
    """
    left, right, top, bottom = 70, 150, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series.values() for v in s]
    top_value = y_max if y_max is not None else max([*values, 1.0])
    top_value = top_value or 1.0
    count = max(len(x_labels), 2)

    def x(i: int) -> float:
        return left + plot_w * i / (count - 1)

    def y(v: float) -> float:
        return top + plot_h * (1 - v / top_value)

    ticks = y_ticks if y_ticks is not None else [top_value * k / 4 for k in range(5)]
    # The chart's text alternative names each line's first, last and highest figures, so a
    # screen reader gets what a sighted reader sees; ids are unique per chart on the page.
    chart_id = f"carenav-chart-{next(_CHART_IDS)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        'style="max-width:100%;height:auto" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-t {chart_id}-d">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(chart_summary(series, x_labels, x_label, y_label))}</desc>',
        f'<text x="{left}" y="18" font-size="14" font-weight="600">{escape(title)}</text>',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="12" text-anchor="end">{escape(_short(tick))}</text>'
        )
    step = max(1, len(x_labels) // 12)
    for i, label in enumerate(x_labels):
        if i % step == 0 or i == len(x_labels) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" font-size="12" text-anchor="middle">{escape(label)}</text>'
            )
    for n, (name, points) in enumerate(series.items()):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        path = " ".join(f"{x(i):.1f},{y(float(v)):.1f}" for i, v in enumerate(points))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}" points="{path}"/>'
        )
        ly = top + 16 + 22 * n
        parts.append(
            f'<line x1="{left + plot_w + 12}" x2="{left + plot_w + 40}" y1="{ly}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="3" stroke-dasharray="{dash}"/><text x="{left + plot_w + 46}" y="{ly + 4}" '
            f'font-size="12">{escape(name)}</text>'
        )
    parts.append(
        f'<text x="14" y="{top + plot_h / 2:.0f}" font-size="12" transform="rotate(-90 14 {top + plot_h / 2:.0f})" '
        f'text-anchor="middle">{escape(y_label)}</text></svg>'
    )
    return "".join(parts)


def chart_summary(
    series: Mapping[str, Sequence[float]], x_labels: Sequence[str], x_label: str, y_label: str
) -> str:
    """A chart in words: each line's first, last and highest value, for screen readers."""
    if not x_labels:
        return f"{y_label} by {x_label}: no data."
    lines = []
    for name, points in series.items():
        values = [float(v) for v in points]
        if not values:
            continue
        peak = max(range(len(values)), key=values.__getitem__)
        lines.append(
            f"{name}: {_short(values[0])} at {x_labels[0]}, {_short(values[-1])} at "
            f"{x_labels[len(values) - 1]}, highest {_short(values[peak])} at {x_labels[peak]}"
        )
    return f"{y_label} by {x_label}. " + "; ".join(lines) + "."


def _short(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:g}"
