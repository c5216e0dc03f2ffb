"""Loading rules/ and vignettes/: the shipped files load; each kind of broken file gets one clear message."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from carenav import catalog
from carenav.cli import main
from carenav.errors import DataError

SUD = "rules/illustrative-sud.yaml"


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_shipped_rules_and_stories_load() -> None:
    loaded = catalog.load()
    assert [r.id for r in loaded.rule_sets] == ["illustrative-mh", "illustrative-sud"]
    assert len(loaded.vignettes) >= 5
    assert "2 placement rule set(s)" in loaded.summary()


def test_the_shipped_rule_set_says_it_is_not_the_asam_criteria() -> None:
    rules = catalog.load().rule_set("illustrative-sud")
    head = (catalog.bundled_data_dir() / SUD).read_text(encoding="utf-8")[:800]
    assert "NOT the ASAM Criteria" in head and "must NOT be used" in head
    assert "not the ASAM Criteria" in rules.disclaimer
    assert "clinicians" in rules.disclaimer


def test_rating_meanings_are_shown_beside_every_rating() -> None:
    scale = catalog.load().rule_set("illustrative-sud").scale
    assert scale.label(0) == "0 — no current concern"
    assert scale.label(4) == "4 — severe — needs immediate attention"


def test_a_data_folder_without_rules_or_vignettes_loads_them_as_empty(data_copy: Path) -> None:
    shutil.rmtree(data_copy / "rules")
    shutil.rmtree(data_copy / "vignettes")
    loaded = catalog.load(data_copy)
    assert (loaded.rule_sets, loaded.vignettes) == ((), ())


BROKEN: list[tuple[Callable[[Path], None], str]] = [
    (
        lambda d: _edit(
            d, SUD, "{dimension: biomedical, rating: 3}}", "{dimension: biomedicl, rating: 3}}"
        ),
        "rules/illustrative-sud.yaml, record rule medical-needs-rule-out-clinical-residential, "
        "field when.rating_at_least.dimension: names dimension biomedicl, which this rule set "
        "does not declare; expected one of withdrawal, biomedical, emotional, readiness, relapse, environment",
    ),
    (
        lambda d: _edit(
            d,
            SUD,
            "when: {any_rating_at_least: {rating: 1}}",
            "when: {any_rating_at_least: {rating: 5}}",
        ),
        "rules/illustrative-sud.yaml, record rule current-concern-needs-treatment, "
        "field when.any_rating_at_least.rating: rating 5 is off the scale; expected a rating from 0 to 4",
    ),
    (
        lambda d: _edit(
            d,
            SUD,
            'effect: {minimum_level: "3.1"}\n    explanation: >-\n      The client needs',
            'effect: {minimum_level: "3.2"}\n    explanation: >-\n      The client needs',
        ),
        "rules/illustrative-sud.yaml, record rule supervision-needs-24-hour-setting, "
        "field effect.minimum_level: names level 3.2, which is not in this rule set's levels; "
        "expected one of 0.5, 1, 2.1, 2.5, 3.1, 3.5, 3.7, 4",
    ),
    (
        lambda d: _edit(d, SUD, 'levels: ["0.5", "1"', 'levels: ["0.4", "1"'),
        "rules/illustrative-sud.yaml, record illustrative-sud, field levels[0]: level 0.4 is not on "
        "the continuum; expected one of 0.5, 1, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7, 4",
    ),
    (
        lambda d: _edit(
            d,
            SUD,
            "        - {all_ratings_at_most: {rating: 1}}\n        - not:\n            any_of:\n"
            "              - {flag: imminent-risk-of-harm}\n",
            "        - {all_ratings_at_most: {rating: 1}}\n        - not:\n            any_of:\n",
        ),
        "rules/illustrative-sud.yaml, record rule mild-concerns-stay-outpatient, field "
        "effect.maximum_level: at most level 1, together with rule imminent-risk-needs-hospital "
        "(at least level 4), leaves no level of care (for example when flag imminent-risk-of-harm); "
        "expected rules that always leave at least one level",
    ),
    (
        lambda d: _edit(d, SUD, "when: {flag: adolescent}", "when: {flag_is: adolescent}"),
        "rules/illustrative-sud.yaml, record rule adolescent-review, field when: is not a condition: "
        "a condition is a mapping with exactly one of rating_at_least, rating_at_most, "
        "any_rating_at_least, all_ratings_at_most, flag, all_of, any_of, not",
    ),
    (
        lambda d: _edit(
            d,
            SUD,
            "effect: {require_review: true}\n    explanation: >-\n      The client is an",
            "effect: {require_review: true, minimum_level: '1'}\n    explanation: >-\n      The client is an",
        ),
        "rules/illustrative-sud.yaml, record rule adolescent-review, field effect: an effect has exactly "
        "one of minimum_level, maximum_level, exclude_levels, require_review (found minimum_level, "
        "require_review)",
    ),
    (
        lambda d: _edit(d, SUD, "    4: severe — needs immediate attention\n", ""),
        "rules/illustrative-sud.yaml, record illustrative-sud, field scale: meanings cover [0, 1, 2, 3]; "
        "each rating from 0 to 4 needs exactly one meaning",
    ),
    (
        lambda d: _edit(
            d,
            "vignettes/dana-entry-to-iop.yaml",
            "rule_set: illustrative-sud",
            "rule_set: asam-criteria",
        ),
        "vignettes/dana-entry-to-iop.yaml, record dana-entry-to-iop, field rule_set: names rule set "
        "asam-criteria, which is not in rules/; expected one of: illustrative-mh, illustrative-sud",
    ),
    (
        lambda d: _edit(
            d,
            "vignettes/dana-entry-to-iop.yaml",
            "        environment: {rating: 2, note: Partner drinks at home}",
            "        environment: {rating: 7, note: Partner drinks at home}",
        ),
        "vignettes/dana-entry-to-iop.yaml, record dana-entry-to-iop, field steps[0].assessment.ratings.environment: "
        "7 is off the scale for Recovery/living environment; expected a rating from 0 to 4",
    ),
    (
        lambda d: _edit(
            d, "vignettes/dana-entry-to-iop.yaml", "fictional: true", "fictional: false"
        ),
        "vignettes/dana-entry-to-iop.yaml, record dana-entry-to-iop, field fictional: Input should be True",
    ),
]


@pytest.mark.parametrize(
    ("breaks", "message"), BROKEN, ids=[m.split("field ")[1][:40] for _, m in BROKEN]
)
def test_a_broken_file_gets_one_clear_message(
    data_copy: Path, breaks: Callable[[Path], None], message: str
) -> None:
    breaks(data_copy)
    with pytest.raises(DataError) as refused:
        catalog.load(data_copy)
    assert [str(p) for p in refused.value.problems] == [message]


def test_carenav_validate_names_the_file_rule_and_field_and_exits_1(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(
        data_copy, SUD, "{dimension: biomedical, rating: 3}}", "{dimension: biomedicl, rating: 3}}"
    )
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert (
        "rules/illustrative-sud.yaml, record rule medical-needs-rule-out-clinical-residential"
        in err
    )
    assert "Traceback" not in err


def test_an_organizations_own_rule_set_loads_beside_the_shipped_one(data_copy: Path) -> None:
    text = (data_copy / SUD).read_text(encoding="utf-8")
    (data_copy / "rules" / "our-clinic.yaml").write_text(
        text.replace("id: illustrative-sud", "id: our-clinic", 1), encoding="utf-8"
    )
    assert [r.id for r in catalog.load(data_copy).rule_sets] == [
        "illustrative-mh",
        "illustrative-sud",
        "our-clinic",
    ]
