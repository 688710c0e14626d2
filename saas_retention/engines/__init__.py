"""Run the project on engines other than DuckDB and check them against DuckDB.

- `raw_files`: the raw CSV files of a `raw_path` and the contract types in
  each engine's names.
- `postgres`, `spark`: load the raw CSV files into an engine's `raw` schema
  and read tables back.
- `compare`: read DuckDB tables and compare two tables row by row, amounts to
  the cent.

`python -m saas_retention.engines load-postgres|load-spark --raw-path DIR`
loads raw data; scripts/engines/ runs the whole check (`make test-postgres`,
`make test-spark`).
"""
