# Two commands do everything on a fresh machine (see README):
#   make demo   build the marts on the bundled demo data and print the KPIs
#   make test   lint, dbt build with every data and unit test, pytest
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

export DO_NOT_TRACK := 1
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_DUCKDB_PATH ?= $(CURDIR)/saas_retention.duckdb

.PHONY: install demo test lint build pytest clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	rm -f $(VENV)/.installed-*
	touch $@

demo: install
	$(BIN)/dbt build --quiet --exclude "test_type:unit"
	$(BIN)/python -m saas_retention.summary

test: install lint build validate dashboard-deps pytest

lint: install
	$(BIN)/sqlfluff lint

build: install
	$(BIN)/dbt build

pytest: install
	$(BIN)/python -m pytest

clean:
	rm -rf target logs $(DBT_DUCKDB_PATH) $(DBT_DUCKDB_PATH).wal

# Other engines (README "Other engines"): each installs what it needs (the
# pyproject extra, the server or Java), runs dbt build on the engine and checks
# its marts equal DuckDB's to the cent. RAW_PATH (default data/demo) picks the data.
.PHONY: test-postgres test-spark
PYPROJECT_HASH := $(shell sha1sum pyproject.toml | cut -c1-12)
POSTGRES_STAMP := $(VENV)/.installed-postgres-$(PYPROJECT_HASH)
SPARK_STAMP := $(VENV)/.installed-spark-$(PYPROJECT_HASH)

$(POSTGRES_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	touch $@

$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[spark]'
	touch $@

test-postgres: install $(POSTGRES_STAMP)
	bash scripts/engines/test_postgres.sh

test-spark: install $(SPARK_STAMP)
	bash scripts/engines/test_spark.sh

# Benchmark (README "Performance"): generated data at 1k, 10k and 50k
# customers, full build and one-day incremental append, peak memory, slowest
# models and the hand-written DuckDB floor. Not part of `make test` (which runs
# a small smoke of it); BENCH_ARGS overrides, e.g. BENCH_ARGS="--sizes 1000 5000".
.PHONY: bench
bench: install
	$(BIN)/python -m saas_retention.bench $(BENCH_ARGS)

# Great Expectations checkpoints (README "Data quality"): the raw files in
# RAW_PATH and, once built, the key marts in DBT_DUCKDB_PATH. Exits non-zero
# when an expectation fails; HTML data docs in gx/uncommitted/data_docs/.
.PHONY: validate
RAW_PATH ?= data/demo
validate: install
	$(BIN)/python -m saas_retention.quality --raw-path $(RAW_PATH) \
		$(if $(wildcard $(DBT_DUCKDB_PATH)),--database $(DBT_DUCKDB_PATH))

# Dashboard (README "Dashboard"): `make dashboard` serves the Streamlit app on
# http://localhost:$(DASHBOARD_PORT) over the marts in DBT_DUCKDB_PATH, building
# them first (`make demo`) when the database does not exist yet.
# `dashboard-deps` installs Debian's chromium for the dashboard's browser test.
.PHONY: dashboard dashboard-deps
DASHBOARD_PORT ?= 8501
dashboard: install
	test -f $(DBT_DUCKDB_PATH) || $(MAKE) demo
	$(BIN)/streamlit run dashboard/app.py --server.port $(DASHBOARD_PORT) --server.headless true \
		--browser.gatherUsageStats false -- --database $(DBT_DUCKDB_PATH)

dashboard-deps:
	command -v chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
