"""Placement rule sets as data: dimensions and their scales, rules, and transition criteria.

A rule set is what an organization's clinicians agree on: the dimensions an assessment
rates (and on what scale), the rules that turn ratings and flags into limits on the
level of care, and the criteria for stepping down or up. The engine in
`carenav.placement` runs any rule set in this format; carenav ships only an original,
illustrative one. The ASAM Criteria's and LOCUS's rules are licensed and are not here.
Conditions are in `carenav.models.conditions`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import Field, ValidationInfo, field_validator, model_validator

from carenav.models.base import Identifier, Source, StrictModel
from carenav.models.conditions import Condition

if TYPE_CHECKING:
    from carenav.models.assessment import Assessment

# Passing this as validation context defers the cross-reference checks to the caller
# (the catalog), which reports each one with the rule id and field that is wrong.
DEFER_CHECKS = "defer_rule_checks"


class RatingScale(StrictModel):
    """The ratings a dimension takes, lowest to highest need, each with its meaning in words."""

    minimum: int = Field(ge=0)
    maximum: int
    meanings: dict[int, str]

    @model_validator(mode="after")
    def _every_rating_has_a_meaning(self) -> RatingScale:
        if self.maximum <= self.minimum:
            raise ValueError(f"maximum {self.maximum} is not above minimum {self.minimum}")
        wanted = set(self.values())
        if set(self.meanings) != wanted:
            raise ValueError(
                f"meanings cover {sorted(self.meanings)}; each rating from {self.minimum} "
                f"to {self.maximum} needs exactly one meaning"
            )
        return self

    def values(self) -> list[int]:
        return list(range(self.minimum, self.maximum + 1))

    def label(self, rating: int) -> str:
        """'3 — serious: needs close attention'."""
        return f"{rating} — {self.meanings[rating]}"


class Dimension(StrictModel):
    """One area an assessment rates, e.g. 'Readiness to change'."""

    id: Identifier
    number: str | None = Field(default=None, description="How the source numbers it, e.g. '4'")
    name: str = Field(min_length=3)
    description: str | None = None
    scale: RatingScale | None = Field(default=None, description="Overrides the rule set's scale")

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}" if self.number else self.name


class FlagDefinition(StrictModel):
    """A yes/no finding that can settle a question outright, asked as a question."""

    id: Identifier
    question: str = Field(min_length=5)
    description: str | None = None


class Effect(StrictModel):
    """What a rule does when its condition holds: exactly one of the four effects."""

    minimum_level: str | None = None
    maximum_level: str | None = None
    exclude_levels: list[str] | None = Field(default=None, min_length=1)
    require_review: Literal[True] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Effect:
        given = [name for name, value in self if value is not None]
        if len(given) != 1:
            raise ValueError(
                "an effect has exactly one of minimum_level, maximum_level, exclude_levels, "
                f"require_review (found {', '.join(given) or 'none'})"
            )
        return self

    @field_validator("minimum_level", "maximum_level", mode="before")
    @classmethod
    def _code_as_text(cls, value: Any) -> Any:
        return _as_code(value)

    @field_validator("exclude_levels", mode="before")
    @classmethod
    def _codes_as_text(cls, value: Any) -> Any:
        return [_as_code(v) for v in value] if isinstance(value, list) else value

    @property
    def kind(self) -> str:
        return next(name for name, value in self if value is not None)

    def level_references(self) -> Iterator[tuple[str, str]]:
        """(field, level code) for every level this effect names."""
        if self.minimum_level is not None:
            yield "effect.minimum_level", self.minimum_level
        if self.maximum_level is not None:
            yield "effect.maximum_level", self.maximum_level
        for position, code in enumerate(self.exclude_levels or []):
            yield f"effect.exclude_levels[{position}]", code

    def describe(self) -> str:
        """The effect in words, e.g. 'at least level 2.5'."""
        if self.minimum_level is not None:
            return f"at least level {self.minimum_level}"
        if self.maximum_level is not None:
            return f"at most level {self.maximum_level}"
        if self.exclude_levels is not None:
            return "not level " + ", ".join(self.exclude_levels)
        return "a clinician reviews this before placement"


def _as_code(value: Any) -> Any:
    """A level code written as a YAML number (2.1) is read as the text '2.1'."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return value


class Rule(StrictModel):
    """When `when` holds for an assessment, `effect` limits the levels; `explanation` says why."""

    id: Identifier
    when: Condition
    effect: Effect
    explanation: str = Field(min_length=10, description="Plain words a client could hear")
    source: str = Field(min_length=3, description="Where the rule comes from")


