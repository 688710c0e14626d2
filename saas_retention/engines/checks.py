"""Settings of the engine test modules (tests/python/test_engines_*.py).

The scripts under scripts/engines/ start an engine, build the project on it
and on DuckDB, then run pytest with:

- SAAS_RETENTION_ENGINE_TESTS   engines under test, comma-separated (`postgres`, `spark`);
                                the modules skip every test of an engine not listed
- SAAS_RETENTION_REFERENCE_DUCKDB   DuckDB file built on the same raw data
- SAAS_RETENTION_ENGINE_MANIFEST    manifest.json of the build on the engine
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ENGINES_VARIABLE = "SAAS_RETENTION_ENGINE_TESTS"


def engine_under_test(engine: str) -> bool:
    """Whether the run asked for the end-to-end tests of `engine`."""
    requested = os.environ.get(ENGINES_VARIABLE, "")
    return engine in {name.strip() for name in requested.split(",")}


def required_path(variable: str) -> Path:
    """The existing file named by an environment variable, or a clear error."""
    value = os.environ.get(variable)
    if not value or not Path(value).is_file():
        raise FileNotFoundError(f"{variable} must name an existing file (got {value!r}); run scripts/engines/")
    return Path(value)


def manifest_relations(manifest: Path) -> dict[str, list[str]]:
    """Relations the build made or read, by schema: enabled models (not ephemeral) and sources."""
    nodes = json.loads(Path(manifest).read_text())
    relations: dict[str, list[str]] = {}
    models = [
        node
        for node in nodes["nodes"].values()
        if node["resource_type"] == "model" and node["config"]["materialized"] != "ephemeral"
    ]
    for node in [*models, *nodes["sources"].values()]:
        relations.setdefault(node["schema"], []).append(node.get("alias") or node["identifier"])
    return {schema: sorted(names) for schema, names in relations.items()}
