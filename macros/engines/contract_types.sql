{#
  Model contracts on every engine from one set of YAML types.

  Marts declare their column types in DuckDB's names (varchar, double,
  bigint, integer, date, timestamp, boolean), the project's type vocabulary.
  dbt checks a contract by casting null to every declared type on the target
  (`get_empty_schema_sql`) and, on Postgres, creates the table with the
  declared types (`get_table_columns_and_constraints`). Two of the names are
  not types everywhere: `double` on Postgres and `varchar` (without a length)
  on Spark. These overrides of dbt's own dispatched macros translate the
  declared names into the target's names first, so contracts stay enforced on
  Postgres and Spark with unchanged YAML. DuckDB keeps dbt's behaviour.
#}
{% macro contract_data_type(data_type) -%}
    {{ return(adapter.dispatch('contract_data_type', 'saas_retention')(data_type)) }}
{%- endmacro %}

{% macro default__contract_data_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro postgres__contract_data_type(data_type) -%}
    {{ return({'double': 'double precision'}.get(data_type | trim | lower, data_type)) }}
{%- endmacro %}

{% macro spark__contract_data_type(data_type) -%}
    {{ return({'varchar': 'string'}.get(data_type | trim | lower, data_type)) }}
{%- endmacro %}


{#- The model's YAML columns with every declared type translated for the target. -#}
{% macro columns_with_target_types(columns) -%}
    {%- set translated = {} -%}
    {%- for column_name, column in columns.items() -%}
        {%- set copied = dict(column) -%}
        {%- if column.get('data_type') -%}
            {%- do copied.update({'data_type': contract_data_type(column['data_type'])}) -%}
        {%- endif -%}
        {%- do translated.update({column_name: copied}) -%}
    {%- endfor -%}
    {{ return(translated) }}
{%- endmacro %}


{% macro postgres__get_empty_schema_sql(columns) -%}
    {{ return(dbt.default__get_empty_schema_sql(columns_with_target_types(columns))) }}
{%- endmacro %}

{% macro spark__get_empty_schema_sql(columns) -%}
    {{ return(dbt.default__get_empty_schema_sql(columns_with_target_types(columns))) }}
{%- endmacro %}


{#- dbt's table_columns_and_constraints(), reading the translated columns. -#}
{% macro postgres__get_table_columns_and_constraints() -%}
    {%- set column_constraints = adapter.render_raw_columns_constraints(
        raw_columns=columns_with_target_types(model['columns'])
    ) -%}
    {%- set model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    (
    {% for constraint in column_constraints + model_constraints -%}
        {{ constraint }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}
