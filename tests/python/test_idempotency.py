"""Building twice gives the same tables: marts after two runs in a row, and the
incremental usage models after an incremental run that follows a full refresh
(amounts to 1e-6: DuckDB's parallel sums may differ in the last bit).

One project on the demo data: a full-refresh run of the revenue and
data-quality marts and of the usage models, a snapshot, a second (incremental)
run of the same selection, a second snapshot.
"""

from __future__ import annotations

import pytest

from dbt_project_runner import PROJECT_DIR, DbtProject

DEMO = PROJECT_DIR / "data" / "demo"
USAGE_MODELS = ["int_user_usage_daily", "int_customer_usage_daily"]
SELECTION = " ".join(
    ["+customer_mrr_monthly", "+mrr_movements_monthly", "+data_quality_issues", "+revenue_reconciliation_monthly"]
    + [f"+{model}" for model in USAGE_MODELS]
)


def _rounded(value):
    # DuckDB sums doubles in parallel, so a total can differ in its last bit from one run
    # to the next; amounts are compared to 1e-6 (far below a cent), everything else exactly.
    return round(value, 6) if isinstance(value, float) else value


def _snapshot(project: DbtProject) -> dict[str, list[tuple]]:
    tables = project.query(
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_schema in ('marts', 'intermediate') and table_type = 'BASE TABLE' order by 1"
    )
    return {
        name: [tuple(_rounded(value) for value in row) for row in project.query(f"select * from {name} order by all")]
        for (name,) in tables
    }


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    project = DbtProject(tmp_path_factory.mktemp("idempotency"), DEMO)
    first = project.run("run", "--select", SELECTION, "--full-refresh")
    assert first.returncode == 0, first.stdout[-4000:]
    before = _snapshot(project)
    second = project.run("run", "--select", SELECTION)
    assert second.returncode == 0, second.stdout[-4000:]
    return before, _snapshot(project), second.stdout


def test_two_runs_in_a_row_give_identical_marts(two_runs):
    before, after, _ = two_runs
    marts = [name for name in before if name.startswith("marts.")]
    assert {"marts.customer_mrr_monthly", "marts.data_quality_issues", "marts.revenue_reconciliation_monthly"} <= set(
        marts
    )
    for name in marts:
        assert after[name] == before[name], name


def test_an_incremental_run_after_a_full_refresh_gives_identical_usage_models(two_runs):
    before, after, second_log = two_runs
    for model in USAGE_MODELS:
        name = f"intermediate.{model}"
        assert len(before[name]) > 1000, name
        assert after[name] == before[name], name
        assert f"incremental model intermediate.{model}" in second_log


def test_every_intermediate_table_is_rebuilt_identically(two_runs):
    before, after, _ = two_runs
    assert before.keys() == after.keys()
    for name in before:
        assert after[name] == before[name], name
