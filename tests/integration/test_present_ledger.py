"""One presenter for a ledger: the command line and the cost app say the same words."""

from __future__ import annotations

import html
import re

import pytest

from carenav import catalog
from carenav.commands.estimate import render
from carenav.costs import CostLedger, estimate
from carenav.models.scenario import CostCase
from carenav.present import ledger as present
from carenav.ui.cost_views import assumptions_html, events_html, summary_html

DATA = catalog.load(sections=("scenarios",))


def _ledger(case: CostCase) -> CostLedger:
    plan = DATA.payers[case.plan]
    return estimate(plan, case.program.billing(case.plan), case.inputs, DATA.reference)


def _sentences(markup: str) -> list[str]:
    """The text of each paragraph, heading and list item of an app's HTML, as a reader sees it."""
    blocks = re.findall(r"<(p|li|h3)\b[^>]*>(.*?)</\1>", markup, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", body)).strip() for _, body in blocks]


@pytest.mark.parametrize("case", DATA.cost_cases, ids=[c.id for c in DATA.cost_cases])
def test_the_cli_prints_every_sentence_the_app_shows_for_the_same_ledger(case: CostCase) -> None:
    ledger = _ledger(case)
    printed = render(ledger, case.plan)
    shown = _sentences(summary_html(ledger) + events_html(ledger) + assumptions_html(ledger))
    assert shown and present.headline(ledger) in shown
    missing = [sentence for sentence in shown if sentence not in printed]
    assert missing == []


def test_original_medicare_is_never_called_in_network_by_the_cli_or_the_app() -> None:
    ledger = _ledger(DATA.cost_case("original-medicare"))
    printed = render(ledger, "medicare-part-b-2026")
    shown = " ".join(_sentences(summary_html(ledger)))
    for words in (printed, shown):
        assert "no network (any program that accepts Medicare)" in words
        assert "in network" not in words


def test_a_commercial_plan_out_of_network_says_so_in_both() -> None:
    ledger = _ledger(DATA.cost_case("ppo-out-of-network"))
    assert "Example PPO 2026, out of network." in render(ledger, "example-ppo-2026")
    assert "Example PPO 2026, out of network." in " ".join(_sentences(summary_html(ledger)))
