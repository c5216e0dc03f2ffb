"""The readiness check's rule-set chooser, without a browser: every set in rules/, each with its own form."""

from __future__ import annotations

import re
import shutil
from datetime import date
from functools import cache
from html import unescape
from pathlib import Path

from carenav import catalog
from carenav.cli import main
from carenav.ui.readiness_check import ReadinessCheckApp

TODAY = date(2026, 3, 20)
MEDICARE = "medicare-php-iop-coverage"


@cache
def loaded() -> catalog.Catalog:
    return catalog.load(sections=("rules",))


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_chooser_offers_every_set_in_the_data_folder_with_its_version() -> None:
    check = ReadinessCheckApp(loaded(), today=TODAY)
    labels = [label for label, _ in check.chooser.options]
    assert check.chooser.value == "illustrative-sud"
    assert labels == [
        "Illustrative mental-health placement rules (version 1.0 (2026-12))",
        "Illustrative substance-use placement rules (version 1.0 (2026-11))",
        "Medicare PHP and IOP coverage criteria (version 2026-12 (regulation text as checked "
        "on 2026-12-01)) — coverage checklist",
    ]


def test_choosing_the_mental_health_set_rates_its_own_areas_and_names_it_in_the_result() -> None:
    check = ReadinessCheckApp(loaded(), today=TODAY)
    check.chooser.value = "illustrative-mh"
    assert set(check.form.sliders) == set(loaded().rule_set("illustrative-mh").dimension_ids())
    check.form.sliders["symptoms"].value = 3
    assert check.placement is not None and check.placement.recommended_level == "2.1"
    shown = text_of(check.recommendation.value)
    assert "Rule set: Illustrative mental-health placement rules, version 1.0 (2026-12)." in shown
    assert "Illustrative mental-health placement rules, version 1.0" in text_of(check.summary.value)


def test_switching_sets_clears_the_history_and_says_why() -> None:
    check = ReadinessCheckApp(loaded(), today=TODAY)
    check.save_assessment()
    check.chooser.value = "illustrative-mh"
    assert check.history == []
    assert "ratings made under one rule set are not read under another" in text_of(
        check.status.value
    )


def test_choosing_the_medicare_set_shows_a_checklist_and_when_recertification_is_due() -> None:
    check = ReadinessCheckApp(loaded(), today=TODAY)
    check.chooser.value = MEDICARE
    assert check.coverage is not None and check.placement is None
    panel = check.coverage
    panel.admitted.value = date(2026, 3, 2)
    panel.answers["php-reasonable-and-necessary"].value = "meets"
    panel.answers["php-in-lieu-of-inpatient-care"].value = "does-not-meet"
    shown = text_of(panel.result.value)
    assert "Coverage checklist: 2.5 Partial hospitalization (PHP)" in shown
    assert "1 criterion not met; 12 not documented yet." in shown
    # 42 CFR 424.24(e)(3)(ii): first recertification as of day 18 (19 March), then every 30
    # days; on 20 March the first is past, so the next is day 48.
    assert "Next recertification (number 2) due by day 48 (2026-04-18), in 29 days." in shown
    assert "not a clinical recommendation" in shown and "Recommended level" not in shown
    assert "not yet confirmed in the regulation's current text" not in shown
    panel.level.value = "2.1"
    assert "iop-needs-at-least-9-hours-a-week" in panel.answers
    assert "due by day 60 (2026-04-30)" in text_of(panel.result.value)


def test_a_fourth_set_dropped_into_rules_appears_in_the_chooser_after_validate(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(catalog.bundled_data_dir(), data)
    own = (data / "rules" / "illustrative-mh.yaml").read_text(encoding="utf-8")
    (data / "rules" / "our-clinic-mh.yaml").write_text(
        own.replace("id: illustrative-mh", "id: our-clinic-mh", 1).replace(
            "name: Illustrative mental-health placement rules", "name: Our clinic's MH rules", 1
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(data)]) == 0
    check = ReadinessCheckApp(catalog.load(data, sections=("rules",)), today=TODAY)
    assert "our-clinic-mh" in [value for _, value in check.chooser.options]
    check.chooser.value = "our-clinic-mh"
    assert check.placement is not None
    assert check.placement.rule_set_name == "Our clinic's MH rules"


def test_an_unknown_set_asked_for_by_id_is_refused_with_a_message() -> None:
    check = ReadinessCheckApp(loaded(), rule_set_id="locus", today=TODAY)
    assert "locus" in text_of(check.status.value)
