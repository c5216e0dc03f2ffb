"""The column check of a directory file: cut where the models' validators are, settling valid rows."""

from __future__ import annotations

from carenav.catalog.program_columns import check_columns, relies_on_known_validators
from carenav.catalog.program_rows import COLUMNS
from carenav.synthetic import synthetic_table


def test_the_column_check_is_cut_for_exactly_the_validators_the_models_have() -> None:
    # A validator added to Program, Address, Schedule, Payment or ProgramBilling must be
    # placed in a part of carenav.catalog.program_columns (KNOWN_VALIDATORS, JOINT) first;
    # until then nothing is settled by columns and `carenav validate` slows to a row at a time.
    assert relies_on_known_validators()


def test_a_valid_directory_is_settled_by_columns_with_each_rows_id_and_levels() -> None:
    table = synthetic_table(300, seed=3)[list(COLUMNS)]

    settled = check_columns(table)

    assert settled.passed.all()
    assert settled.row(0) == (table.at[0, "id"], tuple(table.at[0, "levels"].split(";")))
    assert settled.ids == table["id"].tolist()


def test_a_row_that_breaks_a_rule_across_columns_is_left_to_the_per_row_check() -> None:
    table = synthetic_table(40, seed=5)[list(COLUMNS)]
    billed = table.index[table["charge"] != ""][0]
    table.at[billed, "meeting_days"] = ""  # billing without the days it bills
    table.at[1, "longitude"] = ""  # a latitude without its longitude

    settled = check_columns(table)

    assert settled.row(billed) is None
    assert settled.row(1) is None
    assert settled.passed.sum() == len(table) - len({billed, 1})
