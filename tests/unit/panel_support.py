"""Opening the needs panel's sections as a navigator does: a section's inputs are drawn then."""

from __future__ import annotations

from carenav.ui.finder_inputs import NeedsPanel


def open_every_section(panel: NeedsPanel) -> None:
    """Open each section in turn, as clicking its header does."""
    for index in range(len(panel.sections.children)):
        panel.sections.selected_index = index
