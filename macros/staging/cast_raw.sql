{#
  Cast a raw column to its contract type with dbt's cross-database type
  macros. On DuckDB the cast is a `try_cast`: a value that does not parse
  becomes null instead of failing the build, and data quality reports it.
  `contract_type` is the type named in the raw contract; a decimal keeps the
  contract's precision and scale (`decimal(18,8)` stays 8 decimals, where
  dbt.type_numeric() would round to 6).
#}
{% macro cast_raw(column_name, contract_type) -%}
    {%- set types = {
        'varchar': dbt.type_string(),
        'timestamp': dbt.type_timestamp(),
        'date': 'date',
        'integer': dbt.type_int(),
        'bigint': dbt.type_bigint(),
        'boolean': dbt.type_boolean(),
        'double': type_double(),
    } -%}
    {%- set base_type = contract_type.split('(')[0] -%}
    {%- if base_type == 'decimal' and '(' in contract_type -%}
        {%- set target_type = 'numeric(' ~ contract_type.split('(')[1] -%}
    {%- elif base_type in types -%}
        {%- set target_type = types[base_type] -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("cast_raw: unknown contract type '" ~ contract_type ~ "' for " ~ column_name) }}
    {%- endif -%}
    {{ dbt.safe_cast(column_name, target_type) }}
{%- endmacro %}


{#-
  Every contract column of raw table `table_name` (read from `relation_alias`)
  cast with cast_raw under its own name, in contract order: a select list.
-#}
{% macro cast_raw_columns(table_name, relation_alias) -%}
    {%- for column_name, contract_type in data_quality_source_columns(table_name) %}
        {{ cast_raw(relation_alias ~ '.' ~ column_name, contract_type) }} as {{ column_name }}
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
