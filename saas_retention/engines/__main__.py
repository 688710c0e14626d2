"""Load raw CSV files into another engine's `raw` schema.

    python -m saas_retention.engines load-postgres --raw-path DIR [--schema raw]
    python -m saas_retention.engines load-spark --raw-path DIR [--schema raw] [--profiles-dir .]

PostgreSQL connection: DBT_POSTGRES_* variables (see profiles.yml). Spark:
the `spark` output of profiles.yml (DBT_SPARK_DIR).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m saas_retention.engines", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["load-postgres", "load-spark"])
    parser.add_argument("--raw-path", type=Path, required=True, help="folder with one <table>.csv per contract table")
    parser.add_argument("--schema", default="raw", help="schema (Spark: database) to create the tables in")
    parser.add_argument("--profiles-dir", type=Path, default=Path("."), help="folder of profiles.yml (Spark)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.command == "load-postgres":
        from saas_retention.engines import postgres

        with postgres.connect() as connection:
            loaded = postgres.load_raw(connection, args.raw_path, args.schema)
        connection.close()
    else:
        from saas_retention.engines import spark

        session = spark.session(spark.profile_spark_conf(args.profiles_dir))
        try:
            loaded = spark.load_raw(session, args.raw_path, args.schema)
        finally:
            session.stop()
    print(
        f"loaded {len(loaded)} raw tables from {args.raw_path} into {args.command.removeprefix('load-')} "
        f"schema {args.schema} in {time.perf_counter() - started:.1f}s"
    )


if __name__ == "__main__":
    main()
