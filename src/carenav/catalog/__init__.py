"""The catalog: a data folder (the bundled data/ or a user's own) read into validated models.

Either everything loads or nothing does: a DataError lists every problem found, each
with its file, record, field and what was expected.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carenav.catalog.levels import load_continuum
from carenav.errors import DataError, Problem
from carenav.models.known import KnownCodes
from carenav.models.levels import Continuum
from carenav.resources import bundled_data_dir

if TYPE_CHECKING:
    # Section loaders and their models are imported when a section is read, so a
    # kernel that shows only the levels of care does not import pandas or the rules.
    from carenav.catalog.program_directory import Directory
    from carenav.models.coverage import CoveragePlan
    from carenav.models.coverage_criteria import CoverageCriteriaSet
    from carenav.models.evidence import EvidenceSet
    from carenav.models.ranking import Ranking
    from carenav.models.reference import ReferenceTables
    from carenav.models.rules import RuleSet
    from carenav.models.scenario import CostCase
    from carenav.models.vignette import Vignette

DATA_ENV = "CARENAV_DATA"
# The parts of a data folder besides levels_of_care.yaml, which is always read.
SECTIONS = (
    "evidence",
    "reference",
    "payers",
    "rules",
    "vignettes",
    "programs",
    "scenarios",
    "ranking",
)
_NEEDS = {"payers": {"reference"}, "vignettes": {"rules"}, "scenarios": {"payers", "reference"}}


def default_data_dir() -> Path:
    """The folder `load()` reads when given none: $CARENAV_DATA, else the bundled data/."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured).expanduser() if configured else bundled_data_dir()


@dataclass(frozen=True)
class Catalog:
    """Everything carenav knows from one data folder, validated."""

    root: Path
    continuum: Continuum
    evidence: EvidenceSet | None = None
    # None when the section was not read; `reference` then gives empty tables.
    reference_tables: ReferenceTables | None = None
    payers: dict[str, CoveragePlan] = field(default_factory=dict)
    rule_sets: tuple[RuleSet, ...] = field(default=())
    # Payers' coverage checklists from the same rules/ folder (`kind: coverage-criteria`).
    coverage_sets: tuple[CoverageCriteriaSet, ...] = field(default=())
    vignettes: tuple[Vignette, ...] = field(default=())
    # None when the section was not read; `programs` then gives an empty directory.
    program_directory: Directory | None = None
    cost_cases: tuple[CostCase, ...] = field(default=())
    # The finder's ranking defaults (ranking.yaml, else the bundled one); None when not read.
    ranking_rules: Ranking | None = None
    warnings: tuple[Problem, ...] = field(default=())
    sections: frozenset[str] = field(default=frozenset(SECTIONS))

    @property
    def reference(self) -> ReferenceTables:
        """The reference tables (empty when this catalog was read without them).

        Built on first use: a kernel that reads only the directory does not import the
        reference models (about 0.15 s of a cold start).
        """
        if self.reference_tables is not None:
            return self.reference_tables
        empty: ReferenceTables = _empty("reference")
        return empty

    @property
    def programs(self) -> Directory:
        """The program directory (empty when this catalog was read without it)."""
        return self.program_directory if self.program_directory is not None else _empty("programs")

    @property
    def ranking(self) -> Ranking:
        """How the program finder ranks (ranking.yaml); read with the 'ranking' section."""
        if self.ranking_rules is None:
            raise ValueError("this catalog was read without its 'ranking' section")
        return self.ranking_rules

    def plan_names(self) -> dict[str, str]:
        """Each payer plan's id and the name clients know it by, for words on screen."""
        return {plan_id: plan.name for plan_id, plan in self.payers.items()}

    def known_codes(self) -> KnownCodes:
        """The closed vocabularies of this data (its level codes and plan ids), for validation."""
        return KnownCodes(levels=tuple(self.continuum.codes()), plans=tuple(self.payers))

    def rule_set(self, rule_set_id: str) -> RuleSet:
        """The placement rule set with this id; UnknownIdError for one not loaded."""
        from carenav.errors import UnknownIdError

        for rule_set in self.rule_sets:
            if rule_set.id == rule_set_id:
                return rule_set
        raise UnknownIdError("rule set", rule_set_id, [r.id for r in self.rule_sets])

    def coverage_set(self, set_id: str) -> CoverageCriteriaSet:
        """The coverage-criteria set with this id; UnknownIdError for one not loaded."""
        from carenav.errors import UnknownIdError

        for criteria in self.coverage_sets:
            if criteria.id == set_id:
                return criteria
        raise UnknownIdError("coverage-criteria set", set_id, [c.id for c in self.coverage_sets])

    def rule_set_choices(self) -> list[tuple[str, str]]:
        """(label, id) for every set in rules/, placement sets first, as the apps offer them."""
        placement = [(f"{r.name} (version {r.version})", r.id) for r in self.rule_sets]
        coverage = [
            (f"{c.name} (version {c.version}) — coverage checklist", c.id)
            for c in self.coverage_sets
        ]
        return placement + coverage

    def vignette(self, vignette_id: str) -> Vignette:
        """The worked client story with this id; UnknownIdError for one not loaded."""
        from carenav.errors import UnknownIdError

        for vignette in self.vignettes:
            if vignette.id == vignette_id:
                return vignette
        raise UnknownIdError("vignette", vignette_id, [v.id for v in self.vignettes])

    def cost_case(self, case_id: str) -> CostCase:
        """The worked cost case with this id (scenarios/); UnknownIdError for one not loaded."""
        from carenav.errors import UnknownIdError

        for case in self.cost_cases:
            if case.id == case_id:
                return case
        raise UnknownIdError("cost case", case_id, [c.id for c in self.cost_cases])

    def summary(self) -> str:
        """One line saying what was loaded, for `carenav validate`."""
        parts = [f"{len(self.continuum.levels)} levels of care"]
        if self.payers:
            parts.append(f"{len(self.payers)} payer plans")
        parts.append(
            f"{len(self.rule_sets)} placement rule set(s), "
            f"{len(self.coverage_sets)} coverage-criteria set(s), {len(self.vignettes)} vignette(s)"
        )
        parts.append(f"{len(self.programs)} programs")
        if self.cost_cases:
            parts.append(f"{len(self.cost_cases)} worked cost case(s)")
        text = f"{self.root}: {', '.join(parts)}; no problems found"
        if self.warnings:
            text += f"; {len(self.warnings)} warning(s)"
        return text


