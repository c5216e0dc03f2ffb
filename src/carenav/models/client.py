"""What a client needs from a program: the hard requirements, and preferences split into must-haves and nice-to-haves.

Nothing here names the client: no name, no date of birth, no address beyond a ZIP code.
An empty set means "any" (no filter on that facet).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from carenav.models.base import Identifier, StrictModel
from carenav.models.billing import Weekday
from carenav.models.coverage import LevelCode
from carenav.models.known import StateCode
from carenav.models.program import ZipCode
from carenav.models.vocabulary import (
    Condition,
    Format,
    Holistic,
    Need,
    OtherPayment,
    Population,
    Therapy,
    TimeOfDay,
)

AgeGroup = Literal["adults", "adolescents"]
SpecificGroup = Literal[
    "young-adults", "older-adults", "women", "men", "pregnant-women", "veterans", "lgbtq"
]
Language = Identifier


class Preferences(StrictModel):
    """Preferences about a program. Within one facet options combine with OR (CBT or DBT)."""

    family_program: bool = False
    holistic: frozenset[Holistic] = frozenset()
    therapies: frozenset[Therapy] = frozenset()
    languages: frozenset[Language] = Field(
        default=frozenset(), description="Languages sessions are held in, lowercase, e.g. spanish"
    )
    groups: frozenset[SpecificGroup] = Field(
        default=frozenset(), description="A group for people like the client, e.g. veterans"
    )
    transportation_help: bool = False
    parking: bool = False

    @field_validator("languages", mode="before")
    @classmethod
    def _languages_lowercase(cls, value: object) -> object:
        if isinstance(value, list | tuple | set | frozenset):
            return frozenset(str(v).strip().lower() for v in value)
        return value

    def is_empty(self) -> bool:
        """True when nothing is asked for."""
        return not (
            self.family_program
            or self.holistic
            or self.therapies
            or self.languages
            or self.groups
            or self.transportation_help
            or self.parking
        )


class ClientNeeds(StrictModel):
    """A client's needs, as the program finder reads them.

    ``needs`` decides the tracks: substance use only shows substance-use and
    co-occurring programs, mental health only shows mental-health and co-occurring
    programs, and both together (or "co-occurring") shows co-occurring programs.
    """

    age_group: AgeGroup = "adults"
    needs: frozenset[Need] = Field(min_length=1)
    conditions: frozenset[Condition] = Field(
        default=frozenset(), description="Each condition must be treated by the program"
    )
    levels: frozenset[LevelCode] = Field(
        default=frozenset(), description="Level codes, any of them, e.g. 2.1"
    )
    plan: Identifier | None = Field(
        default=None, description="Coverage plan id, e.g. example-ppo-2026"
    )
    medicare: bool = False
    medicaid_state: StateCode | None = None
    other_payment: frozenset[OtherPayment] = frozenset()
    zip: ZipCode | None = None
    max_miles: float | None = Field(default=None, gt=0, le=3000)
    available_days: frozenset[Weekday] = frozenset()
    times: frozenset[TimeOfDay] = frozenset()
    formats: frozenset[Format] = frozenset()
    must_have: Preferences = Field(default_factory=Preferences)
    nice_to_have: Preferences = Field(default_factory=Preferences)

    @model_validator(mode="after")
    def _distance_needs_a_zip(self) -> ClientNeeds:
        if self.max_miles is not None and self.zip is None:
            raise ValueError("a travel distance needs the client's ZIP code")
        return self

    @property
    def age_population(self) -> Population:
        """The population option that matches the client's age group."""
        return Population(self.age_group)

    @property
    def pays_somehow(self) -> bool:
        """Whether any way of paying was given (otherwise payment is not filtered)."""
        return bool(self.plan or self.medicare or self.medicaid_state or self.other_payment)

    @property
    def telehealth_only(self) -> bool:
        """Sessions by video only: distance does not matter."""
        return self.formats == frozenset({Format.TELEHEALTH})


class Weights(StrictModel):
    """How much each nice-to-have, and closeness and a short wait, count in the score (0 = not at all).

    A program's score is the weighted share, 0 to 100, of what it offers: a recorded yes
    counts fully, a fact the record does not give counts half, a recorded no not at all.
    Every weight is given: the defaults, each with its reason, are data
    (``data/ranking.yaml``, ``carenav.models.ranking.Ranking.default_weights``).
    """

    family_program: float = Field(ge=0, le=10)
    holistic: float = Field(ge=0, le=10)
    therapies: float = Field(ge=0, le=10)
    languages: float = Field(ge=0, le=10)
    groups: float = Field(ge=0, le=10)
    transportation_help: float = Field(ge=0, le=10)
    parking: float = Field(ge=0, le=10)
    distance: float = Field(ge=0, le=10, description="Closer programs score higher")
    wait: float = Field(
        ge=0, le=10, description="A shorter wait for a first appointment scores higher"
    )
    confirmed: float = Field(
        ge=0, le=10, description="Programs that confirm every must-have score higher"
    )
