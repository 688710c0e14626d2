"""Apache Spark end to end: the SQL marts equal DuckDB's.

Run by `make test-spark` (scripts/engines/test_spark.sh), which loads the raw
data into a local Spark warehouse, runs `dbt build --target spark` and builds
DuckDB on the same data. Skipped unless SAAS_RETENTION_ENGINE_TESTS lists
`spark`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from saas_retention.engines.checks import engine_under_test, manifest_relations, required_path
from saas_retention.engines.compare import (
    REVENUE_MARTS, TableData, marts_differing_in_shape, revenue_mart_differences,
)

pytestmark = pytest.mark.skipif(not engine_under_test("spark"), reason="Spark checks run with make test-spark")

MARTS_SCHEMA = "marts"
PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reference():
    return required_path("SAAS_RETENTION_REFERENCE_DUCKDB")


@pytest.fixture(scope="module")
def relations():
    return manifest_relations(required_path("SAAS_RETENTION_ENGINE_MANIFEST"))


@pytest.fixture(scope="module")
def spark():
    from saas_retention.engines import spark

    session = spark.session(spark.profile_spark_conf(PROJECT_DIR))
    yield session
    session.stop()


def _spark_table(session, relation: str) -> TableData:
    from saas_retention.engines import spark

    return TableData(*spark.fetch_table(session, relation))


@pytest.mark.parametrize("mart", sorted(REVENUE_MARTS))
def test_revenue_mart_equals_duckdb(mart, reference, spark):
    assert revenue_mart_differences(reference, partial(_spark_table, spark), mart) == []


def test_every_mart_has_duckdbs_columns_and_row_count(reference, relations, spark):
    assert marts_differing_in_shape(reference, partial(_spark_table, spark), relations[MARTS_SCHEMA]) == {}
