"""The marts of the bundled demo data, built once per pytest process.

test_metricflow.py, test_dashboard.py and test_docs.py need the marts (the
dashboard's, the semantic layer's, every mart for the docs catalog) and
their parents; building them costs about two minutes, so the first caller
builds them (`dbt run`, no tests: `make test` runs every data test in its own
`dbt build`) into a temporary DuckDB file and later callers reuse it.

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

# The dashboard's tests import the `dashboard` package from the project folder.
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

DEMO_RAW_PATH = PROJECT_DIR / "data" / "demo"
# Every mart with its parents: the dashboard's marts and the semantic layer's models are among them.
SELECTION = "+path:models/marts"


@functools.cache
def demo_marts() -> DbtProject:
    """The project built on the demo data (once per process); raises with dbt's output when the build fails."""
    work_dir = Path(tempfile.mkdtemp(prefix="saas_retention_demo_marts_"))
    atexit.register(shutil.rmtree, work_dir, ignore_errors=True)
    (work_dir / "dbt_project.yml").symlink_to(PROJECT_DIR / "dbt_project.yml")
    project = DbtProject(work_dir, DEMO_RAW_PATH)
    result = project.run("run", "--select", SELECTION)
    if result.returncode != 0:
        raise RuntimeError(f"dbt run on the demo data failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    return project
