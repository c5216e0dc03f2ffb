"""Widget values set directly on the models, as a browser can send them: a model or words.

A browser can send any value for any widget over the websocket, so the apps' models are
given hostile values in any field, nested ones too. Either the model refuses with messages
in words, or it holds only levels, plans and states the data knows, and the engine the app
calls next gives an answer or a carenav message, never a traceback.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from carenav import catalog
from carenav.costs import estimate
from carenav.errors import CarenavError, explain_all
from carenav.io.case_file import read_case
from carenav.matching import find_programs
from carenav.models.assessment import Assessment, Attendance, ClinicianDecision, PlanProgress
from carenav.models.billing import ProgramBilling
from carenav.models.client import ClientNeeds, Preferences, Weights
from carenav.models.coverage import Accumulators, EnteredPlan, EstimateInputs, Household
from carenav.models.known import US_STATES
from carenav.placement import recommend_level
from tests.fuzz.checks import assert_in_words
from tests.fuzz.profile import fuzz, record
from tests.fuzz.strategies import (
    UNKNOWN_LEVELS,
    UNKNOWN_PLANS,
    UNKNOWN_STATES,
    VALUES,
    key_paths,
    set_path,
)

SURFACE = "models"
DATA = catalog.load(catalog.bundled_data_dir())
KNOWN = DATA.known_codes()
CASE = json.loads((Path(__file__).resolve().parents[2] / "docs" / "example-case.json").read_text())
# A valid value of each model behind a form, from the documented example case where it has one.
VALID: dict[type[BaseModel], dict[str, Any]] = {
    ClientNeeds: CASE["needs"],
    Preferences: {"languages": ["spanish"]},
    Weights: {},
    EstimateInputs: {
        "start": "2026-03-02",
        "weeks": 12,
        "level": "2.1",
        "accumulators": CASE["coverage"]["accumulators"],
        "household": {"size": 3, "annual_income": "40000", "region": "contiguous"},
        "dual": {"status": "none"},
        "medicaid": {"exempt_group": None, "paid_this_period": "0"},
    },
    Accumulators: CASE["coverage"]["accumulators"],
    Household: {"size": 3, "annual_income": "40000", "region": "contiguous"},
    EnteredPlan: {"plan_year_start": "2026-01-01", "deductible": "1500"},
    ProgramBilling: {
        "unit": "day",
        "charge": "450",
        "in_network_rates": {"example-ppo-2026": "450"},
        "meeting_days": ["Mon", "Wed", "Fri"],
    },
    Assessment: CASE["assessments"][0],
    Attendance: {"scheduled": 12, "attended": 10},
    PlanProgress: {"goals_total": 4, "goals_met": 2},
    ClinicianDecision: CASE["level_of_care"]["decision"],
}
# Field names that hold a code of a closed vocabulary, wherever they sit in a model.
LEVEL_FIELDS = {"level", "levels", "chosen_level", "suggested_level"}
PLAN_FIELDS = {"plan", "plan_id"}
STATE_FIELDS = {"medicaid_state", "state"}
HOSTILE = st.one_of(VALUES, UNKNOWN_LEVELS, UNKNOWN_PLANS, UNKNOWN_STATES)


def _codes(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def assert_only_known_codes(dumped: Any) -> None:
    """Every level, plan and state anywhere in a validated model is one the data defines."""
    if isinstance(dumped, dict):
        for key, value in dumped.items():
            codes = [c for c in _codes(value) if c is not None]
            if key in LEVEL_FIELDS:
                assert set(codes) <= set(KNOWN.levels), (key, value)
            if key in PLAN_FIELDS:
                assert set(codes) <= set(KNOWN.plans), (key, value)
            if key in STATE_FIELDS:
                assert set(codes) <= set(US_STATES), (key, value)
            assert_only_known_codes(value)
    elif isinstance(dumped, list):
        for item in dumped:
            assert_only_known_codes(item)


def _fields(model: type[BaseModel], valid: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Where a hostile value can go: every field of the model, and every nested key given."""
    return sorted({(name,) for name in model.model_fields} | set(key_paths(valid)), key=str)


def _then(made: BaseModel) -> None:
    """What the app does next with a model it accepted: the engine's answer, or a carenav message."""
    if isinstance(made, ClientNeeds):
        find_programs(
            made,
            DATA.programs.frame,
            today=date(2026, 3, 2),
            ranking=DATA.ranking,
            plan_names=DATA.plan_names(),
        )
    elif isinstance(made, EstimateInputs | EnteredPlan | ProgramBilling):
        inputs = (
            made
            if isinstance(made, EstimateInputs)
            else EstimateInputs(start=date(2026, 3, 2), weeks=12)
        )
        plan = (
            made.to_plan(inputs.level)
            if isinstance(made, EnteredPlan)
            else DATA.payers["example-ppo-2026"]
        )
        billing = (
            made
            if isinstance(made, ProgramBilling)
            else ProgramBilling.model_validate(VALID[ProgramBilling])
        )
        estimate(plan, billing, inputs, DATA.reference)
    elif isinstance(made, Assessment):
        recommend_level(made, DATA.rule_set("illustrative-sud"))


@fuzz(long=3000, bounded=60)
@given(model=st.sampled_from(list(VALID)), data=st.data())
def test_any_value_in_any_field_is_a_model_or_a_message_in_words(
    model: type[BaseModel], data: Any
) -> None:
    values = json.loads(json.dumps(VALID[model]))
    where = data.draw(st.sampled_from(_fields(model, VALID[model])), label="field")
    value = data.draw(HOSTILE, label="value")
    if len(where) == 1:
        values[where[0]] = value
    else:
        set_path(values, where, value)
    try:
        made = model.model_validate(values, context=KNOWN.context())
        assert_only_known_codes(made.model_dump(mode="json"))
        _then(made)
    except ValidationError as exc:
        for error in explain_all(exc):
            assert error.sentence().strip()
            assert_in_words(error.sentence(), value)
        record(SURFACE, "message")
        return
    except CarenavError as exc:
        assert_in_words(str(exc), value)
        record(SURFACE, "message")
        return
    except BaseException:
        record(SURFACE, "traceback")
        raise
    record(SURFACE, "answer")


@fuzz(long=1000, bounded=20)
@given(data=st.data())
def test_a_case_file_with_any_value_anywhere_opens_or_gets_one_message(data: Any) -> None:
    case = json.loads(json.dumps(CASE))
    where = data.draw(st.sampled_from(key_paths(case)), label="field")
    value = data.draw(HOSTILE, label="value")
    set_path(case, where, value)
    content = json.dumps(case, ensure_ascii=False).encode("utf-8", errors="surrogatepass")
    try:
        opened = read_case(content, DATA, "client.json")
        assert_only_known_codes(opened.model_dump(mode="json"))
    except CarenavError as exc:
        assert "client.json" in str(exc)
        assert_in_words(str(exc), value)
        record(SURFACE, "message")
        return
    except BaseException:
        record(SURFACE, "traceback")
        raise
    record(SURFACE, "answer")
