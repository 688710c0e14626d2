"""`python -m saas_retention.bench`: generate, build, append a day, compare with the floor.

Prints a table and writes the full results as JSON (default
bench_results/bench-<UTC time>.json) so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from saas_retention.bench import report
from saas_retention.bench.datasets import prepare_dataset
from saas_retention.bench.runner import BenchFailed, bench_size

DEFAULT_SIZES = (1_000, 10_000, 50_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="customers per run")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/saas_retention_bench"))
    parser.add_argument("--json", type=Path, default=None, help="results file (default bench_results/...)")
    parser.add_argument(
        "--dbt-args", default="--exclude test_type:unit tag:model_quality",
        help="extra dbt build arguments (default skips unit tests, which do not depend on data size, and the "
             "model-quality goal tests, which judge the demo data's models, not speed)",
    )
    args = parser.parse_args(argv)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    json_path = args.json or Path("bench_results") / f"bench-{stamp}.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    for customers in args.sizes:
        size_dir = args.work_dir / f"customers_{customers}"
        print(f"[bench] {customers:,} customers: generating ...", flush=True)
        dataset = prepare_dataset(customers, args.seed, size_dir)
        print(f"[bench] {customers:,} customers: {dataset.rows_in:,} rows in; building ...", flush=True)
        try:
            rows.append(bench_size(dataset, size_dir, args.dbt_args.split()))
        except BenchFailed as error:
            print(error, file=sys.stderr)
            return 1
        # written after every size, so a later size that fails keeps the earlier figures
        exponent = report.growth_exponent([row["rows_in"] for row in rows], [row["full_build_s"] for row in rows])
        json_path.write_text(json.dumps({"sizes": rows, "growth_exponent": exponent}, indent=2))
    print(report.format_table(rows, exponent))
    print(f"results written to {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
