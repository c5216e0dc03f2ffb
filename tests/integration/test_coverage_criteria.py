"""The shipped Medicare PHP/IOP coverage set: citations that show their paragraph, answers, dates."""

from __future__ import annotations

import shutil
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from carenav import catalog
from carenav.coverage_review import review_coverage
from carenav.errors import DataError, InputError
from carenav.models.coverage_criteria import CoverageCriteriaSet, CriterionAnswer

MEDICARE = "medicare-php-iop-coverage"
FILE = "rules/medicare-php-iop-coverage.yaml"
ADMITTED = date(2026, 3, 2)


@cache
def medicare() -> CoverageCriteriaSet:
    return catalog.load(sections=("rules",)).coverage_set(MEDICARE)


def _citations() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = [(c.id, c.citation) for c in medicare().criteria]
    found += [(f"schedule {s.level}", s.citation) for s in medicare().certification]
    return found


@pytest.mark.parametrize(("record", "citation"), _citations())
def test_each_quoted_citation_shows_its_cited_paragraph_in_the_quote(
    record: str, citation: object
) -> None:
    from carenav.models.coverage_criteria import Citation

    assert isinstance(citation, Citation)
    if citation.quote is None:
        # Not yet checked against the current text: the apps say so beside it.
        assert citation.note and "not" in citation.note.lower(), record
        return
    position = 0
    for marker in citation.markers():
        found = citation.quote.find(marker, position)
        assert found >= 0, f"{record}: {marker} of {citation.label} is not in its quote"
        position = found + len(marker)
    assert citation.checked is not None and citation.checked_against


def test_the_php_and_iop_criteria_quote_the_regulation_paragraphs_they_come_from() -> None:
    labels = {c.citation.label for c in medicare().criteria if c.citation.is_checked}
    assert {
        "42 CFR 410.43(a)(1)",
        "42 CFR 410.43(a)(2)",
        "42 CFR 410.43(a)(3)",
        "42 CFR 410.44(a)(1)",
        "42 CFR 410.44(a)(2)",
        "42 CFR 410.44(a)(3)",
        "42 CFR 424.24(b)",
        "42 CFR 424.24(d)(1)(i)",
        "42 CFR 424.24(d)(2)(i)",
        "42 CFR 424.24(e)(1)(i)",
        "42 CFR 424.24(e)(2)(i)",
    } <= labels
    # The patients each program is intended for, 410.43(c) and 410.44(c), paragraphs 2 to 7
    # ((c)(1), the weekly hours, is checked with the certification).
    for section in ("410.43", "410.44"):
        assert {f"42 CFR {section}(c)({n})" for n in range(2, 8)} <= labels


def test_every_shipped_medicare_citation_is_checked_against_the_current_text() -> None:
    unchecked = [c.id for c in medicare().criteria if not c.citation.is_checked]
    unchecked += [s.level for s in medicare().certification if not s.citation.is_checked]
    assert unchecked == []
    assert all(s.verified for s in medicare().certification)


def test_each_level_cites_its_own_section_and_paragraph_of_the_regulation() -> None:
    # Partial hospitalization is 410.43 and 424.24(e); intensive outpatient is 410.44 and
    # 424.24(d). A criterion citing the other program's text sends a reader astray.
    own = {"2.5": ("42 CFR 410.43", "(e)"), "2.1": ("42 CFR 410.44", "(d)")}
    for criterion in medicare().criteria:
        if len(criterion.applies_to) != 1:
            continue
        section, paragraph = own[criterion.applies_to[0]]
        citation = criterion.citation
        if citation.document == "42 CFR 424.24":
            assert citation.paragraph.startswith(paragraph), criterion.id
        elif citation.document.startswith("42 CFR 410.4"):
            assert citation.document == section, criterion.id
            assert criterion.id.startswith({"2.5": "php-", "2.1": "iop-"}[criterion.applies_to[0]])


def test_each_verified_interval_is_the_one_its_quoted_paragraph_states() -> None:
    # The dates follow the numbers in the data; the numbers must be the regulation's.
    for schedule in medicare().certification:
        quote = schedule.citation.quote
        assert schedule.verified and quote is not None, schedule.level
        assert f"every {schedule.recertify_every_days} days" in quote, schedule.level
        if schedule.first_recertification_day is not None:
            assert f"as of the {schedule.first_recertification_day}th day" in quote


