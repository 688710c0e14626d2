{#
  What an incremental run of a usage model (int_user_usage_daily,
  int_customer_usage_daily, int_usage_events_issues) reprocesses:

    condition  rows loaded after (latest `watermark_column` already
               processed, read from `watermark_relation` (default: the
               model itself) - var `usage_lookback_days`) or without a valid
               loaded_at (every row while there is no watermark, or when
               `watermark_relation` is none);
    first_day  the earliest `day_expression` of such a row in `relation`
               (null when there is none: nothing to reprocess); only when
               `day_expression` is given.

  Both are subqueries; when the model runs (not in a unit test, whose
  inputs exist only inside the model's SQL) they are evaluated first and
  written into the SQL as constants, so the engine filters the scan of the
  input (Parquet row groups, table zone maps) before it deduplicates and
  joins, instead of reading every event of the history on each run.
#}
{% macro usage_reload(relation, day_expression, loaded_at_column, watermark_relation=this, watermark_column='last_loaded_at') -%}
    {%- set fold = execute and model.resource_type != 'unit_test' -%}
    {%- if watermark_relation is none -%}
        {%- set reload_after = 'cast(null as ' ~ dbt.type_timestamp() ~ ')' -%}
    {%- else -%}
        {%- set reload_after = '(select ' ~ dbt.dateadd('day', -var('usage_lookback_days'), 'max(' ~ watermark_column ~ ')')
            ~ ' from ' ~ watermark_relation ~ ')' -%}
        {%- if fold -%}
            {%- set reload_after = usage_reload_constant(reload_after, dbt.type_timestamp()) -%}
        {%- endif -%}
    {%- endif -%}
    {%- set condition = '(' ~ reload_after ~ ' is null or ' ~ loaded_at_column ~ ' is null or '
        ~ loaded_at_column ~ ' > ' ~ reload_after ~ ')' -%}
    {%- set first_day = none -%}
    {%- if day_expression -%}
        {%- set first_day = '(select min(' ~ day_expression ~ ') from ' ~ relation ~ ' where ' ~ condition ~ ')' -%}
        {%- if fold -%}
            {%- set first_day = usage_reload_constant(first_day, 'date') -%}
        {%- endif -%}
    {%- endif -%}
    {{ return({'condition': condition, 'first_day': first_day}) }}
{%- endmacro %}

{# The value of a one-value query as a SQL literal of `data_type` (`null` when null). #}
{% macro usage_reload_constant(query, data_type) -%}
    {%- set value = run_query('select cast(' ~ query ~ ' as ' ~ dbt.type_string() ~ ')').columns[0].values()[0] -%}
    {{ return('null' if value is none else "cast('" ~ value ~ "' as " ~ data_type ~ ")") }}
{%- endmacro %}
