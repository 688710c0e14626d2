"""The Spark half of `make test-spark`, in one process so the JVM starts once.

    python scripts/engines/spark_check.py --raw-path DIR --target-path DIR

1. starts the Spark session of the profile's `spark` output (DBT_SPARK_DIR),
2. loads the raw CSV files into the database `raw` (contract types),
3. runs `dbt build --target spark` (every model, data test and unit test)
   in-process (dbt-spark's session method reuses the running session),
4. runs tests/python/test_engines_spark.py against the DuckDB reference named
   by SAAS_RETENTION_REFERENCE_DUCKDB.

Exits non-zero when the build or a check fails. Starting the JVM and the
Hive metastore costs 20-60 s each time, which is why this is not three
commands.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pytest
from dbt.cli.main import dbtRunner

from saas_retention.engines import spark

PROJECT_DIR = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-path", type=Path, required=True)
    parser.add_argument("--target-path", type=Path, required=True, help="dbt target path of the Spark build")
    args = parser.parse_args()
    started = time.perf_counter()

    def step(message: str) -> None:
        print(f"== [{time.perf_counter() - started:.0f}s] {message}", flush=True)

    step("start Spark")
    session = spark.session(spark.profile_spark_conf(PROJECT_DIR))
    step(f"load raw files from {args.raw_path}")
    spark.load_raw(session, args.raw_path)

    step("dbt build --target spark")
    build = dbtRunner().invoke(
        [
            "build",
            "--target", "spark",
            "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR),
            "--target-path", str(args.target_path),
        ]
    )
    if not build.success:
        print("dbt build on Spark failed", file=sys.stderr)
        return 1

    step("pytest: spark marts against DuckDB")
    os.environ["SAAS_RETENTION_ENGINE_TESTS"] = "spark"
    os.environ["SAAS_RETENTION_ENGINE_MANIFEST"] = str(args.target_path / "manifest.json")
    status = pytest.main(["-p", "no:cacheprovider", str(PROJECT_DIR / "tests/python/test_engines_spark.py")])
    session.stop()
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
