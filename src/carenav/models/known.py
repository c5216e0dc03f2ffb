"""Closed vocabularies: the codes a data folder defines (its levels of care, its plans), checked in the models.

A level code that matches the pattern of one (``2.2``, ``9.9``) but is not a level of the
continuum must not slip through: a plan's day limit for 2.1 would silently not apply to
"2.2". The catalog knows the codes; the models cannot import it, so whoever validates
passes them as pydantic's validation context::

    EstimateInputs.model_validate(data, context=KnownCodes(levels=("2.1", "2.5")).context())

A model validated without a context checks the form of a code only (an analyst building a
model by hand); every carenav entry point (catalog, apps, commands) passes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

CONTEXT_KEY = "carenav.known"
UNKNOWN_CODE = "unknown_code"


@dataclass(frozen=True)
class KnownCodes:
    """The codes one data folder defines; an empty tuple means "not checked here"."""

    levels: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()

    def context(self, **more: Any) -> dict[str, Any]:
        """A pydantic validation context that carries these codes (plus any other keys)."""
        return {CONTEXT_KEY: self, **more}


# How each vocabulary is named in a message.
_KINDS = {"levels": "level of care", "plans": "coverage plan", "states": "US state code"}


def check_known(kind: str, code: str, info: ValidationInfo) -> str:
    """`code` itself when the context's data defines it (or no context was given); else one clear error."""
    known_codes = (info.context or {}).get(CONTEXT_KEY) if isinstance(info.context, dict) else None
    if not isinstance(known_codes, KnownCodes):
        return code
    known: tuple[str, ...] = getattr(known_codes, kind)
    if not known or code in known:
        return code
    raise unknown_code(kind, code, known)


def unknown_code(kind: str, code: str, known: tuple[str, ...]) -> PydanticCustomError:
    """The error for a code the data does not define: what is known, and the nearest, if close."""
    # Level codes are numbers on a ladder: the nearest rung, not the nearest spelling.
    if kind == "levels":
        close = _nearest_number(code, known)
    else:
        close = next(iter(get_close_matches(code, known, n=1, cutoff=0.6)), None)
    fixed = kind == "states"  # a public list, not this data's
    return PydanticCustomError(
        UNKNOWN_CODE,
        "'{code}' is not a {kind}" + ("" if fixed else " in this data"),
        {
            "code": code,
            "kind": _KINDS.get(kind, kind),
            "expected": "a two-letter USPS code such as NY"
            if fixed
            else f"one of {', '.join(known)}",
            "suggestion": close or "",
        },
    )


def _nearest_number(code: str, known: tuple[str, ...]) -> str | None:
    """The known level nearest in number, when it is within half a level ('2.2' -> '2.1')."""
    try:
        given = float(code)
        nearest = min(known, key=lambda k: abs(float(k) - given))
    except ValueError:
        return None
    return nearest if abs(float(nearest) - given) <= 0.5 else None


# USPS codes of the states, DC and the territories with Medicaid programs: a fixed public
# list, so a state code is checked against it rather than against the form of two letters.
US_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "AS",
    "GU",
    "MP",
    "PR",
    "VI",
]


def known_state(code: str) -> str:
    """An AfterValidator for a state code: one of the USPS codes of the states and territories."""
    if code in US_STATES:
        return code
    raise unknown_code("states", code, tuple(US_STATES))


def known_levels(code: str, info: ValidationInfo) -> str:
    """An AfterValidator for a level code: it must be a level of the data's continuum."""
    return check_known("levels", code, info)


def known_plan(code: str, info: ValidationInfo) -> str:
    """An AfterValidator for a plan id: it must be a plan the data defines."""
    return check_known("plans", code, info)


StateCode = Annotated[
    str,
    Field(pattern=r"^[A-Z]{2}$", description="Two-letter state code, e.g. OR"),
    AfterValidator(known_state),
]
