"""Shared building blocks of the vocabulary: strict models, citations, money and rates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic_core import PydanticCustomError

CENT = Decimal("0.01")


def round_cents(amount: Decimal) -> Decimal:
    """Round a dollar amount to whole cents, halves away from zero.

    This is the one rounding rule in carenav: every figure a client sees is rounded
    here, once, after the arithmetic that produced it.

    >>> round_cents(Decimal("10.005"))
    Decimal('10.01')
    """
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def dollars(amount: Decimal) -> str:
    """An amount as a client reads it: '$1,500' for whole dollars, '$12.50' otherwise.

    >>> dollars(Decimal("1500.00")), dollars(Decimal("12.5"))
    ('$1,500', '$12.50')
    """
    text = f"{amount:,.2f}"
    return "$" + (text[:-3] if text.endswith(".00") else text)


def ascii_digits(text: str) -> str:
    """Text trimmed, with every Unicode decimal digit written as its ASCII digit.

    A keyboard in an East Asian input mode types full-width digits ('９７２０５'); they
    mean 97205, and libraries that expect ASCII (the ZIP table's) must never see them.

    >>> ascii_digits(" ９７２０５ ")
    '97205'
    """
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text.strip())


# Dollars, exact. Money is never a float: YAML numbers are read as text first.
Money = Annotated[
    Decimal,
    Field(ge=0, max_digits=12, decimal_places=2),
    PlainSerializer(lambda d: str(d), return_type=str, when_used="json"),
]
# A price per day or session. At most $1,000,000 a unit: a 104-week ledger bills at most
# 728 units, so every total it adds up stays inside Money's twelve digits.
MAX_UNIT_PRICE = Decimal(1_000_000)
UnitPrice = Annotated[
    Decimal,
    Field(ge=0, le=MAX_UNIT_PRICE, max_digits=12, decimal_places=2),
    PlainSerializer(lambda d: str(d), return_type=str, when_used="json"),
]
# A share between 0 and 1 (0.2 is 20%).
Rate = Annotated[
    Decimal,
    Field(ge=0, le=1),
    PlainSerializer(lambda d: str(d), return_type=str, when_used="json"),
]
# The field's own identifiers: lowercase letters, digits and dashes.
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]


_DAY_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _calendar_day(value: object) -> object:
    """Text must be written YYYY-MM-DD, and a number is never a date.

    pydantic reads a number, or text of digits, as seconds since 1970: a directory cell
    "0" became 1 January 1970 and "1700000000" 14 November 2023, with no message.
    """
    if isinstance(value, str):
        text = value.strip()
        if not _DAY_TEXT.fullmatch(text):
            raise PydanticCustomError("date_type", "is not a date")
        return text
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise PydanticCustomError("date_type", "is not a date")
    return value


# A calendar day: a date, or text YYYY-MM-DD (never a number of seconds).
Day = Annotated[date, BeforeValidator(_calendar_day)]


class StrictModel(BaseModel):
    """A model that refuses unknown fields and cannot be changed after it is made."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class Source(StrictModel):
    """Where a fact comes from: a title, optional link, and the year or date it speaks for."""

    title: str = Field(min_length=3)
    url: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    accessed: Day | None = None
    note: str | None = None

    def citation(self) -> str:
        """The source as one line, e.g. 'SAMHSA TIP 47 (2021)'."""
        return f"{self.title} ({self.year})" if self.year else self.title
