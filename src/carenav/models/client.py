"""What a client needs from a program: the hard requirements, and preferences split into must-haves and nice-to-haves.

Nothing here names the client: no name, no date of birth, no address beyond a ZIP code.
An empty set means "any" (no filter on that facet).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from carenav.models.base import Identifier, StrictModel
from carenav.models.billing import Weekday
from carenav.models.coverage import LevelCode
from carenav.models.known import StateCode, known_plan
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

KnownPlanId = Annotated[Identifier, AfterValidator(known_plan)]

AgeGroup = Literal["adults", "adolescents"]
SpecificGroup = Literal[
    "young-adults", "older-adults", "women", "men", "pregnant-women", "veterans", "lgbtq"
]
Language = Identifier


class Preferences(StrictModel):
    """Preferences about a program. Within one facet options combine with OR (CBT or DBT)."""

    therapies: frozenset[Therapy] = Field(
        default=frozenset(),
        title="Therapies (any of these)",
        description="Approaches the program uses",
    )
    languages: frozenset[Language] = Field(
        default=frozenset(),
        title="Language of sessions (any of these)",
        description="Languages sessions are held in, e.g. Spanish",
    )
    groups: frozenset[SpecificGroup] = Field(
        default=frozenset(),
        title="A group for (any of these)",
        description="A group for people like the client, e.g. veterans",
    )
    holistic: frozenset[Holistic] = Field(
        default=frozenset(),
        title="Holistic options (any of these)",
        description="Options beside therapy, e.g. yoga or meditation",
    )
    family_program: bool = Field(
        default=False,
        title="Family program",
        description="Family sessions or a family education program",
    )
    transportation_help: bool = Field(
        default=False, title="Transportation help", description="Helps with rides or transit passes"
    )
    parking: bool = Field(default=False, title="Parking", description="Has parking on site")

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

    age_group: AgeGroup = Field(default="adults", title="Age group")
    needs: frozenset[Need] = Field(
        min_length=1,
        title="Needs treatment for",
        description="Substance-use and mental-health programs are not mixed unless both are chosen",
    )
    conditions: frozenset[Condition] = Field(
        default=frozenset(),
        title="Conditions (each must be treated)",
        description="Each condition must be treated by the program",
    )
    levels: frozenset[LevelCode] = Field(
        default=frozenset(),
        title="Level of care (any of these)",
        description="Level codes, any of them, e.g. 2.1; none for any level",
    )
    # A plan id the data defines (the validation context's plans): a typo never filters by a
    # plan no program can list, which would answer "no program takes it" without a word.
    plan: KnownPlanId | None = Field(
        default=None,
        title="Coverage plan",
        description="Coverage plan id, e.g. example-ppo-2026; only plans some program lists",
    )
    medicare: bool = Field(default=False, title="Has Original Medicare")
    medicaid_state: StateCode | None = Field(default=None, title="Medicaid in state")
    other_payment: frozenset[OtherPayment] = Field(
        default=frozenset(), title="Other ways to pay (any of these)"
    )
    zip: ZipCode | None = Field(
        default=None,
        title="Client's ZIP code",
        description="Five digits; used for distance only, never stored",
    )
    max_miles: float | None = Field(
        default=None,
        gt=0,
        le=3000,
        title="How far they can travel",
        description="Miles from the client's ZIP code",
        json_schema_extra={"examples": [5, 10, 25, 50, 100]},
    )
    available_days: frozenset[Weekday] = Field(
        default=frozenset(),
        title="Days they can attend (program must meet only on these)",
        description="None for any day",
    )
    times: frozenset[TimeOfDay] = Field(
        default=frozenset(), title="Times they can attend (any of these)"
    )
    formats: frozenset[Format] = Field(default=frozenset(), title="Format (any of these)")
    must_have: Preferences = Field(default_factory=Preferences, title="Must have")
    nice_to_have: Preferences = Field(default_factory=Preferences, title="Nice to have")

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

    family_program: float = Field(ge=0, le=10, title="Family program")
    holistic: float = Field(ge=0, le=10, title="Holistic options")
    therapies: float = Field(ge=0, le=10, title="Therapies")
    languages: float = Field(ge=0, le=10, title="Language")
    groups: float = Field(ge=0, le=10, title="Specific group")
    transportation_help: float = Field(ge=0, le=10, title="Transportation help")
    parking: float = Field(ge=0, le=10, title="Parking")
    distance: float = Field(
        ge=0,
        le=10,
        title="Closer is better",
        description="Closer programs score higher",
    )
    wait: float = Field(
        ge=0,
        le=10,
        title="Shorter wait is better",
        description="A shorter wait for a first appointment scores higher",
    )
    confirmed: float = Field(
        ge=0,
        le=10,
        title="Fewer facts to confirm",
        description="Programs that confirm every must-have score higher",
    )
