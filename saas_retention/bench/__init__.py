"""Benchmark: generated data at several sizes, full and one-day incremental dbt builds.

`python -m saas_retention.bench` (or `make bench`) prints a table and writes
JSON; see README "Performance".
"""
