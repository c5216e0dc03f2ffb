"""The navigator's coverage checklist: each check appears only where it applies to this client."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from carenav import catalog
from carenav.casework import case_facts
from carenav.models.case import ClientCase
from carenav.placement import level_namer
from carenav.present.checklist import NOTHING, QMB, checklist_html, checklist_items

TODAY = date(2026, 2, 20)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-case.json"


@cache
def data() -> catalog.Catalog:
    return catalog.load(sections=("reference", "payers", "programs", "rules"))


def _items(**changes: Any) -> list[list[str]]:
    case = ClientCase.model_validate({**json.loads(EXAMPLE.read_text()), **changes})
    facts = case_facts(case, data(), TODAY)
    name = level_namer(data().continuum)
    return [checklist_items(f, facts, name) for f in facts.programs]


def test_outpatient_in_network_under_the_ppo_needs_no_check() -> None:
    assert _items() == [[], [], []]
    case = ClientCase.model_validate(json.loads(EXAMPLE.read_text()))
    shown = checklist_html(case_facts(case, data(), TODAY), level_namer(data().continuum))
    assert shown.count(NOTHING.replace("'", "&#x27;")) == 3


def test_prior_authorization_only_where_the_plan_requires_it_for_the_level_attended() -> None:
    php = {"shortlist": ["pinecone-row-php"], "chosen_programs": []}
    [items] = _items(**php, level_of_care={"decision": {"chosen_level": "2.5"}})
    assert items == [
        "Prior authorization: Example PPO 2026 requires it for 2.5 Partial hospitalization "
        "(PHP). Ask who requests it and how long approval takes, before the first day."
    ]


def test_a_day_cap_shows_what_is_left_after_the_days_used() -> None:
    coverage = {"plan_id": "example-copay-2026", "accumulators": {"days_used": 12}}
    [items] = _items(
        coverage=coverage,
        shortlist=["puffin-point-iop"],
        chosen_programs=[],
        level_of_care={"decision": {"chosen_level": "2.1"}},
    )
    assert any(
        "covers up to 30 days of 2.1 Intensive outpatient (IOP) a plan year; 12 used so far, "
        "so 18 left" in item
        for item in items
    ), items


def test_out_of_network_reimbursement_only_when_out_of_network() -> None:
    inside = _items()
    outside = _items(coverage={"plan_id": "example-ppo-2026", "network": "out"})
    assert not any("Out of network" in i for items in inside for i in items)
    assert all(any(i.startswith("Out of network:") for i in items) for items in outside)


def test_the_qmb_protection_only_for_a_qmb_client() -> None:
    changes = {
        "shortlist": ["puffin-point-iop"],
        "chosen_programs": [],
        "level_of_care": {"decision": {"chosen_level": "2.1"}},
    }
    [qmb] = _items(
        coverage={"plan_id": "medicare-part-b-2026", "dual": {"status": "qmb"}}, **changes
    )
    [slmb] = _items(
        coverage={"plan_id": "medicare-part-b-2026", "dual": {"status": "slmb"}}, **changes
    )
    assert QMB in qmb
    assert QMB not in slmb
