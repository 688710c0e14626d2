# Shared by test_postgres.sh and test_spark.sh (sourced, not run).
#
# Settings (environment):
#   RAW_PATH         raw CSV folder to load and build on (default data/demo)
#   ENGINE_WORK_DIR  folder for the engine's data, the DuckDB reference and
#                    the dbt target paths (default: a new folder under /tmp,
#                    removed after a passing run, kept after a failing one)
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$PROJECT_DIR"
PY=$PROJECT_DIR/.venv/bin/python
DBT=$PROJECT_DIR/.venv/bin/dbt
export DO_NOT_TRACK=1 DBT_PROFILES_DIR=$PROJECT_DIR

RAW_PATH=$(realpath "${RAW_PATH:-data/demo}")
if [[ ! -f $RAW_PATH/customers.csv ]]; then
    echo "No raw CSV files in $RAW_PATH (set RAW_PATH to a folder of contract tables)" >&2
    exit 1
fi

WORK_DIR=${ENGINE_WORK_DIR:-$(mktemp -d /tmp/saas_retention_engines.XXXXXX)}
mkdir -p "$WORK_DIR"
# Server processes run as other users (postgres) and must reach their folders.
chmod a+rx "$WORK_DIR"
export DBT_LOG_PATH=$WORK_DIR/logs

STARTED_AT=$SECONDS
step() {
    echo "== [$((SECONDS - STARTED_AT))s] $*"
}

# EXIT trap: remove the work folder only after a passing run that created it.
# Takes the exit status as an argument when another handler ran first.
finish() {
    local status=${1:-$?}
    if [[ $status -eq 0 && -z ${ENGINE_WORK_DIR:-} ]]; then
        rm -rf "$WORK_DIR"
    elif [[ $status -ne 0 ]]; then
        echo "Failed after $((SECONDS - STARTED_AT))s; work files and dbt logs kept in $WORK_DIR" >&2
    fi
    exit "$status"
}

# The same project on DuckDB, on the same raw files: what the engine must equal.
build_duckdb_reference() {
    step "dbt run on DuckDB (reference)"
    DBT_DUCKDB_PATH=$WORK_DIR/reference.duckdb DBT_TARGET_PATH=$WORK_DIR/target_duckdb \
        "$DBT" run --quiet --vars "{raw_path: '$RAW_PATH'}"
}
