"""`dbt docs generate` works and the docs site explains every mart column and metric.

Runs `dbt docs generate` on the demo marts (built once, see demo_marts.py):
the catalog (read from the database) must hold every mart with the columns
it really has, and the manifest must describe each of those columns and
every MetricFlow metric.
"""

from __future__ import annotations

import json

import pytest
from dbt_project_runner import PROJECT_DIR
from demo_marts import demo_marts

MART_FILES = {path.stem for path in (PROJECT_DIR / "models" / "marts").rglob("*") if path.suffix in (".sql", ".py")}


@pytest.fixture(scope="module")
def docs() -> tuple[dict, dict]:
    project = demo_marts()
    result = project.run("docs", "generate")
    assert result.returncode == 0, result.stdout[-3000:]

    def read(name: str) -> dict:
        return json.loads((project.target_path / name).read_text())

    return read("manifest.json"), read("catalog.json")


def marts(manifest: dict) -> dict[str, dict]:
    return {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")
    }


def test_catalog_holds_every_mart_and_the_docs_describe_its_columns(docs):
    manifest, catalog = docs
    mart_nodes = marts(manifest)
    assert {node["name"] for node in mart_nodes.values()} == MART_FILES
    assert set(mart_nodes) <= set(catalog["nodes"])
    for unique_id, node in mart_nodes.items():
        built = {name.lower() for name in catalog["nodes"][unique_id]["columns"]}
        described = {name.lower() for name, column in node["columns"].items() if column["description"].strip()}
        assert built, f"{node['name']} has no column in the catalog"
        assert built <= described, f"{node['name']}: columns without a description {sorted(built - described)}"
        assert node["description"].strip(), f"{node['name']} has no description"


def test_docs_explain_every_metric(docs):
    manifest, _ = docs
    assert manifest["metrics"]
    undescribed = [metric["name"] for metric in manifest["metrics"].values() if not metric["description"].strip()]
    assert undescribed == []
