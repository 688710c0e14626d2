"""PostgreSQL end to end: the marts equal DuckDB's, and the BI role reads marts only.

Run by `make test-postgres` (scripts/engines/test_postgres.sh), which starts a
private PostgreSQL server, loads the raw data, runs `dbt build --target
postgres` and builds DuckDB on the same data. Skipped unless
SAAS_RETENTION_ENGINE_TESTS lists `postgres`.
"""

from __future__ import annotations

import os

import pytest

from saas_retention.engines.checks import engine_under_test, manifest_relations, required_path
from saas_retention.engines.compare import REVENUE_MARTS, TableData, duckdb_table, table_differences

pytestmark = pytest.mark.skipif(
    not engine_under_test("postgres"), reason="PostgreSQL checks run with make test-postgres"
)

MARTS_SCHEMA = "marts"


@pytest.fixture(scope="module")
def reference():
    return required_path("SAAS_RETENTION_REFERENCE_DUCKDB")


@pytest.fixture(scope="module")
def relations():
    return manifest_relations(required_path("SAAS_RETENTION_ENGINE_MANIFEST"))


@pytest.fixture(scope="module")
def connection():
    from saas_retention.engines import postgres

    connection = postgres.connect()
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def bi_connection():
    from saas_retention.engines import postgres

    connection = postgres.connect(
        user=os.environ.get("BI_READER_ROLE", "bi_reader"),
        password=os.environ.get("BI_READER_PASSWORD", "bi_reader"),
    )
    # Every refused query is its own transaction.
    connection.autocommit = True
    yield connection
    connection.close()


def _postgres_table(connection, relation: str) -> TableData:
    from saas_retention.engines import postgres

    return TableData(*postgres.fetch_table(connection, relation))


@pytest.mark.parametrize("mart", sorted(REVENUE_MARTS))
def test_revenue_mart_equals_duckdb(mart, reference, connection):
    expected = duckdb_table(reference, f"{MARTS_SCHEMA}.{mart}")
    actual = _postgres_table(connection, f"{MARTS_SCHEMA}.{mart}")
    assert expected.rows, f"{mart} is empty on DuckDB: nothing was compared"
    assert table_differences(expected, actual, REVENUE_MARTS[mart]) == []


def test_every_mart_has_duckdbs_columns_and_row_count(reference, relations, connection):
    differing = {}
    for mart in relations[MARTS_SCHEMA]:
        expected = duckdb_table(reference, f"{MARTS_SCHEMA}.{mart}")
        actual = _postgres_table(connection, f"{MARTS_SCHEMA}.{mart}")
        if (expected.columns, len(expected.rows)) != (actual.columns, len(actual.rows)):
            differing[mart] = ((expected.columns, len(expected.rows)), (actual.columns, len(actual.rows)))
    assert differing == {}


def test_bi_reader_can_read_every_mart(relations, bi_connection):
    unreadable = {}
    for mart in relations[MARTS_SCHEMA]:
        try:
            with bi_connection.cursor() as cursor:
                cursor.execute(f"select count(*) from {MARTS_SCHEMA}.{mart}")
        except Exception as error:  # noqa: BLE001 - the error is the finding
            unreadable[mart] = str(error).strip()
    assert unreadable == {}


def test_bi_reader_is_refused_raw_staging_and_intermediate(relations, bi_connection):
    import psycopg2

    assert {"raw", "staging", "intermediate"} <= relations.keys()
    readable = []
    for schema, names in relations.items():
        if schema == MARTS_SCHEMA:
            continue
        for name in names:
            try:
                with bi_connection.cursor() as cursor:
                    cursor.execute(f"select count(*) from {schema}.{name}")
                readable.append(f"{schema}.{name}")
            except psycopg2.errors.InsufficientPrivilege:
                pass
    assert readable == []
