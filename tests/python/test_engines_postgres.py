"""PostgreSQL end to end: the marts equal DuckDB's, and the BI role reads marts only.

Run by `make test-postgres` (scripts/engines/test_postgres.sh), which starts a
private PostgreSQL server, loads the raw data, runs `dbt build --target
postgres` and builds DuckDB on the same data. Skipped unless
SAAS_RETENTION_ENGINE_TESTS lists `postgres`.
"""

from __future__ import annotations

import os
from functools import partial

import pytest

from saas_retention.engines.checks import engine_under_test, manifest_relations, required_path
from saas_retention.engines.compare import (
    REVENUE_MARTS, TableData, marts_differing_in_shape, revenue_mart_differences,
)

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
    assert revenue_mart_differences(reference, partial(_postgres_table, connection), mart) == []


def test_every_mart_has_duckdbs_columns_and_row_count(reference, relations, connection):
    assert marts_differing_in_shape(reference, partial(_postgres_table, connection), relations[MARTS_SCHEMA]) == {}


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
