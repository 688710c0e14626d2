#!/usr/bin/env bash
# `make test-spark`: the project's SQL models on Apache Spark (dbt-spark, in-process session).
#
# Needs Java 17+ (installed from Debian's packages when missing). Builds
# DuckDB on the raw CSV files of RAW_PATH, then in one Spark process
# (spark_check.py): loads the files into the Spark database `raw` with the
# contract's types, runs `dbt build --target spark` (every SQL model, data
# test and unit test; Python models are DuckDB-only, see README "Other
# engines") and checks with pytest that the revenue marts equal DuckDB's to
# the cent and every mart has DuckDB's columns and row count. The Hive
# metastore (Derby) and the warehouse live in the work folder.
source "$(dirname "$0")/common.sh"

export SPARK_LOCAL_IP=127.0.0.1 TZ=UTC DBT_SPARK_DIR=$WORK_DIR/spark
trap finish EXIT

if ! command -v java >/dev/null; then
    step "install Java (Debian's openjdk-17-jre-headless)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

build_duckdb_reference
step "Spark: load, dbt build, check"
SAAS_RETENTION_REFERENCE_DUCKDB=$WORK_DIR/reference.duckdb \
    "$PY" scripts/engines/spark_check.py --raw-path "$RAW_PATH" --target-path "$WORK_DIR/target_spark"
step "Spark end to end passed"
