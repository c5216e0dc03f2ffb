"""The navigator's last step: the client's handout in English or Spanish, printed from the browser, and the case files.

The name field is used for the handout on screen only: it is not part of the case, so
it is never in a downloaded case file. Downloads and the upload happen only on a click.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from carenav.casework import CaseFacts, case_facts
from carenav.catalog import Catalog
from carenav.compare import compare
from carenav.io.case_file import case_json, read_case
from carenav.models.case import ClientCase
from carenav.placement import level_namer
from carenav.present.checklist import checklist_html
from carenav.present.handout import handout_fragment, style_block
from carenav.present.i18n import LANGUAGES
from carenav.ui.downloads import download_html

PRINT_BUTTON = (
    '<button type="button" class="carenav-print" onclick="window.print()">'
    "Print the handout (or save it as PDF)</button>"
)


class HandoutStep:
    """Language, an optional name, the handout itself, and the buttons that save or open a case."""

    def __init__(
        self,
        catalog: Catalog,
        case: ClientCase,
        guard: Callable[[Any], Any],
        today: date,
        open_case: Callable[[ClientCase], None],
        say: Callable[[str], None],
    ) -> None:
        self.catalog = catalog
        self.today = today
        self._open_case = open_case
        self._say = say
        self.case = case
        self._facts: CaseFacts | None = None
        self.language = widgets.ToggleButtons(
            options=[(name, code) for code, name in LANGUAGES.items()],
            value="en",
            description="Language",
        )
        self.language.add_class("carenav-handout-language")
        self.name = widgets.Text(
            description="Client's name on the handout (optional, never saved)",
            style={"description_width": "initial"},
            # The width holds the long description too: leave room for a whole name.
            layout=dict(width="100%", max_width="760px"),
            continuous_update=False,
        )
        self.print_button = widgets.HTML(PRINT_BUTTON)
        self.save_case = widgets.Button(description="Download case file", layout={"width": "auto"})
        self.save_case.add_class("carenav-save-case")
        self.save_csv = widgets.Button(
            description="Download shortlist (CSV)", layout={"width": "auto"}
        )
        self.save_csv.add_class("carenav-save-shortlist")
        self.upload = widgets.FileUpload(
            accept=".json,application/json", multiple=False, description="Open case file"
        )
        self.upload.add_class("carenav-open-case")
        self.files = widgets.HTML()
        self.files.add_class("carenav-files")
        self.checklist = widgets.HTML()
        # The handout's stylesheet, sent once; the handout below is rewritten without it.
        self.style = widgets.HTML(style_block())
        self.handout = widgets.HTML()
        self.handout.add_class("carenav-handout-view")
        for control in (self.language, self.name):
            control.observe(guard(lambda _c: self.show(self.case)), names="value")
        self.save_case.on_click(guard(lambda _b: self.download_case()))
        self.save_csv.on_click(guard(lambda _b: self.download_shortlist()))
        self.upload.observe(guard(self._uploaded), names="value")
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [self.language, self.print_button],
                    layout=dict(flex_flow="row wrap", gap="16px", align_items="flex-end"),
                ),
                self.name,
                widgets.HBox(
                    [self.save_case, self.save_csv, self.upload],
                    layout=dict(flex_flow="row wrap", gap="8px"),
                ),
                self.files,
                self.checklist,
                self.style,
                self.handout,
            ]
        )

    def show(self, case: ClientCase) -> None:
        """Write the handout for the case as it is now, in the chosen language."""
        self.case = case
        # The facts (every estimate) depend on the case only: a new language or name reuses them.
        if self._facts is None or self._facts.case != case:
            self._facts = case_facts(case, self.catalog, self.today)
        facts = self._facts
        self.checklist.value = checklist_html(facts, level_namer(self.catalog.continuum))
        self.handout.value = handout_fragment(
            facts,
            self.catalog.payers,
            self.language.value,
            self.name.value or None,
            with_style=False,
        )

    def download_case(self) -> None:
        """Save the case as JSON through the browser (the name field is not part of it)."""
        self.files.value = download_html(
            case_json(self.case),
            f"client-case-{self.today:%Y-%m-%d}.json",
            "Save the case file again",
            "application/json",
        )
        self._say("The case file is being saved by the browser (nothing is stored on this server).")

    def download_shortlist(self) -> None:
        """Save the side-by-side comparison of the shortlist as CSV through the browser."""
        programs = [self.catalog.programs.program(pid) for pid in self.case.shortlist]
        if not programs:
            from carenav.errors import InputError

            raise InputError("shortlist", "is empty", "a program ticked in Programs")
        frame = compare(programs, today=self.today, plan_names=self.catalog.plan_names())
        self.files.value = download_html(
            frame.drop(columns="differs").to_csv(),
            f"shortlist-{self.today:%Y-%m-%d}.csv",
            "Save the shortlist again",
            "text/csv",
        )
        self._say("The shortlist is being saved by the browser as a CSV file.")

    def _uploaded(self, _change: Any = None) -> None:
        files = self.upload.value
        if not files:
            return
        upload = files[0]
        try:
            case = read_case(
                bytes(upload["content"]), self.catalog, str(upload.get("name", "case file"))
            )
        finally:
            self.upload.value = ()
        self._open_case(case)
