"""The Python contract and the dbt sources declare the same raw tables and columns."""

from pathlib import Path

import yaml

from saas_retention.contract import TABLES

STAGING_DIR = Path(__file__).resolve().parents[2] / "models" / "staging"


def _declared_sources() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    declared = {}
    for sources_file in STAGING_DIR.glob("*/_*__sources.yml"):
        for source in yaml.safe_load(sources_file.read_text())["sources"]:
            for table in source["tables"]:
                columns = [(column["name"], column["data_type"]) for column in table["columns"]]
                declared[table["name"]] = (source["name"], columns)
    return declared


def test_every_contract_table_is_a_dbt_source_with_the_same_columns_and_types():
    declared = _declared_sources()
    assert set(declared) == set(TABLES)
    for name, table in TABLES.items():
        source_name, columns = declared[name]
        assert source_name == table.source, name
        assert columns == [(column.name, column.type) for column in table.columns], name


def test_every_source_column_is_described():
    for sources_file in STAGING_DIR.glob("*/_*__sources.yml"):
        for source in yaml.safe_load(sources_file.read_text())["sources"]:
            for table in source["tables"]:
                assert table.get("description"), table["name"]
                for column in table["columns"]:
                    assert column.get("description"), f"{table['name']}.{column['name']}"
