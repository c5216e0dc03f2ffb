"""The rule-set chooser: every set in the data folder's rules/, named with its version, in one dropdown.

The readiness check and the navigator's level-of-care step both use this one control,
so a set an organization drops into `rules/` (after `carenav validate`) appears in both
with the same label. The navigator suggests a level, so it offers placement sets only;
the readiness check also offers coverage checklists.
"""

from __future__ import annotations

import ipywidgets as widgets

from carenav.catalog import Catalog

CHOOSER_CLASS = "carenav-rule-set-chooser"


def rule_set_options(catalog: Catalog, *, coverage: bool = True) -> list[tuple[str, str]]:
    """(label, id) for the sets offered: placement sets, then coverage checklists when asked for."""
    choices = catalog.rule_set_choices()
    if coverage:
        return choices
    placement = {r.id for r in catalog.rule_sets}
    return [(label, set_id) for label, set_id in choices if set_id in placement]


def rule_set_chooser(catalog: Catalog, value: str, *, coverage: bool = True) -> widgets.Dropdown:
    """The dropdown of rule sets, set to `value` (an id among the options)."""
    chooser = widgets.Dropdown(
        options=rule_set_options(catalog, coverage=coverage),
        value=value,
        description="Rule set",
        style={"description_width": "initial"},
        layout={"width": "auto"},
    )
    chooser.add_class(CHOOSER_CLASS)
    return chooser
