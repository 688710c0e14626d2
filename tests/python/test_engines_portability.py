"""Static checks that keep the project runnable on PostgreSQL and Spark.

Cheap guards run by every `make test`, for mistakes that only the engine
runs (`make test-postgres`, `make test-spark`) would otherwise reveal.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from dbt_project_runner import DbtProject

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"

# dbt-postgres refuses a relation name longer than PostgreSQL's 63-byte
# identifiers, and it names each unit test's relation after the unit test.
POSTGRES_MAX_IDENTIFIER = 63

# The contract type names that macros/engines/contract_types.sql knows how to
# spell on every engine (README "Other engines").
PORTABLE_CONTRACT_TYPES = {"varchar", "double", "bigint", "integer", "date", "timestamp", "boolean"}
DECIMAL = re.compile(r"decimal\(\d+,\s*\d+\)")

# A division of a decimal literal (`230.0 / 3`): Spark keeps it a decimal of
# six places (76.666667), DuckDB makes it a double; `230e0 / 3` is a double on both.
DECIMAL_DIVISION = re.compile(r"\b\d+\.\d+\s*/")


def _yaml_entries(pattern: str, key: str) -> list[dict]:
    entries = []
    for path in MODELS_DIR.glob(pattern):
        entries.extend((yaml.safe_load(path.read_text()) or {}).get(key) or [])
    return entries


def test_model_and_unit_test_names_fit_postgres_identifiers():
    names = [path.stem for path in MODELS_DIR.rglob("*.sql")] + [path.stem for path in MODELS_DIR.rglob("*.py")]
    names += [unit_test["name"] for unit_test in _yaml_entries("**/_*__unit_tests.yml", "unit_tests")]
    too_long = {name: len(name) for name in names if len(name) > POSTGRES_MAX_IDENTIFIER}
    assert too_long == {}


def test_mart_contract_types_are_portable():
    unportable = {}
    for model in _yaml_entries("marts/**/_*__models.yml", "models"):
        for column in model.get("columns") or []:
            data_type = str(column.get("data_type", "")).strip().lower()
            if data_type not in PORTABLE_CONTRACT_TYPES and not DECIMAL.fullmatch(data_type):
                unportable[f"{model['name']}.{column['name']}"] = data_type
    assert unportable == {}


def test_sql_unit_test_rows_divide_doubles():
    decimal_divisions = {}
    for unit_test in _yaml_entries("**/_*__unit_tests.yml", "unit_tests"):
        fixtures = [*unit_test.get("given", []), unit_test.get("expect", {})]
        sql = " ".join(fixture["rows"] for fixture in fixtures if fixture.get("format") == "sql")
        if DECIMAL_DIVISION.search(sql):
            decimal_divisions[unit_test["name"]] = DECIMAL_DIVISION.findall(sql)
    assert decimal_divisions == {}


@pytest.mark.parametrize("target", ["postgres", "spark"])
def test_project_parses_on_other_engines(tmp_path, target):
    """Nodes disabled off DuckDB (Python models) leave no dangling reference,
    e.g. an exposure that depends on one; dbt parse needs no connection, only
    the adapter (installed by `make test-postgres` / `make test-spark`, whose
    builds fail on the same error; here it is caught without a server)."""
    pytest.importorskip(f"dbt.adapters.{target}", reason=f"dbt-{target} is not installed")
    project = DbtProject(tmp_path, raw_path=tmp_path)
    result = project.run("parse", "--target", target)
    assert result.returncode == 0, result.stdout[-3000:]