def test_a_medicare_php_admission_names_each_criterion_met_unmet_or_not_documented() -> None:
    answers = {
        "php-reasonable-and-necessary": "meets",
        "php-in-lieu-of-inpatient-care": "does-not-meet",
    }
    review = review_coverage(medicare(), "2.5", ADMITTED, answers)
    by_id = {f.criterion_id: f.answer for f in review.findings}
    assert by_id["php-reasonable-and-necessary"] is CriterionAnswer.MEETS
    assert by_id["php-in-lieu-of-inpatient-care"] is CriterionAnswer.DOES_NOT_MEET
    assert by_id["php-certification-and-plan-of-care"] is CriterionAnswer.NOT_DOCUMENTED
    assert "iop-needs-at-least-9-hours-a-week" not in by_id
    # Fourteen PHP criteria: two answered, twelve not documented yet.
    assert review.outcome == "1 criterion not met; 12 not documented yet."
    text = review.summary()
    assert "Does not meet: Does the record show the client would otherwise need" in text
    assert "not a clinical recommendation" in text and "payer decides coverage" in text


def test_the_php_recertification_dates_count_the_admission_day_as_day_one() -> None:
    # 42 CFR 424.24(e)(3)(ii): the first as of the 18th day, then at least every 30 days.
    review = review_coverage(medicare(), "2.5", ADMITTED, {})
    first, second = review.recertifications[:2]
    assert (first.day, first.due) == (18, date(2026, 3, 19))
    assert (second.day, second.due) == (48, date(2026, 4, 18))
    assert review.next_recertification(date(2026, 3, 20)) == second
    assert "Recertification 1: by day 18 (2026-03-19)." in review.summary()
    assert "not yet confirmed" not in review.summary()


def test_iop_recertifies_at_least_every_60_days() -> None:
    # 42 CFR 424.24(d)(3)(ii): no less frequently than every 60 days, none earlier.
    review = review_coverage(medicare(), "2.1", ADMITTED, {})
    assert [r.day for r in review.recertifications[:3]] == [60, 120, 180]
    assert review.recertifications[0].due == date(2026, 4, 30)
    assert review.schedule_verified is True


def test_an_unconfirmed_interval_says_so_beside_the_dates(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(catalog.bundled_data_dir(), data)
    path = data / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("verified: true", "verified: false", 1), "utf-8")
    unconfirmed = catalog.load(data, sections=("rules",)).coverage_set(MEDICARE)
    review = review_coverage(unconfirmed, "2.5", ADMITTED, {})
    assert review.schedule_verified is False
    assert "not yet confirmed in the regulation's current text" in review.summary()


@pytest.mark.parametrize(
    ("level", "answers", "message"),
    [
        ("1", {}, "level: Medicare PHP and IOP coverage criteria has no criteria for level 1"),
        (
            "2.1",
            {"php-reasonable-and-necessary": "meets"},
            "answers.php-reasonable-and-necessary: Medicare PHP and IOP coverage criteria has "
            "no criterion 'php-reasonable-and-necessary' for level 2.1",
        ),
        (
            "2.5",
            {"php-reasonable-and-necessary": "yes"},
            "answers.php-reasonable-and-necessary: 'yes' is not an answer; expected one of "
            "meets, does-not-meet, not-documented",
        ),
    ],
)
def test_a_wrong_level_criterion_or_answer_is_refused(
    level: str, answers: dict[str, str], message: str
) -> None:
    with pytest.raises(InputError) as refused:
        review_coverage(medicare(), level, ADMITTED, answers)
    assert str(refused.value).startswith(message)


def test_the_coverage_set_is_listed_with_the_placement_sets_and_never_read_as_one() -> None:
    loaded = catalog.load(sections=("rules",))
    assert [r.id for r in loaded.rule_sets] == ["illustrative-mh", "illustrative-sud"]
    assert [c.id for c in loaded.coverage_sets] == [MEDICARE]
    assert [i for _, i in loaded.rule_set_choices()] == [
        "illustrative-mh",
        "illustrative-sud",
        MEDICARE,
    ]


def test_an_interval_marked_verified_without_the_quoted_text_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(catalog.bundled_data_dir(), data)
    path = data / FILE
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    del record["certification"][0]["citation"]["quote"]
    path.write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    with pytest.raises(DataError) as refused:
        catalog.load(data, sections=("rules",))
    (problem,) = refused.value.problems
    assert problem.file == FILE
    assert "verified: true needs the citation's quote" in str(problem)


def test_a_criterion_for_a_level_the_set_does_not_cover_is_refused_with_file_and_field(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(catalog.bundled_data_dir(), data)
    path = data / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('applies_to: ["2.1"]', 'applies_to: ["3.5"]', 1), "utf-8")
    with pytest.raises(DataError) as refused:
        catalog.load(data, sections=("rules",))
    (problem,) = refused.value.problems
    assert problem.file == FILE
    assert "applies to level 3.5, which is not one of this set's levels" in str(problem)
