"""Great Expectations checks at the edges of the pipeline.

Raw tables of the contract (as delivered, before dbt) and the key marts (as
published, after dbt) are validated with GX Core expectation suites built
from `saas_retention.contract`, run by checkpoints that write GX data docs.
The row-level quarantine inside the pipeline is dbt's (`data_quality_issues`);
README "Data quality" says which layer checks what.

    python -m saas_retention.quality --raw-path data/demo --database saas_retention.duckdb
"""
