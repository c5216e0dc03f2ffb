"""The reasons, in words a client could read, why one program fits, nearly fits, or is not confirmed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from carenav.directory import NO, UNKNOWN, YES
from carenav.matching.criteria import Criterion, miles_away

NOT_CONFIRMED = "not confirmed — call to check"


def _met(criterion: Criterion, frame: pd.DataFrame, i: int) -> str:
    if criterion.yes_text is not None:
        return criterion.yes_text(i)
    offered = [
        option.words
        for option, codes in zip(criterion.options, criterion.option_status, strict=True)
        if codes[i] == YES
    ]
    return f"{criterion.verb} {' and '.join(offered) or criterion.topic}"


_NEGATIVE = {
    "offers": "does not offer",
    "serves": "does not serve",
    "has": "has no",
    "has a": "has no",
    "treats": "does not treat",
    "accepts": "does not accept",
    "holds sessions in": "does not hold sessions in",
    "has a group for": "has no group for",
    "offers sessions": "does not offer sessions",
}


def missed(criterion: Criterion, i: int) -> str:
    """Why a program fails one criterion, e.g. 'does not accept example-ppo-2026 or sliding scale'."""
    if criterion.no_text is not None:
        return criterion.no_text(i)
    negative = _NEGATIVE.get(criterion.verb, "does not offer")
    words = [o.words for o in criterion.options]
    if negative.split()[:2] == ["has", "no"]:  # "has no co-occurring track", not "has no a ..."
        words = [w.removeprefix("a ").removeprefix("an ") for w in words]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f"{negative} {listed}"


def reasons_for(
    criteria: list[Criterion],
    frame: pd.DataFrame,
    i: int,
    miles: float | None,
    verified_days_ago: int,
) -> list[str]:
    """Every reason for the program at row position i, hard filters first, then nice-to-haves, then facts."""
    lines: list[str] = []
    for criterion in criteria:
        status = int(criterion.status[i])
        nice = " (nice to have)" if criterion.kind == "nice" else ""
        if status == YES:
            lines.append(_met(criterion, frame, i) + nice)
        elif status == UNKNOWN:
            lines.append(f"{criterion.topic}{nice} {NOT_CONFIRMED}")
        elif status == NO:
            lines.append(missed(criterion, i) + nice)
    has_distance = any(c.key == "distance" for c in criteria)
    if miles is not None and not math.isnan(miles) and not has_distance:
        lines.append(miles_away(miles))
    wait = float(frame["wait_days"].to_numpy(dtype=float)[i])
    if not np.isnan(wait):
        lines.append(
            "no wait for a first appointment"
            if wait == 0
            else f"typical wait {_count(wait, 'day')}"
        )
    else:
        lines.append(f"wait for a first appointment {NOT_CONFIRMED}")
    source = str(frame["source"].to_numpy()[i])
    lines.append(f"record verified {_days(verified_days_ago)} ({source})")
    return lines


def _count(number: float, unit: str) -> str:
    """'1 day', '3 days'."""
    whole = round(number)
    return f"{whole} {unit}" if whole == 1 else f"{whole} {unit}s"


def _days(age: int) -> str:
    if age <= 0:
        return "today"
    return "1 day ago" if age == 1 else f"{age} days ago"
