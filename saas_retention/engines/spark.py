"""Load raw CSV files into Spark and read tables back (pyspark, in-process).

The Spark session is configured from the `spark` output of profiles.yml
(`server_side_parameters`), so loading, dbt and the checks share one Hive
metastore and warehouse (under DBT_SPARK_DIR).
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import yaml

from saas_retention.contract import TABLES
from saas_retention.engines.raw_files import check_columns, csv_header, raw_csv_path, spark_type

PROFILE_NAME = "saas_retention"

# dbt-spark forces ANSI mode off for every session it opens; so do we.
_DBT_SPARK_FIXED = {"spark.sql.ansi.enabled": "false"}


def _env_var(name: str, default: str | None = None) -> str:
    if name in os.environ:
        return os.environ[name]
    if default is None:
        raise KeyError(f"environment variable {name} is not set")
    return default


def profile_spark_conf(profiles_dir: Path) -> dict[str, str]:
    """The Spark settings of the profile's `spark` output, rendered like dbt renders them (env_var)."""
    profiles = yaml.safe_load((Path(profiles_dir) / "profiles.yml").read_text())
    parameters = profiles[PROFILE_NAME]["outputs"]["spark"].get("server_side_parameters", {})
    environment = jinja2.Environment()
    environment.globals["env_var"] = _env_var
    rendered = {key: environment.from_string(str(value)).render() for key, value in parameters.items()}
    return {**rendered, **_DBT_SPARK_FIXED}


def session(conf: dict[str, str]):
    """The process's Spark session with Hive support and `conf` (pyspark is the optional `spark` dependency)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("saas_retention").enableHiveSupport()
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def load_raw(spark, raw_path: Path, database: str = "raw") -> list[str]:
    """Create every contract table in `database` from `<raw_path>/<table>.csv`, typed as the contract says.

    Files are read as text (unquoted empty fields are null, quotes are
    doubled as in RFC 4180, fields may span lines) and cast to the contract
    types (a value that does not cast becomes null, as on DuckDB); tables are
    written as Parquet. Returns the tables loaded.
    """
    from pyspark.sql import functions

    spark.sql(f"create database if not exists {database}")
    loaded = []
    for table in TABLES.values():
        path = raw_csv_path(Path(raw_path), table)
        check_columns(table, csv_header(path), path)
        text = (
            spark.read.option("header", True)
            .option("inferSchema", False)
            .option("escape", '"')
            .option("multiLine", True)
            .csv(str(Path(path).resolve()))
        )
        typed = text.select(
            [
                functions.col(f"`{column.name}`").cast(spark_type(column.type)).alias(column.name)
                for column in table.columns
            ]
        )
        typed.write.mode("overwrite").format("parquet").saveAsTable(f"{database}.{table.name}")
        loaded.append(table.name)
    return loaded


def fetch_table(spark, relation: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of a table; timestamps as naive UTC datetimes like DuckDB's and PostgreSQL's."""
    from pyspark.sql import functions
    from pyspark.sql.types import TimestampType

    frame = spark.table(relation)
    # A Spark `timestamp` is an instant shown in the session time zone (UTC in
    # the profile); as timestamp_ntz it is collected as that wall-clock time
    # instead of the Python process's local time.
    frame = frame.select(
        [
            functions.col(field.name).cast("timestamp_ntz").alias(field.name)
            if isinstance(field.dataType, TimestampType)
            else functions.col(field.name)
            for field in frame.schema.fields
        ]
    )
    return frame.columns, [tuple(row) for row in frame.collect()]
