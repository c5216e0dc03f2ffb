"""The directory frame: every cell the engines read is parsed once, when the frame is built."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from carenav.catalog.program_rows import _PATHS
from carenav.models.billing import SlidingScaleTier
from carenav.models.frame import TABLE_COLUMNS, TIERS
from tests.unit.programs_support import frame


def test_every_file_column_has_a_place_in_the_program_model() -> None:
    assert tuple(_PATHS) == TABLE_COLUMNS


def test_contracted_rates_become_one_cents_column_per_plan() -> None:
    built = frame(
        {"in_network_rates": "example-ppo-2026=450;example-copay-2026=399.99"},
        {"in_network_rates": "example-ppo-2026=300"},
        {},
    )
    assert built["rate:example-ppo-2026"].tolist() == [45_000, 30_000, pd.NA]
    assert built["rate:example-copay-2026"].tolist()[:2] == [39_999, pd.NA]
    assert "in_network_rates" not in built


def test_sliding_scale_tiers_arrive_as_validated_tiers() -> None:
    built = frame({"sliding_scale_tiers": "100=0.1;200=0.5;above=1"}, {})
    assert built[TIERS].iloc[0] == (
        SlidingScaleTier(up_to_percent_of_poverty=100, pays=Decimal("0.1")),
        SlidingScaleTier(up_to_percent_of_poverty=200, pays=Decimal("0.5")),
        SlidingScaleTier(up_to_percent_of_poverty=None, pays=Decimal("1")),
    )
    assert built[TIERS].iloc[1] == ()
