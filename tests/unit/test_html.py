"""HTML built for widgets: text from data files is escaped; tables have headers and captions."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from carenav.ui.html import escape, line_chart, table


def test_text_from_a_data_file_cannot_inject_markup() -> None:
    assert (
        escape('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    )


def test_a_table_has_a_caption_column_headers_and_escaped_cells() -> None:
    html = table([{"Program": "<b>Sunrise</b>", "Cost": Decimal("12.50")}], "Programs")
    assert "<caption>Programs</caption>" in html
    assert '<th scope="col">Program</th>' in html
    assert "&lt;b&gt;Sunrise&lt;/b&gt;" in html
    assert '<td class="num">12.50</td>' in html


def test_row_headers_are_marked_as_row_headers() -> None:
    frame = pd.DataFrame({"A": [1]}, index=pd.Index(["Level"], name="Attribute"))
    assert '<th scope="row">Level</th>' in table(frame, "Compare", row_headers=True)


def test_a_chart_is_inline_svg_with_a_title_and_no_external_reference() -> None:
    svg = line_chart(
        {"Plan": [0, 10, 20]}, ["W1", "W2", "W3"], title="Cost <so far>", y_label="Dollars"
    )
    assert svg.startswith("<svg") and "<title" in svg
    assert "Cost &lt;so far&gt;" in svg
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
