"""Worked cost cases: a plan, a program, the client's situation, and the answer checked by hand.

A case is data that trainers, tests and the README read alike (``data/scenarios/``):
each says what a navigator would enter and what the client pays, so the figures in
the documentation are the figures the engine is tested against. Every case is
fictional and says so in its file.
"""

from __future__ import annotations

from pydantic import Field

from carenav.models.base import Identifier, Money, StrictModel
from carenav.models.billing import RateEntry
from carenav.models.coverage import EstimateInputs


class CaseAnswer(StrictModel):
    """What the client and the plan pay in a worked case, as a person checks it by hand."""

    client_pays: Money = Field(description="The client's total over the whole estimate")
    plan_pays: Money | None = Field(default=None, description="The plan's total, when checked")
    client_pays_by_week: dict[int, Money] = Field(
        default_factory=dict, description="Week number (1 = the first) -> what the client pays"
    )
    events: list[str] = Field(
        default_factory=list, description="The kinds of moment the ledger names, in order"
    )


class CostCase(StrictModel):
    """One worked case: plan id, program as a navigator types it in, inputs and the answer."""

    id: Identifier
    title: str = Field(min_length=3)
    plan: Identifier = Field(description="A plan id in payers/")
    program: RateEntry
    inputs: EstimateInputs
    expected: CaseAnswer
    in_readme: bool = Field(
        default=False, description="Whether the README's hand check shows this case's figures"
    )


class CostCaseFile(StrictModel):
    """A file of worked cost cases."""

    description: str = Field(min_length=10)
    fictional: bool = Field(description="Every plan, program and client in the file is made up")
    cases: list[CostCase] = Field(min_length=1)
