"""A treatment program as a directory records it, keeping "not recorded" apart from "recorded no".

Every yes/no fact is ``True`` (recorded yes), ``False`` (recorded no) or ``None``
(the record does not say). Every list of options is an :class:`Options`: what is
offered, what is recorded as not offered, and whether the list is the whole answer.
The program finder keeps a program whose record does not say, and marks it
"not confirmed — call to check"; only a recorded no excludes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from carenav.models.base import Day, Identifier, StrictModel, ascii_digits
from carenav.models.billing import ProgramBilling, Weekday
from carenav.models.known import StateCode
from carenav.models.vocabulary import Condition, Format, Holistic, Population, Therapy, Track

ALL_OTHERS_NO = "!*"
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class Options(StrictModel):
    """The options a program records for one facet (therapies, formats, plans ...).

    In a directory file the cell ``cbt;dbt;!matrix-model`` means CBT and DBT are
    offered, the Matrix Model is recorded as not offered, and every other therapy is
    not recorded. Ending with ``!*`` says the list is complete: anything not listed
    is a recorded no. An empty cell records nothing.

    >>> opts = Options.parse("cbt;!dbt")
    >>> opts.status("cbt"), opts.status("dbt"), opts.status("yoga")
    (True, False, None)
    >>> Options.parse("cbt;!*").status("dbt")
    False
    """

    offered: frozenset[str] = frozenset()
    not_offered: frozenset[str] = frozenset()
    others_not_offered: bool = False

    @classmethod
    def parse(cls, text: str) -> Options:
        """Options from a directory cell such as ``'cbt;dbt;!*'``; ValueError names a bad item."""
        offered: set[str] = set()
        not_offered: set[str] = set()
        complete = False
        for raw in text.split(";"):
            item = raw.strip()
            if not item:
                continue
            if item == ALL_OTHERS_NO:
                complete = True
                continue
            negative = item.startswith("!")
            token = item[1:].strip() if negative else item
            if not _TOKEN.match(token):
                raise ValueError(
                    f"'{item}' is not an option; write lowercase words joined by dashes, "
                    "separated by ';', with '!' before a recorded no"
                )
            (not_offered if negative else offered).add(token)
        both = offered & not_offered
        if both:
            raise ValueError(f"'{sorted(both)[0]}' is listed as both offered and not offered")
        return cls(
            offered=frozenset(offered),
            not_offered=frozenset(not_offered),
            others_not_offered=complete,
        )

    @classmethod
    def of(cls, offered: Iterable[str], *, complete: bool = False) -> Options:
        """Options offering exactly these (``complete=True``: everything else is a recorded no)."""
        return cls(offered=frozenset(str(o) for o in offered), others_not_offered=complete)

    def status(self, option: str) -> bool | None:
        """True if offered, False if recorded as not offered, None if the record does not say."""
        if option in self.offered:
            return True
        if option in self.not_offered or self.others_not_offered:
            return False
        return None

    @property
    def recorded(self) -> bool:
        """Whether the record says anything at all about this facet."""
        return bool(self.offered or self.not_offered or self.others_not_offered)

    def cell(self) -> str:
        """The options as a directory cell, the inverse of :meth:`parse`."""
        items = sorted(self.offered) + [f"!{o}" for o in sorted(self.not_offered)]
        if self.others_not_offered:
            items.append(ALL_OTHERS_NO)
        return ";".join(items)

    def __str__(self) -> str:
        return self.cell()


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> Options:
    # Directory cells repeat a lot ("cbt;dbt" thousands of times) and Options is immutable,
    # so each distinct cell is parsed once: this halves the time to load 20,000 programs.
    return Options.parse(text)


def _options_from_cell(value: Any) -> Any:
    if value is None:
        return Options()
    if isinstance(value, str):
        return _parse_cached(value)
    if isinstance(value, list | tuple | set | frozenset):
        return Options.of(value)
    return value


def _only(vocabulary: type[StrEnum]) -> Callable[[Options], Options]:
    known = {str(v) for v in vocabulary}

    def check(options: Options) -> Options:
        for option in sorted(options.offered | options.not_offered):
            if option not in known:
                raise ValueError(
                    f"'{option}' is not a known option; expected one of {', '.join(sorted(known))}"
                )
        return options

    return check


def _states(options: Options) -> Options:
    for option in sorted(options.offered | options.not_offered):
        if not re.fullmatch(r"[a-z]{2}", option):
            raise ValueError(f"'{option}' is not a two-letter state code such as or")
    return options


_Cell = BeforeValidator(_options_from_cell)
PopulationOptions = Annotated[Options, _Cell, AfterValidator(_only(Population))]
TrackOptions = Annotated[Options, _Cell, AfterValidator(_only(Track))]
ConditionOptions = Annotated[Options, _Cell, AfterValidator(_only(Condition))]
TherapyOptions = Annotated[Options, _Cell, AfterValidator(_only(Therapy))]
HolisticOptions = Annotated[Options, _Cell, AfterValidator(_only(Holistic))]
FormatOptions = Annotated[Options, _Cell, AfterValidator(_only(Format))]
# State codes are written as people write them (OR;WA) and kept lowercase as option tokens.
StateOptions = Annotated[
    Options,
    BeforeValidator(lambda v: _options_from_cell(v.lower() if isinstance(v, str) else v)),
    AfterValidator(_states),
]
OpenOptions = Annotated[Options, _Cell]

ZipCode = Annotated[
    str,
    BeforeValidator(lambda v: ascii_digits(v) if isinstance(v, str) else v),
    Field(pattern=r"^[0-9]{5}$", description="Five-digit US ZIP code"),
]
Phone = Annotated[
    str, Field(pattern=r"^\d{3}-\d{3}-\d{4}$", description="Phone number as 503-555-0123")
]


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return [] if value is None else value


TextList = Annotated[list[str], BeforeValidator(_split_list)]


class Address(StrictModel):
    """Where a program meets."""

    street: str | None = None
    city: str = Field(min_length=2)
    state: StateCode
    zip: ZipCode
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)

    @model_validator(mode="after")
    def _both_coordinates_or_neither(self) -> Address:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError(
                "give both latitude and longitude, or neither (the ZIP's centre is used)"
            )
        return self

    def one_line(self) -> str:
        """'12 Example St, Portland, OR 97205'."""
        head = f"{self.street}, " if self.street else ""
        return f"{head}{self.city}, {self.state} {self.zip}"


class Schedule(StrictModel):
    """When and how long a program meets. Unknown parts are None."""

    meeting_days: list[Weekday] | None = None
    days_per_week: int | None = Field(default=None, ge=1, le=7)
    hours_per_session: float | None = Field(default=None, gt=0, le=24)
    daytime: bool | None = None
    evening: bool | None = None
    typical_weeks: int | None = Field(default=None, ge=1, le=104)

    @field_validator("meeting_days", mode="before")
    @classmethod
    def _days_from_cell(cls, value: Any) -> Any:
        return _split_list(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _days_agree(self) -> Schedule:
        days = self.meeting_days
        if days is not None:
            if len(set(days)) != len(days):
                raise ValueError("a meeting day is listed twice; list each day once")
            if self.days_per_week is not None and self.days_per_week != len(days):
                raise ValueError(
                    f"days_per_week is {self.days_per_week} but {len(days)} meeting days are listed"
                )
        return self

    @property
    def weekend(self) -> bool | None:
        """Whether the program meets on Saturday or Sunday; None when its days are not recorded."""
        if self.meeting_days is None:
            return None
        return any(day in (Weekday.SAT, Weekday.SUN) for day in self.meeting_days)

    @property
    def days_a_week(self) -> int | None:
        """Days a week, from the meeting days when they are listed."""
        return len(self.meeting_days) if self.meeting_days is not None else self.days_per_week


class Payment(StrictModel):
    """How a program can be paid for. Plans are coverage plan ids, e.g. example-ppo-2026."""

    plans: OpenOptions = Field(default_factory=Options)
    medicare: bool | None = None
    medicaid_states: StateOptions = Field(default_factory=Options)
    self_pay: bool | None = None
    sliding_scale: bool | None = None
    payment_plan: bool | None = None
    scholarship: bool | None = None
    # Payment types a national directory records (SAMHSA's locator, HSDS imports) without
    # naming a plan: they tell a navigator what to ask, never that a given plan is in network.
    private_insurance: bool | None = None
    military_insurance: bool | None = None
    payment_assistance: bool | None = None


DEFAULT_WHAT_TO_BRING = (
    "insurance card",
    "photo ID",
    "medications in their original containers",
    "names of current doctors and therapists",
)


class Program(StrictModel):
    """One treatment program in the directory.

    ``verified_on`` and ``source`` say how old the record is and where it came from;
    the apps show "verified N days ago" against a date they pass in.
    """

    id: Identifier
    name: str = Field(min_length=3)
    organization: str = Field(min_length=2)
    verified_on: Day = Field(description="When the record was last checked with the program")
    source: str = Field(min_length=3, description="Where the record came from")
    address: Address
    phone: Phone
    intake_phone: Phone | None = None
    website: str | None = Field(default=None, pattern=r"^https?://\S+$")
    levels: list[str] = Field(min_length=1, description="ASAM level codes offered, e.g. 2.1")
    populations: PopulationOptions = Field(default_factory=Options)
    tracks: TrackOptions = Field(default_factory=Options)
    conditions: ConditionOptions = Field(default_factory=Options)
    therapies: TherapyOptions = Field(default_factory=Options)
    family_program: bool | None = None
    holistic: HolisticOptions = Field(default_factory=Options)
    schedule: Schedule = Field(default_factory=Schedule)
    formats: FormatOptions = Field(default_factory=Options)
    payment: Payment = Field(default_factory=Payment)
    group_size: int | None = Field(default=None, ge=1, le=200)
    staff_to_client_ratio: str | None = Field(
        default=None, pattern=r"^1:\d{1,3}$", description="Staff to clients, e.g. 1:6"
    )
    transportation_help: bool | None = None
    parking: bool | None = None
    languages: OpenOptions = Field(default_factory=Options)
    accreditation: OpenOptions = Field(default_factory=Options)
    admission_requirements: TextList = Field(default_factory=list)
    wait_days: int | None = Field(default=None, ge=0, le=365)
    what_to_bring: TextList = Field(default_factory=list)
    billing: ProgramBilling | None = None

    @field_validator("tracks")
    @classmethod
    def _main_tracks_named_in_full(cls, tracks: Options) -> Options:
        # A record that names any main track names all it has (see docs/programs-format.md).
        main = {str(Track.SUBSTANCE_USE), str(Track.MENTAL_HEALTH), str(Track.CO_OCCURRING)}
        if not tracks.offered & main:
            return tracks
        missing = main - tracks.offered - tracks.not_offered
        return (
            tracks.model_copy(update={"not_offered": tracks.not_offered | missing})
            if missing
            else tracks
        )

    @field_validator("levels", mode="before")
    @classmethod
    def _levels_from_cell(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("levels")
    @classmethod
    def _levels_look_like_codes(cls, levels: list[str]) -> list[str]:
        for code in levels:
            if not re.fullmatch(r"\d(\.\d)?", code):
                raise ValueError(f"'{code}' is not a level code like 2.1")
        if len(set(levels)) != len(levels):
            raise ValueError("a level is listed twice; list each level once")
        return levels

    @model_validator(mode="after")
    def _billing_days_match_schedule(self) -> Program:
        days = self.schedule.meeting_days
        if (
            self.billing is not None
            and days is not None
            and set(self.billing.meeting_days) != set(days)
        ):
            raise ValueError("billing meeting days differ from the schedule's meeting days")
        return self

    def verified_days_ago(self, today: date) -> int:
        """Days since the record was last verified, counted to ``today`` (passed in, never read)."""
        return (today - self.verified_on).days

    @property
    def things_to_bring(self) -> tuple[str, ...]:
        """What to bring on the first day: the program's own list, else the usual one."""
        return tuple(self.what_to_bring) or DEFAULT_WHAT_TO_BRING
