{#
  dbt.safe_cast is a plain `cast` on DuckDB (dbt-duckdb does not override
  it), so one malformed value would fail the whole build. DuckDB's
  `try_cast` returns null instead; data quality then reports the value.
  Found first through the `dispatch` search order in dbt_project.yml.
#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