class StepDownCriteria(StrictModel):
    """What must hold before a client is ready to step down, as data."""

    consecutive_improving_assessments: int = Field(
        default=2,
        ge=1,
        description="Assessments in a row, the latest included, that place the client below "
        "the current level with no dimension rated higher than at the one before",
    )
    attendance_at_least: Decimal | None = Field(default=None, ge=0, le=1)
    goals_met_at_least: Decimal | None = Field(default=None, ge=0, le=1)


class StepUpTrigger(StrictModel):
    """One reason to step up: a condition now, a rating rising, or missed sessions."""

    id: Identifier
    when: Condition | None = None
    rating_rose_to_at_least: int | None = Field(default=None, ge=0)
    missed_sessions_at_least: int | None = Field(default=None, ge=1)
    explanation: str = Field(min_length=10)
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _exactly_one_test(self) -> StepUpTrigger:
        tests = [
            name
            for name in ("when", "rating_rose_to_at_least", "missed_sessions_at_least")
            if getattr(self, name) is not None
        ]
        if len(tests) != 1:
            raise ValueError(
                "a step-up trigger has exactly one of when, rating_rose_to_at_least, "
                f"missed_sessions_at_least (found {', '.join(tests) or 'none'})"
            )
        return self


class TransitionCriteria(StrictModel):
    """Step-down criteria and step-up triggers; movement follows reassessment, not a calendar."""

    step_down: StepDownCriteria = Field(default_factory=StepDownCriteria)
    step_up_triggers: list[StepUpTrigger] = Field(default_factory=list)


class RuleIssue(NamedTuple):
    """A cross-reference problem in a rule set: which record and field, what is wrong."""

    record: str
    field: str
    message: str
    expected: str | None


