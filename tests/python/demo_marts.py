"""The marts of the bundled demo data, built once per pytest process.

test_metricflow.py and test_dashboard.py both need the marts the dashboard
reads and the semantic layer's models; building them costs about two
minutes, so the first caller builds them (`dbt run`, no tests: `make test`
runs every data test in its own `dbt build`) into a temporary DuckDB file and
later callers reuse it.

The work folder doubles as a MetricFlow project root: `mf` reads
`<project root>/target/semantic_manifest.json`, so the folder holds a link to
the project's dbt_project.yml and dbt writes its target there.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import sys
import tempfile
from pathlib import Path

from dbt_project_runner import PROJECT_DIR, DbtProject

if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from dashboard.data import MARTS  # noqa: E402

DEMO_RAW_PATH = PROJECT_DIR / "data" / "demo"
# Models the semantic layer reads besides the dashboard's marts.
SEMANTIC_LAYER_MODELS = (
    "metricflow_time_spine",
    "customers",
    "customer_health_monthly",
    "int_survey_responses_scored",
    "unit_economics_monthly",
    "customer_segments",
)


def _model_exists(name: str) -> bool:
    return any((PROJECT_DIR / "models").rglob(f"{name}.sql")) or any((PROJECT_DIR / "models").rglob(f"{name}.py"))


def selected_models() -> list[str]:
    """Every model to build (with its parents): the dashboard's marts that exist, and the semantic layer's."""
    names = [name for name in (*MARTS, *SEMANTIC_LAYER_MODELS) if _model_exists(name)]
    return [f"+{name}" for name in names]


@functools.cache
def demo_marts() -> DbtProject:
    """The project built on the demo data (once per process); raises with dbt's output when the build fails."""
    work_dir = Path(tempfile.mkdtemp(prefix="saas_retention_demo_marts_"))
    atexit.register(shutil.rmtree, work_dir, ignore_errors=True)
    (work_dir / "dbt_project.yml").symlink_to(PROJECT_DIR / "dbt_project.yml")
    project = DbtProject(work_dir, DEMO_RAW_PATH)
    result = project.run("run", "--select", *selected_models())
    if result.returncode != 0:
        raise RuntimeError(f"dbt run on the demo data failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    return project
