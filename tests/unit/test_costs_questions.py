"""Questions to ask come from what the plan and the estimate leave open."""

from __future__ import annotations

from carenav.costs import estimate, questions_to_ask
from tests.unit.costs_support import inputs, plan, program, reference


def test_a_day_limit_and_no_out_of_network_benefit_raise_their_questions() -> None:
    copay = plan("example-copay-2026")
    asked = questions_to_ask(copay, estimate(copay, program(), inputs(), reference()))
    text = " ".join(asked["the plan"])
    assert "limits IOP (level 2.1) to 30 days" in text and "parity" in text
    assert "single-case agreement" in text


def test_prior_authorization_and_a_balance_bill_are_asked_about() -> None:
    ppo = plan("example-ppo-2026")
    ledger = estimate(ppo, program(charge="600"), inputs(network="out"), reference())
    asked = questions_to_ask(ppo, ledger)
    assert any("prior authorization" in q for q in asked["the plan"])
    assert any("difference between your charge" in q for q in asked["the program"])


def test_a_recorded_no_is_not_asked_again_but_an_unknown_is() -> None:
    ppo = plan("example-ppo-2026")
    ledger = estimate(ppo, program(), inputs(), reference())
    asked = questions_to_ask(ppo, ledger, payment_plan=False, scholarship=None)
    program_questions = " ".join(asked["the program"])
    assert "payment plan" not in program_questions
    assert "scholarships" in program_questions
