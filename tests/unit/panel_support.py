"""Opening an app's closed sections as a navigator does: a section's inputs are drawn then."""

from __future__ import annotations

import ipywidgets as widgets


def open_every_section(sections: widgets.Accordion) -> None:
    """Open each section in turn, as clicking its header does."""
    for index in range(len(sections.children)):
        sections.selected_index = index
