"""Published figures about levels of care, each worded as its primary source supports it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from carenav.models.base import Identifier, Source, StrictModel

EvidenceStatus = Literal["supported", "corrected", "unsupported"]


class EvidenceFact(StrictModel):
    """One figure: how carenav states it, what the article said, and whether a source supports it."""

    id: Identifier
    status: EvidenceStatus
    statement: str = Field(min_length=10)
    article_said: str | None = None
    sources: list[Source] = Field(min_length=1)


class EvidenceSet(StrictModel):
    """A titled list of checked figures."""

    id: Identifier
    title: str
    facts: list[EvidenceFact] = Field(min_length=1)
