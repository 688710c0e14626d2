{#
  The materialization of an incremental model on the current engine:
  `incremental`, except on Spark, where it is `table`.

  The project's incremental models replace a set of keys (delete+insert on
  record_id, or a pre-hook that deletes customer-days before an append).
  dbt-spark's Parquet tables offer only `append` and `insert_overwrite`
  (whole partitions), neither of which can do that; Delta or Iceberg
  (`merge`) need JARs the local session cannot fetch. A rebuild gives the
  same rows as an incremental run, so on Spark such models are rebuilt in
  full each run (and `is_incremental()` is false there).

    {{ config(materialized=incremental_materialization(), incremental_strategy='delete+insert', ...) }}
#}
{% macro incremental_materialization() -%}
    {{ return('table' if target.type == 'spark' else 'incremental') }}
{%- endmacro %}
