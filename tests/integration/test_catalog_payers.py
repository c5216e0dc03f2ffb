"""Payer and reference files: loaded from data/, broken ones refused with file, record and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carenav import catalog
from carenav.errors import DataError


def _load(root: Path) -> catalog.Catalog:
    return catalog.load(root, sections={"reference", "payers"})


def test_the_bundled_plans_load_with_the_issue_terms() -> None:
    loaded = _load(catalog.bundled_data_dir())
    assert {"example-ppo-2026", "example-copay-2026", "medicare-part-b-2026"} <= set(loaded.payers)
    assert loaded.reference.part_b(2026)[0].deductible == 283
    assert loaded.reference.aca_limit(2026) is not None
    regions = {(g.year, g.region) for g in loaded.reference.poverty_guidelines}
    assert regions == {
        (y, r) for y in (2024, 2025, 2026) for r in ("contiguous", "alaska", "hawaii")
    }


def test_a_day_limit_is_a_parity_warning_not_a_refusal() -> None:
    loaded = _load(catalog.bundled_data_dir())
    texts = [str(w) for w in loaded.warnings]
    assert any("example-copay-2026" in t and "parity" in t for t in texts)


def test_a_maximum_above_the_aca_limit_is_a_warning(data_copy: Path) -> None:
    path = data_copy / "payers" / "example-ppo-2026.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "out_of_pocket_max: 5000", "out_of_pocket_max: 12000"
        ),
        encoding="utf-8",
    )
    loaded = _load(data_copy)
    assert (
        "payers/example-ppo-2026.yaml, record example-ppo-2026, field in_network.out_of_pocket_max: "
        "$12,000 is above the 2026 ACA limit of $10,600 for self-only coverage (possible "
        "compliance issue: ask the plan)"
    ) in [str(w) for w in loaded.warnings]


def test_a_broken_payer_file_names_file_record_and_field(data_copy: Path) -> None:
    path = data_copy / "payers" / "example-ppo-2026.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("deductible: 1500", "deductible: -1500"),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        _load(data_copy)
    assert [str(p) for p in raised.value.problems] == [
        "payers/example-ppo-2026.yaml, record example-ppo-2026, field in_network.deductible: is below 0; expected 0 or more"
    ]


def test_every_problem_in_every_file_is_listed_and_nothing_loads(data_copy: Path) -> None:
    ppo = data_copy / "payers" / "example-ppo-2026.yaml"
    ppo.write_text(
        ppo.read_text(encoding="utf-8").replace("coinsurance: 0.20", "coinsurance: 20"),
        encoding="utf-8",
    )
    (data_copy / "payers" / "broken.yaml").write_text("id: broken\nkind: [\n", encoding="utf-8")
    medicare = data_copy / "reference" / "medicare_part_b.yaml"
    medicare.write_text(
        medicare.read_text(encoding="utf-8").replace("deductible: 283", "deductible: lots"),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        _load(data_copy)
    text = str(raised.value)
    assert (
        "payers/example-ppo-2026.yaml, record example-ppo-2026, field in_network.coinsurance: is more than 1"
        in text
    )
    assert "payers/broken.yaml: YAML syntax error at line 3" in text
    assert "reference/medicare_part_b.yaml, record 2026, field deductible" in text


def test_two_plans_with_one_id_are_refused(data_copy: Path) -> None:
    shutil.copy(data_copy / "payers" / "example-ppo-2026.yaml", data_copy / "payers" / "copy.yaml")
    with pytest.raises(
        DataError,
        match=r"payers/example-ppo-2026.yaml, record example-ppo-2026, field id: is used by another plan file",
    ):
        _load(data_copy)


def test_a_self_pay_plan_naming_an_unknown_scale_is_refused(data_copy: Path) -> None:
    path = data_copy / "payers" / "self-pay.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "sliding_scale: default-sliding-scale", "sliding_scale: gentle"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="field sliding_scale: names no known scale"):
        _load(data_copy)


def test_an_unknown_top_level_key_in_a_reference_file_is_a_problem(data_copy: Path) -> None:
    path = data_copy / "reference" / "out_of_pocket_limits.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "hsa: []\n", encoding="utf-8")
    with pytest.raises(
        DataError, match=r"reference/out_of_pocket_limits\.yaml, field hsa: is not a known field"
    ):
        _load(data_copy)


def test_a_data_folder_without_payers_or_reference_loads_them_as_empty(data_copy: Path) -> None:
    shutil.rmtree(data_copy / "payers")
    shutil.rmtree(data_copy / "reference")
    loaded = _load(data_copy)
    assert loaded.payers == {} and loaded.reference.medicare_part_b == []


def test_carenav_validate_prints_the_plan_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    from carenav.cli import main

    assert main(["validate"]) == 0
    captured = capsys.readouterr()
    assert "payer plans" in captured.out
    assert "parity" in captured.err


def test_a_medicaid_copay_above_the_federal_ceiling_is_a_warning(data_copy: Path) -> None:
    path = data_copy / "payers" / "medicaid-ny-example.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "copay_per_unit: 10\n", encoding="utf-8")
    loaded = _load(data_copy)
    assert any(
        str(w).startswith(
            "payers/medicaid-ny-example.yaml, record medicaid-ny-example, field copay_per_unit: $10"
        )
        and "42 CFR 447.52" in str(w)
        for w in loaded.warnings
    )


def test_a_later_plan_years_own_limit_and_maximum_are_warned_about_with_their_field(
    data_copy: Path,
) -> None:
    path = data_copy / "payers" / "example-copay-2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("out_of_pocket_max: 4500", "out_of_pocket_max: 99000"), "utf-8")
    loaded = _load(data_copy)
    shown = [str(w) for w in loaded.warnings]
    record = "payers/example-copay-2026.yaml, record example-copay-2026, field "
    assert any(
        w.startswith(record + "later_years[0].limits[0]: limits IOP (level 2.1) to 40 days")
        for w in shown
    )
    assert any(
        w.startswith(
            record + "later_years[0].in_network.out_of_pocket_max: $99,000 is above the 2027"
        )
        for w in shown
    )  # 2027's ACA limit is in data/reference/out_of_pocket_limits.yaml
