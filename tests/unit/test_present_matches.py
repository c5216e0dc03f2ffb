"""One presenter for the finder's results: `carenav find` prints the next steps the app shows."""

from __future__ import annotations

import html
import re

from carenav.matching import find_programs
from carenav.models.client import ClientNeeds
from carenav.present import matches as present
from tests.unit.programs_support import RANKING, TODAY, frame


def test_the_cli_text_carries_every_next_step_and_reason_the_app_shows() -> None:
    directory = frame({"wait_days": "1", "what_to_bring": "ID;insurance card"}, {"wait_days": ""})
    found = find_programs(
        ClientNeeds(needs={"substance-use"}), directory, ranking=RANKING, today=TODAY
    )
    printed = present.text(found, limit=5)
    shown = present.results_html(found.results, found.summary())
    items = [html.unescape(re.sub(r"<[^>]+>", "", i)) for i in re.findall(r"<li>(.*?)</li>", shown)]
    assert "Call intake: 503-555-0100 (typical wait 1 day)" in items
    assert "Call intake: 503-555-0100 (wait not recorded — ask)" in items
    assert items and [item for item in items if item not in printed] == []
