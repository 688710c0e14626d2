#!/usr/bin/env bash
# `make test-postgres`: the project on a real PostgreSQL server.
#
# Installs PostgreSQL if missing, starts a private cluster on 127.0.0.1:55432
# (DBT_POSTGRES_PORT), loads the raw CSV files of RAW_PATH into schema `raw`
# with the contract's types, runs `dbt build --target postgres` (every model,
# data test and unit test), builds DuckDB on the same files and checks with
# pytest that the revenue marts equal DuckDB's to the cent, that every mart
# has DuckDB's columns and row count, and that the BI role reads every mart
# and nothing in raw, staging or intermediate. The server stops on exit.
source "$(dirname "$0")/common.sh"

export PG_DIR=$WORK_DIR/postgres
export BI_READER_ROLE=${BI_READER_ROLE:-bi_reader}
SERVER="bash $PROJECT_DIR/scripts/engines/postgres_server.sh"

on_exit() {
    local status=$?
    $SERVER stop || true
    finish "$status"
}
trap on_exit EXIT

step "PostgreSQL server"
$SERVER install
$SERVER start

step "load raw files from $RAW_PATH"
"$PY" -m saas_retention.engines load-postgres --raw-path "$RAW_PATH"

step "dbt build --target postgres"
DBT_TARGET_PATH=$WORK_DIR/target_postgres \
    "$DBT" build --target postgres --vars "{bi_reader_role: '$BI_READER_ROLE'}"

build_duckdb_reference
step "pytest: postgres marts and grants against DuckDB"
SAAS_RETENTION_ENGINE_TESTS=postgres \
    SAAS_RETENTION_REFERENCE_DUCKDB=$WORK_DIR/reference.duckdb \
    SAAS_RETENTION_ENGINE_MANIFEST=$WORK_DIR/target_postgres/manifest.json \
    "$PY" -m pytest -p no:cacheprovider tests/python/test_engines_postgres.py
step "PostgreSQL end to end passed"
