"""A client's needs as criteria: one array of NO / UNKNOWN / YES per criterion, over the whole directory.

Options within one criterion combine with OR: the criterion's code is the maximum of
its options' codes, so one YES passes, all NO fails, anything else is UNKNOWN ("not
confirmed — call to check"). Criteria combine with AND in the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from carenav.directory import NO, UNKNOWN, YES, Codes, day_mask, option_codes
from carenav.errors import UnknownIdError
from carenav.models.billing import Weekday
from carenav.models.client import ClientNeeds, Preferences
from carenav.models.vocabulary import Format, Need, Track, label, language_name

Kind = Literal["must", "nice"]


def miles_away(miles: float) -> str:
    """'less than 1 mile away', '1 mile away', '12 miles away'."""
    rounded = round(miles)
    if rounded < 1:
        return "less than 1 mile away"
    return "1 mile away" if rounded == 1 else f"{rounded} miles away"


@dataclass(frozen=True)
class Option:
    """One option of a criterion: how to read its codes and how it reads in a sentence."""

    prefix: str
    value: str
    words: str
    missing: int = UNKNOWN

    def codes(self, frame: pd.DataFrame) -> Codes:
        if not self.prefix:
            return frame[self.value].to_numpy(dtype=np.int8)
        return option_codes(frame, self.prefix, self.value, self.missing)


@dataclass(frozen=True)
class Criterion:
    """One thing a program must (or, for a nice-to-have, should) offer.

    ``topic`` names it in "not confirmed" and near-miss messages; ``verb`` starts the
    reason when it is met ("accepts example-ppo-2026"); ``facet`` groups the weight of
    a nice-to-have.
    """

    key: str
    topic: str
    verb: str
    status: Codes
    kind: Kind = "must"
    facet: str = ""
    options: tuple[Option, ...] = ()
    yes_text: Callable[[int], str] | None = field(default=None, compare=False)
    no_text: Callable[[int], str] | None = field(default=None, compare=False)
    option_status: tuple[Codes, ...] = field(default=(), compare=False)


def _any_of(
    key: str,
    topic: str,
    verb: str,
    options: list[Option],
    frame: pd.DataFrame,
    kind: Kind = "must",
    facet: str = "",
) -> Criterion:
    arrays = [option.codes(frame) for option in options]
    status = np.maximum.reduce(arrays) if len(arrays) > 1 else arrays[0]
    return Criterion(
        key,
        topic,
        verb,
        status.astype(np.int8),
        kind,
        facet or key,
        tuple(options),
        option_status=tuple(arrays),
    )


def _or_words(options: list[Option]) -> str:
    words = [o.words for o in options]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def track_options(needs: frozenset[Need]) -> list[Option]:
    """The tracks that fit the client's needs; substance use and mental health are not mixed."""
    both = Need.CO_OCCURRING in needs or {Need.SUBSTANCE_USE, Need.MENTAL_HEALTH} <= needs
    if both:
        values = [Track.CO_OCCURRING]
    elif Need.SUBSTANCE_USE in needs:
        values = [Track.SUBSTANCE_USE, Track.CO_OCCURRING]
    else:
        values = [Track.MENTAL_HEALTH, Track.CO_OCCURRING]
    return [Option("track", str(v), f"a {label(v)} track") for v in values]


def payment_options(
    needs: ClientNeeds,
    frame: pd.DataFrame,
    known_plans: list[str],
    plan_names: Mapping[str, str] | None = None,
) -> list[Option]:
    """Every way the client can pay, any of which will do."""
    options: list[Option] = []
    if needs.plan:
        if needs.plan not in known_plans:
            raise UnknownIdError("coverage plan", needs.plan, known_plans)
        options.append(Option("plan", needs.plan, (plan_names or {}).get(needs.plan, needs.plan)))
    if needs.medicare:
        options.append(Option("", "medicare", "Medicare"))
    if needs.medicaid_state:
        options.append(
            Option("medicaid", needs.medicaid_state.lower(), f"Medicaid ({needs.medicaid_state})")
        )
    columns = {
        "self-pay": "self_pay",
        "sliding-scale": "sliding_scale",
        "payment-plan": "payment_plan",
        "scholarship": "scholarship",
    }
    for way in sorted(needs.other_payment):
        options.append(Option("", columns[str(way)], label(way)))
    return options


def preference_criteria(prefs: Preferences, frame: pd.DataFrame, kind: Kind) -> list[Criterion]:
    """Must-haves or nice-to-haves as criteria, one per facet asked for."""
    found: list[Criterion] = []
    suffix = " (nice to have)" if kind == "nice" else ""
    flags = [
        ("family_program", prefs.family_program, "family program", "has a"),
        ("transportation_help", prefs.transportation_help, "transportation help", "offers"),
        ("parking", prefs.parking, "parking", "has"),
    ]
    for column, wanted, words, verb in flags:
        if wanted:
            found.append(
                _any_of(
                    f"{kind}:{column}",
                    words,
                    verb,
                    [Option("", column, words + suffix)],
                    frame,
                    kind,
                    column,
                )
            )
    sets: list[tuple[str, str, frozenset[str], str, str]] = [
        ("therapies", "therapy", frozenset(map(str, prefs.therapies)), "offers", ""),
        ("holistic", "holistic", frozenset(map(str, prefs.holistic)), "offers", ""),
        ("languages", "lang", prefs.languages, "holds sessions in", ""),
        ("groups", "pop", frozenset(prefs.groups), "has a group for", ""),
    ]
    for facet, prefix, chosen, verb, _ in sets:
        if chosen:
            options = [
                Option(prefix, value, language_name(value) if prefix == "lang" else label(value))
                for value in sorted(chosen)
            ]
            found.append(
                _any_of(f"{kind}:{facet}", _or_words(options), verb, options, frame, kind, facet)
            )
    return found


