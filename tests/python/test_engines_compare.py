"""The engine checks' own logic: value and table comparison, type names, settings.

Pure functions on hand-made inputs; no engine is started (the end-to-end
modules test_engines_postgres.py / test_engines_spark.py need `make
test-postgres` / `make test-spark`).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from saas_retention.contract import TABLES
from saas_retention.engines.checks import engine_under_test, manifest_relations
from saas_retention.engines.compare import (
    TableData, floats_agree, marts_differing_in_shape, revenue_mart_differences, table_differences, values_agree,
)
from saas_retention.engines.raw_files import check_columns, postgres_type, spark_type
from saas_retention.engines.spark import profile_spark_conf

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_floats_agree_up_to_rounding_noise_and_never_past_half_a_cent():
    # 166.67 computed two ways differs in the 14th digit: equal.
    assert floats_agree(2000 / 12, 166.66666666666669)
    # One cent on an amount is a difference, however large the amount.
    assert not floats_agree(206901.09, 206901.10)
    assert not floats_agree(1e12, 1e12 + 0.01)
    # Rates are held to a relative 1e-9: 0.3333333 (7 digits) is not 1/3.
    assert not floats_agree(1 / 3, 0.3333333)
    assert floats_agree(0.0, 1e-12)


def test_values_agree_treats_nulls_and_non_floats_exactly():
    assert values_agree(None, None)
    assert not values_agree(None, 0.0)
    assert not values_agree(0, None)
    assert values_agree(3, 3.0000000000001)
    assert values_agree(date(2024, 1, 1), date(2024, 1, 1))
    assert not values_agree("new", "New")
    assert not values_agree(True, False)


def test_table_differences_match_rows_on_the_key_whatever_their_order():
    expected = TableData(["month", "mrr"], [(date(2024, 1, 1), 100.0), (date(2024, 2, 1), 2000 / 12)])
    actual = TableData(["month", "mrr"], [(date(2024, 2, 1), 166.66666666666669), (date(2024, 1, 1), 100.0)])
    assert table_differences(expected, actual, ("month",)) == []


def test_table_differences_name_missing_extra_duplicate_rows_and_values():
    expected = TableData(["id", "mrr"], [("a", 1.0), ("b", 2.0), ("c", 3.0)])
    actual = TableData(["id", "mrr"], [("a", 1.0), ("b", 2.01), ("d", 4.0), ("d", 4.0)])
    assert table_differences(expected, actual, ("id",)) == [
        "duplicate key ('d',) in actual",
        "row ('c',) missing",
        "unexpected row ('d',)",
        "row ('b',) column mrr: expected 2.0, got 2.01",
    ]


def test_table_differences_stop_at_different_columns():
    expected = TableData(["id", "mrr"], [("a", 1.0)])
    assert table_differences(expected, TableData(["mrr", "id"], [(1.0, "a")]), ("id",)) == [
        "columns differ: expected ['id', 'mrr'], got ['mrr', 'id']"
    ]


def test_table_differences_cap_the_values_reported():
    expected = TableData(["id", "mrr"], [(str(number), 1.0) for number in range(15)])
    actual = TableData(["id", "mrr"], [(str(number), 2.0) for number in range(15)])
    problems = table_differences(expected, actual, ("id",))
    assert len(problems) == 11
    assert problems[-1] == "... and 5 more differing values"


@pytest.mark.parametrize(
    ("contract_type", "postgres", "spark"),
    [
        ("varchar", "text", "string"),
        ("double", "double precision", "double"),
        ("integer", "integer", "int"),
        ("decimal(5,2)", "numeric(5,2)", "decimal(5,2)"),
        ("decimal(18, 8)", "numeric(18,8)", "decimal(18,8)"),
    ],
)
def test_contract_types_in_engine_names(contract_type, postgres, spark):
    assert postgres_type(contract_type) == postgres
    assert spark_type(contract_type) == spark


def test_every_contract_type_has_engine_names():
    for table in TABLES.values():
        for column in table.columns:
            assert postgres_type(column.type) and spark_type(column.type), f"{table.name}.{column.name}"
    with pytest.raises(ValueError, match="unknown contract type 'money'"):
        postgres_type("money")


def test_missing_contract_columns_are_named():
    plans = TABLES["plans"]
    check_columns(plans, [*plans.column_names, "extra"], Path("plans.csv"))
    with pytest.raises(ValueError, match=r"'plans' \(plans.csv\) is missing contract column\(s\): interval_unit"):
        check_columns(plans, [name for name in plans.column_names if name != "interval_unit"], Path("plans.csv"))


def test_spark_settings_come_from_the_profile_with_env_vars_rendered(monkeypatch):
    monkeypatch.setenv("DBT_SPARK_DIR", "/data/spark")
    conf = profile_spark_conf(PROJECT_DIR)
    assert conf["spark.sql.warehouse.dir"] == "/data/spark/warehouse"
    assert conf["spark.hadoop.javax.jdo.option.ConnectionURL"] == (
        "jdbc:derby:;databaseName=/data/spark/metastore_db;create=true"
    )
    assert conf["spark.sql.session.timeZone"] == "UTC"
    # dbt-spark forces ANSI mode off; the loader and checks must match it.
    assert conf["spark.sql.ansi.enabled"] == "false"


def test_engines_under_test_come_from_a_comma_separated_variable(monkeypatch):
    monkeypatch.setenv("SAAS_RETENTION_ENGINE_TESTS", "postgres, spark")
    assert engine_under_test("postgres") and engine_under_test("spark")
    monkeypatch.setenv("SAAS_RETENTION_ENGINE_TESTS", "postgres")
    assert not engine_under_test("spark")
    monkeypatch.delenv("SAAS_RETENTION_ENGINE_TESTS")
    assert not engine_under_test("postgres")


def test_manifest_relations_group_models_and_sources_by_schema(tmp_path):
    def model(schema, alias, materialized="table"):
        return {"resource_type": "model", "schema": schema, "alias": alias, "config": {"materialized": materialized}}

    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "nodes": {
                    "model.p.customers": model("marts", "customers"),
                    "model.p.stg": model("staging", "stg_billing__plans", "view"),
                    "model.p.helper": model("intermediate", "helper", "ephemeral"),
                    "test.p.unique": {"resource_type": "test", "schema": "dbt_test", "alias": "unique"},
                },
                "sources": {"source.p.billing.plans": {"schema": "raw", "identifier": "plans"}},
            }
        )
    )
    assert manifest_relations(manifest) == {
        "marts": ["customers"],
        "staging": ["stg_billing__plans"],
        "raw": ["plans"],
    }


def test_mart_comparison_reads_duckdb_and_the_engine_by_relation(tmp_path):
    reference = tmp_path / "reference.duckdb"
    with duckdb.connect(str(reference)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.customers as select * from (values ('c1', 10.0), ('c2', 20.0)) as t(customer_id, mrr)"
        )
        connection.execute("create table marts.empty_mart (customer_id varchar)")
    engine = {
        "marts.customers": TableData(["customer_id", "mrr"], [("c1", 10.0), ("c2", 20.01)]),
        "marts.empty_mart": TableData(["customer_id"], [("c1",)]),
    }
    differences = revenue_mart_differences(reference, engine.__getitem__, "customers")
    assert len(differences) == 1 and "c2" in differences[0]
    assert marts_differing_in_shape(reference, engine.__getitem__, ["customers", "empty_mart"]) == {
        "empty_mart": ((["customer_id"], 0), (["customer_id"], 1)),
    }
    with pytest.raises(ValueError, match="empty on DuckDB"):
        revenue_mart_differences(reference, engine.__getitem__, "empty_mart")