class RuleSet(StrictModel):
    """An organization's placement rules, with the dimensions and levels they speak about."""

    id: Identifier
    name: str = Field(min_length=3)
    version: str = Field(min_length=1)
    description: str
    disclaimer: str = Field(min_length=20, description="Shown with every result")
    source: Source
    levels: list[str] = Field(
        min_length=2, description="Level codes the rules place into, least to most intensive"
    )
    scale: RatingScale
    dimensions: list[Dimension] = Field(min_length=1)
    flags: list[FlagDefinition] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
    transitions: TransitionCriteria = Field(default_factory=TransitionCriteria)

    @field_validator("levels", mode="before")
    @classmethod
    def _codes_as_text(cls, value: Any) -> Any:
        return [_as_code(v) for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _references_are_known(self, info: ValidationInfo) -> RuleSet:
        if info.context and info.context.get(DEFER_CHECKS):
            return self
        issues = self.issues()
        if issues:
            raise ValueError("; ".join(f"{i.record}, {i.field}: {i.message}" for i in issues))
        return self

    def scale_for(self, dimension: str) -> RatingScale:
        """The scale a dimension is rated on (its own, else the rule set's)."""
        found = self.dimension(dimension)
        return found.scale or self.scale

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        from carenav.errors import UnknownIdError

        raise UnknownIdError("dimension", dimension_id, [d.id for d in self.dimensions])

    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    def flag_ids(self) -> list[str]:
        return [f.id for f in self.flags]

    def rank(self, code: str) -> int:
        """A level's position among this rule set's levels (0 is the least intensive)."""
        if code not in self.levels:
            from carenav.errors import UnknownIdError

            raise UnknownIdError("level in this rule set", code, self.levels)
        return self.levels.index(code)

    def _refuse_ratings_for_another_rule_set(self, assessment: Assessment) -> None:
        """Ratings mostly on dimensions this set does not have were made under another set.

        Reading them anyway would misread a scale (a 3 for 'safety' is not a 3 for
        'withdrawal'), so they are refused as a whole, naming both sets of dimensions.
        """
        from carenav.errors import InputError

        declared = self.dimension_ids()
        foreign = [d for d in assessment.ratings if d not in declared]
        shared = len(assessment.ratings) - len(foreign)
        if foreign and shared * 2 < len(declared):
            raise InputError(
                "ratings",
                f"these ratings name {', '.join(foreign)}, which {self.name} does not rate: "
                "they were made under another rule set, with its own dimensions and scale, and "
                "are not read under this one",
                f"a rating for each of {', '.join(declared)}",
            )

    def check_assessment(self, assessment: Assessment) -> None:
        """Raise InputError unless every dimension is rated on its scale and every flag is known."""
        from carenav.errors import InputError

        declared = self.dimension_ids()
        self._refuse_ratings_for_another_rule_set(assessment)
        for dimension in assessment.ratings:
            if dimension not in declared:
                raise InputError(
                    f"ratings.{dimension}",
                    f"{self.name} has no dimension '{dimension}'",
                    "one of " + ", ".join(declared),
                )
        for dimension in declared:
            if dimension not in assessment.ratings:
                raise InputError(
                    f"ratings.{dimension}",
                    f"{self.dimension(dimension).name} is not rated",
                    "a rating for every dimension",
                )
            scale = self.scale_for(dimension)
            rating = assessment.rating(dimension)
            if not scale.minimum <= rating <= scale.maximum:
                raise InputError(
                    f"ratings.{dimension}",
                    f"{rating} is off the scale for {self.dimension(dimension).name}",
                    f"a rating from {scale.minimum} to {scale.maximum}",
                )
        for flag in sorted(assessment.flags):
            if flag not in self.flag_ids():
                raise InputError(
                    "flags",
                    f"{self.name} has no flag '{flag}'",
                    "one of " + ", ".join(self.flag_ids()),
                )

    def issues(self) -> list[RuleIssue]:
        """Every unknown dimension, flag or level and every rating off its scale."""
        found: list[RuleIssue] = []
        found.extend(self._declaration_issues())
        for rule in self.rules:
            record = f"rule {rule.id}"
            found.extend(self._condition_issues(record, "when", rule.when))
            for field, code in rule.effect.level_references():
                if code not in self.levels:
                    found.append(
                        RuleIssue(
                            record,
                            field,
                            f"names level {code}, which is not in this rule set's levels",
                            "one of " + ", ".join(self.levels),
                        )
                    )
        for trigger in self.transitions.step_up_triggers:
            record = f"step-up trigger {trigger.id}"
            if trigger.when is not None:
                found.extend(self._condition_issues(record, "when", trigger.when))
            if trigger.rating_rose_to_at_least is not None:
                found.extend(
                    self._rating_issue(
                        record, "rating_rose_to_at_least", trigger.rating_rose_to_at_least, None
                    )
                )
        return found

    def _declaration_issues(self) -> Iterator[RuleIssue]:
        for kind, ids in (
            ("dimension", self.dimension_ids()),
            ("flag", self.flag_ids()),
            ("rule", [r.id for r in self.rules]),
            ("level", self.levels),
            ("step-up trigger", [t.id for t in self.transitions.step_up_triggers]),
        ):
            seen: set[str] = set()
            for item in ids:
                if item in seen:
                    yield RuleIssue(
                        f"{kind} {item}",
                        "id",
                        f"the {kind} {item} appears twice",
                        f"each {kind} once",
                    )
                seen.add(item)

    def _condition_issues(
        self, record: str, path: str, condition: Condition
    ) -> Iterator[RuleIssue]:
        dimensions = set(self.dimension_ids())
        for ref in condition.references(path):
            if ref.kind == "dimension" and ref.value not in dimensions:
                yield RuleIssue(
                    record,
                    ref.field,
                    f"names dimension {ref.value}, which this rule set does not declare",
                    "one of " + ", ".join(self.dimension_ids()),
                )
            elif ref.kind == "flag" and ref.value not in self.flag_ids():
                yield RuleIssue(
                    record,
                    ref.field,
                    f"names flag {ref.value}, which this rule set does not declare",
                    "one of " + ", ".join(self.flag_ids()),
                )
            elif ref.kind == "rating" and isinstance(ref.value, int):
                if ref.dimension is not None and ref.dimension not in dimensions:
                    continue  # already reported as an unknown dimension
                yield from self._rating_issue(record, ref.field, ref.value, ref.dimension)

    def _rating_issue(
        self, record: str, field: str, rating: int, dimension: str | None
    ) -> Iterator[RuleIssue]:
        scales = (
            [self.scale_for(dimension)]
            if dimension
            else [self.scale_for(d) for d in self.dimension_ids()]
        )
        for scale in scales:
            if not scale.minimum <= rating <= scale.maximum:
                where = f"dimension {dimension}'s scale" if dimension else "the scale"
                yield RuleIssue(
                    record,
                    field,
                    f"rating {rating} is off {where}",
                    f"a rating from {scale.minimum} to {scale.maximum}",
                )
                return