def _day_names(mask: int) -> str:
    return "/".join(day.value for day in Weekday if mask & (1 << day.index))


def schedule_criterion(needs: ClientNeeds, frame: pd.DataFrame) -> Criterion | None:
    """Meeting days within the client's days, at a time of day they can come."""
    if not needs.available_days and not needs.times:
        return None
    n = len(frame)
    masks = frame["days_mask"].to_numpy()
    status = np.full(n, YES, dtype=np.int8)
    allowed = day_mask(needs.available_days) if needs.available_days else 127
    if needs.available_days:
        days = np.where(masks < 0, UNKNOWN, np.where((masks & ~allowed) == 0, YES, NO))
        status = np.minimum(status, days)
    time_options = [Option("", str(t), str(t)) for t in sorted(needs.times)]
    if time_options:
        times = np.maximum.reduce([o.codes(frame) for o in time_options])
        status = np.minimum(status, times)
    time_codes = {o.value: o.codes(frame) for o in time_options}
    want = _day_names(allowed) if needs.available_days else "any day"

    def yes_text(i: int) -> str:
        when = [t for t, codes in time_codes.items() if codes[i] == YES]
        groups = f"{' and '.join(when)} groups" if when else "groups"
        days = _day_names(int(masks[i])) if masks[i] >= 0 else "days not recorded"
        return f"{groups} on {days} fit {want} availability"

    def no_text(i: int) -> str:
        days = _day_names(int(masks[i])) if masks[i] >= 0 else "unrecorded days"
        return f"meets {days}; client can come {want}" + (
            f", {' or '.join(time_codes)}" if time_codes else ""
        )

    return Criterion(
        "schedule",
        "schedule fit",
        "meets",
        status.astype(np.int8),
        "must",
        "schedule",
        tuple(time_options),
        yes_text,
        no_text,
    )


def distance_criterion(needs: ClientNeeds, miles: np.ndarray) -> Criterion | None:
    """Within the distance the client can travel; unknown where the program has no location."""
    if needs.max_miles is None or needs.telehealth_only:
        return None
    limit = needs.max_miles
    status = np.where(np.isnan(miles), UNKNOWN, np.where(miles <= limit, YES, NO)).astype(np.int8)
    return Criterion(
        "distance",
        f"distance (within {limit:g} miles)",
        "is",
        status,
        "must",
        "distance",
        yes_text=lambda i: miles_away(float(miles[i])),
        no_text=lambda i: f"{miles_away(float(miles[i]))}, beyond {limit:g}",
    )


def hard_criteria(
    needs: ClientNeeds,
    frame: pd.DataFrame,
    miles: np.ndarray,
    level_names: Mapping[str, str],
    known_plans: list[str],
    plan_names: Mapping[str, str] | None = None,
) -> list[Criterion]:
    """Every hard filter the needs call for, in the order a navigator reads them."""
    found: list[Criterion] = []
    if needs.levels:
        levels = [
            Option("level", code, level_names.get(code, f"level {code}"), missing=NO)
            for code in sorted(needs.levels, key=float)
        ]
        found.append(
            _any_of("level", f"level of care {_or_words(levels)}", "offers", levels, frame)
        )
    age = str(needs.age_population)
    found.append(_any_of("age", f"a program for {age}", "serves", [Option("pop", age, age)], frame))
    tracks = track_options(needs.needs)
    found.append(_any_of("track", _or_words(tracks), "has", tracks, frame))
    for condition in sorted(needs.conditions):
        words = label(condition)
        found.append(
            _any_of(
                f"condition:{condition}",
                f"treating {words}",
                "treats",
                [Option("cond", str(condition), words)],
                frame,
            )
        )
    if needs.pays_somehow:
        pay = payment_options(needs, frame, known_plans, plan_names or {})
        found.append(_any_of("payment", f"payment by {_or_words(pay)}", "accepts", pay, frame))
    distance = distance_criterion(needs, miles)
    if distance is not None:
        found.append(distance)
    schedule = schedule_criterion(needs, frame)
    if schedule is not None:
        found.append(schedule)
    if needs.formats:
        formats = [
            Option("format", str(f), label(f) if f != Format.TELEHEALTH else "telehealth")
            for f in sorted(needs.formats)
        ]
        found.append(
            _any_of("format", f"sessions {_or_words(formats)}", "offers sessions", formats, frame)
        )
    found.extend(preference_criteria(needs.must_have, frame, "must"))
    return found