def _is_folder(root: Path) -> bool:
    """Whether `root` is a folder; a path the system cannot even look up (too long) is not."""
    try:
        return root.is_dir()
    except OSError:
        return False


def _with_needs(sections: Collection[str] | None) -> frozenset[str]:
    if sections is None:
        return frozenset(SECTIONS)
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(
            f"unknown catalog sections {sorted(unknown)}; known: {', '.join(SECTIONS)}"
        )
    wanted = set(sections)
    for section in list(wanted):
        wanted |= _NEEDS.get(section, set())
    return frozenset(wanted)


def load(
    path: str | Path | None = None,
    *,
    sections: Collection[str] | None = None,
    revalidate: bool = False,
) -> Catalog:
    """Read a data folder into a Catalog, or raise DataError listing every problem.

    The program directory is read from its validated cache when its files are unchanged
    since it was last validated; `revalidate=True` checks every row again and rebuilds
    the cache (what `carenav validate` does).

    `sections` limits the reading to what an app shows (each new Voila kernel loads
    its own catalog, so the continuum app need not validate 20,000 programs); the
    default reads and checks everything, as `carenav validate` and `serve` do.
    """
    wanted = _with_needs(sections)
    root = Path(path).expanduser() if path is not None else default_data_dir()
    if not _is_folder(root):
        raise DataError(
            [Problem(str(root), None, None, "is not a folder", "a data folder such as data/")]
        )
    problems: list[Problem] = []
    warnings: list[Problem] = []
    continuum = load_continuum(root, problems)
    evidence = reference = programs = None
    payers: dict[str, CoveragePlan] = {}
    rule_sets: list[RuleSet] = []
    coverage_sets: list[CoverageCriteriaSet] = []
    vignettes: list[Vignette] = []
    cost_cases: list[CostCase] = []
    ranking: Ranking | None = None
    if "evidence" in wanted:
        from carenav.catalog.evidence import load_evidence

        evidence = load_evidence(root, problems)
    if "reference" in wanted:
        from carenav.catalog.reference import load_reference

        reference = load_reference(root, problems)
    if "payers" in wanted:
        from carenav.catalog.payers import load_payers

        known = KnownCodes(levels=tuple(continuum.codes())) if continuum else None
        payers = load_payers(root, reference or _empty("reference"), problems, warnings, known)
    if "rules" in wanted:
        from carenav.catalog.rules import load_rule_sets

        rule_sets = load_rule_sets(root, continuum, problems, warnings, recheck=revalidate)
        from carenav.catalog.coverage_criteria import load_coverage_sets

        taken = {r.id: f"{r.name} in rules/" for r in rule_sets}
        coverage_sets = load_coverage_sets(root, continuum, taken, problems)
    if "vignettes" in wanted:
        from carenav.catalog.vignettes import load_vignettes

        vignettes = load_vignettes(root, rule_sets, problems)
    if "programs" in wanted:
        from carenav.catalog.program_directory import load_directory

        programs = load_directory(
            root, problems, continuum.codes() if continuum else (), use_cache=not revalidate
        )
    if "scenarios" in wanted:
        from carenav.catalog.scenarios import load_cost_cases

        cost_cases = load_cost_cases(root, payers, problems)
    if "ranking" in wanted:
        from carenav.catalog.ranking import load_ranking

        ranking = load_ranking(root, bundled_data_dir(), problems)
    if problems or continuum is None:
        raise DataError(problems)
    return Catalog(
        root=root,
        continuum=continuum,
        evidence=evidence,
        reference_tables=reference,
        payers=payers,
        rule_sets=tuple(rule_sets),
        coverage_sets=tuple(coverage_sets),
        vignettes=tuple(vignettes),
        program_directory=programs,
        cost_cases=tuple(cost_cases),
        ranking_rules=ranking,
        warnings=tuple(warnings),
        sections=wanted,
    )


def _empty(section: str) -> Any:
    """An empty reference table set or directory, for a catalog read without that section."""
    if section == "reference":
        from carenav.models.reference import ReferenceTables

        return ReferenceTables()
    from carenav.catalog.program_directory import Directory

    return Directory.empty()


__all__ = ["DATA_ENV", "SECTIONS", "Catalog", "bundled_data_dir", "default_data_dir", "load"]


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
