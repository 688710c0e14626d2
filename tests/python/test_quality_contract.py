"""The dbt data-quality checks and the GX suites know the same contract as saas_retention.contract."""

from __future__ import annotations

from pathlib import Path

import jinja2
import yaml

from saas_retention.contract import ACCEPTED_VALUES, TABLES
from saas_retention.quality.expectations import DATA_QUALITY_RULES

PROJECT_DIR = Path(__file__).resolve().parents[2]
MACRO_FILE = PROJECT_DIR / "macros" / "data_quality" / "data_quality_tables.sql"


def _dbt_tables() -> dict:
    """The dict returned by the dbt macro data_quality_tables(), rendered with plain Jinja."""
    returned = []
    environment = jinja2.Environment(extensions=["jinja2.ext.do"])
    environment.globals["return"] = lambda value: returned.append(value) or ""
    environment.from_string(MACRO_FILE.read_text() + "{{ data_quality_tables() }}").render()
    return returned[0]


def test_every_contract_table_is_checked_with_its_keys_and_required_columns():
    tables = _dbt_tables()
    assert list(tables) == list(TABLES)
    for name, table in TABLES.items():
        assert tables[name]["source"] == table.source, name
        assert tuple(tables[name]["primary_key"]) == table.primary_key, name
        assert tuple(tables[name]["required"]) == table.required_columns, name
        for column in tables[name].get("unique_key", []):
            assert column in table.column_names, (name, column)


def test_accepted_values_are_the_contract_ones():
    dbt_values = {
        (name, column): tuple(values)
        for name, spec in _dbt_tables().items()
        for column, values in spec["accepted_values"].items()
    }
    assert dbt_values == ACCEPTED_VALUES


def test_the_gx_suite_of_data_quality_issues_knows_every_rule():
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    assert list(project["vars"]["data_quality_rule_severity"]) == DATA_QUALITY_RULES
