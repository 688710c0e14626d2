{#
  Cast a raw column to its contract type with dbt's cross-database type
  macros. On DuckDB the cast is a `try_cast`: a value that does not parse
  becomes null instead of failing the build, and data quality reports it.
  `contract_type` is the type named in the raw contract.
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
        'decimal': dbt.type_numeric(),
    } -%}
    {%- set base_type = contract_type.split('(')[0] -%}
    {%- if base_type not in types -%}
        {{ exceptions.raise_compiler_error("cast_raw: unknown contract type '" ~ contract_type ~ "' for " ~ column_name) }}
    {%- endif -%}
    {{ dbt.safe_cast(column_name, types[base_type]) }}
{%- endmacro %}
