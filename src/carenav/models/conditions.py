"""The condition language of placement rules: small, validated mappings, never `eval`.

A condition is a mapping with exactly one key (documented in docs/rules-format.md):

>>> condition_adapter.validate_python({"rating_at_least": {"dimension": "d1", "rating": 3}})
RatingAtLeast(rating_at_least=RatingTest(dimension='d1', rating=3))

Conditions evaluate on arrays of ratings and flags, so the placement engine checks one
assessment and the catalog checks every combination of ratings with the same code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from pydantic import Discriminator, Field, Tag, TypeAdapter

from carenav.models.base import Identifier, StrictModel

if TYPE_CHECKING:  # numpy is imported where a condition is evaluated, not to read a rule file
    import numpy as np
    import numpy.typing as npt

    Mask = npt.NDArray[np.bool_]
    Ratings = Mapping[str, npt.NDArray[np.int64]]
    Flags = Mapping[str, Mask]


class Reference(NamedTuple):
    """Something a condition refers to, with where in the condition it sits."""

    field: str
    kind: Literal["dimension", "rating", "flag"]
    value: str | int
    dimension: str | None = None


class RatingTest(StrictModel):
    """One dimension compared with one rating."""

    dimension: Identifier
    rating: int


class CountTest(StrictModel):
    """How many dimensions (all, or the ones listed) are rated at least `rating`."""

    rating: int
    dimensions: list[Identifier] | None = Field(default=None, min_length=1)
    count: int = Field(default=1, ge=1, description="How many dimensions must reach the rating")


class AllTest(StrictModel):
    """Every dimension (or every one listed) rated at most `rating`."""

    rating: int
    dimensions: list[Identifier] | None = Field(default=None, min_length=1)


def _scope(dimensions: list[str] | None, ratings: Ratings) -> list[str]:
    return list(dimensions) if dimensions is not None else list(ratings)


class RatingAtLeast(StrictModel):
    """`rating_at_least: {dimension: X, rating: N}` — dimension X is rated N or more."""

    rating_at_least: RatingTest

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        return ratings[self.rating_at_least.dimension] >= self.rating_at_least.rating

    def references(self, path: str) -> Iterator[Reference]:
        test = self.rating_at_least
        yield Reference(f"{path}.rating_at_least.dimension", "dimension", test.dimension)
        yield Reference(f"{path}.rating_at_least.rating", "rating", test.rating, test.dimension)


class RatingAtMost(StrictModel):
    """`rating_at_most: {dimension: X, rating: N}` — dimension X is rated N or less."""

    rating_at_most: RatingTest

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        return ratings[self.rating_at_most.dimension] <= self.rating_at_most.rating

    def references(self, path: str) -> Iterator[Reference]:
        test = self.rating_at_most
        yield Reference(f"{path}.rating_at_most.dimension", "dimension", test.dimension)
        yield Reference(f"{path}.rating_at_most.rating", "rating", test.rating, test.dimension)


def _scoped_references(path: str, rating: int, dimensions: list[str] | None) -> Iterator[Reference]:
    for position, dimension in enumerate(dimensions or []):
        yield Reference(f"{path}.dimensions[{position}]", "dimension", dimension)
    if dimensions is None:
        yield Reference(f"{path}.rating", "rating", rating, None)
    for dimension in dimensions or []:
        yield Reference(f"{path}.rating", "rating", rating, dimension)


class AnyRatingAtLeast(StrictModel):
    """`any_rating_at_least: {rating: N, dimensions: [...], count: K}` — K or more of them at N+."""

    any_rating_at_least: CountTest

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        import numpy as np

        test = self.any_rating_at_least
        hits = sum(
            (ratings[d] >= test.rating).astype(np.int64) for d in _scope(test.dimensions, ratings)
        )
        return np.asarray(hits >= test.count, dtype=np.bool_)

    def references(self, path: str) -> Iterator[Reference]:
        test = self.any_rating_at_least
        yield from _scoped_references(f"{path}.any_rating_at_least", test.rating, test.dimensions)


class AllRatingsAtMost(StrictModel):
    """`all_ratings_at_most: {rating: N, dimensions: [...]}` — none of them above N."""

    all_ratings_at_most: AllTest

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        import numpy as np

        test = self.all_ratings_at_most
        result: Mask = np.ones_like(next(iter(ratings.values())), dtype=np.bool_)
        for dimension in _scope(test.dimensions, ratings):
            result = result & (ratings[dimension] <= test.rating)
        return result

    def references(self, path: str) -> Iterator[Reference]:
        test = self.all_ratings_at_most
        yield from _scoped_references(f"{path}.all_ratings_at_most", test.rating, test.dimensions)


class FlagSet(StrictModel):
    """`flag: name` — the assessment has this flag."""

    flag: Identifier

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        return flags[self.flag]

    def references(self, path: str) -> Iterator[Reference]:
        yield Reference(f"{path}.flag", "flag", self.flag)


class AllOf(StrictModel):
    """`all_of: [conditions]` — every one holds."""

    all_of: list[Condition] = Field(min_length=1)

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        result = self.all_of[0].evaluate(ratings, flags)
        for condition in self.all_of[1:]:
            result = result & condition.evaluate(ratings, flags)
        return result

    def references(self, path: str) -> Iterator[Reference]:
        for position, condition in enumerate(self.all_of):
            yield from condition.references(f"{path}.all_of[{position}]")


class AnyOf(StrictModel):
    """`any_of: [conditions]` — at least one holds."""

    any_of: list[Condition] = Field(min_length=1)

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        result = self.any_of[0].evaluate(ratings, flags)
        for condition in self.any_of[1:]:
            result = result | condition.evaluate(ratings, flags)
        return result

    def references(self, path: str) -> Iterator[Reference]:
        for position, condition in enumerate(self.any_of):
            yield from condition.references(f"{path}.any_of[{position}]")


class Not(StrictModel):
    """`not: condition` — the condition does not hold."""

    not_: Condition = Field(alias="not")

    def evaluate(self, ratings: Ratings, flags: Flags) -> Mask:
        return ~self.not_.evaluate(ratings, flags)

    def references(self, path: str) -> Iterator[Reference]:
        yield from self.not_.references(f"{path}.not")


CONDITION_KINDS = (
    "rating_at_least",
    "rating_at_most",
    "any_rating_at_least",
    "all_ratings_at_most",
    "flag",
    "all_of",
    "any_of",
    "not",
)


def _condition_kind(value: Any) -> str | None:
    """Which kind of condition a mapping is: its one key, if that key is a known kind."""
    if isinstance(value, dict):
        keys = [key for key in value if key in CONDITION_KINDS]
        return keys[0] if len(keys) == 1 and len(value) == 1 else None
    for kind, model in _MODELS.items():
        if isinstance(value, model):
            return kind
    return None


Condition = Annotated[
    Annotated[RatingAtLeast, Tag("rating_at_least")]
    | Annotated[RatingAtMost, Tag("rating_at_most")]
    | Annotated[AnyRatingAtLeast, Tag("any_rating_at_least")]
    | Annotated[AllRatingsAtMost, Tag("all_ratings_at_most")]
    | Annotated[FlagSet, Tag("flag")]
    | Annotated[AllOf, Tag("all_of")]
    | Annotated[AnyOf, Tag("any_of")]
    | Annotated[Not, Tag("not")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message="is not a condition: a condition is a mapping with exactly one of "
        + ", ".join(CONDITION_KINDS),
    ),
]

_MODELS: dict[str, type[StrictModel]] = {
    "rating_at_least": RatingAtLeast,
    "rating_at_most": RatingAtMost,
    "any_rating_at_least": AnyRatingAtLeast,
    "all_ratings_at_most": AllRatingsAtMost,
    "flag": FlagSet,
    "all_of": AllOf,
    "any_of": AnyOf,
    "not": Not,
}
for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()

condition_adapter: TypeAdapter[Condition] = TypeAdapter(Condition)
