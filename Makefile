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

test: install lint build pytest

lint: install
	$(BIN)/sqlfluff lint

build: install
	$(BIN)/dbt build

pytest: install
	$(BIN)/python -m pytest

clean:
	rm -rf target logs $(DBT_DUCKDB_PATH) $(DBT_DUCKDB_PATH).wal
