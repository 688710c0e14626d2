{#
  The rows an incremental run of a usage model (int_user_usage_daily,
  int_customer_usage_daily, int_usage_events_issues) treats as new, as SQL
  conditions on `loaded_at_column`:

    window     loaded after (latest `watermark_column` already processed,
               read from `watermark_relation` (default: the model itself) -
               var `usage_lookback_days`); every row while there is no
               watermark, or when `watermark_relation` is none;
    condition  in the window or without a valid loaded_at (a row whose load
               time is unknown is treated as new on every run).

  The bound is read when the model runs and written into the SQL as a
  constant (usage_reload_value), so the engine filters the scan of the input
  (Parquet row groups, table zone maps) instead of reading every event of the
  history on each run; `window` alone prunes best (an `or ... is null` keeps
  DuckDB from skipping row groups).
#}
{% macro usage_reload(loaded_at_column, watermark_relation=this, watermark_column='last_loaded_at') -%}
    {%- if watermark_relation is none -%}
        {%- set reload_after = 'cast(null as ' ~ dbt.type_timestamp() ~ ')' -%}
    {%- else -%}
        {%- set reload_after = usage_reload_value(
            '(select ' ~ dbt.dateadd('day', -var('usage_lookback_days'), 'max(' ~ watermark_column ~ ')')
            ~ ' from ' ~ watermark_relation ~ ')',
            dbt.type_timestamp()
        ) -%}
    {%- endif -%}
    {%- set window = '(' ~ reload_after ~ ' is null or ' ~ loaded_at_column ~ ' > ' ~ reload_after ~ ')' -%}
    {{ return({'window': window, 'condition': '(' ~ window ~ ' or ' ~ loaded_at_column ~ ' is null)'}) }}
{%- endmacro %}

{#
  Whether query results are written into the SQL as constants: when the model
  runs, not in a unit test, whose inputs exist only inside the model's SQL.
#}
{% macro usage_reload_folds() -%}
    {{ return(execute and model.resource_type != 'unit_test') }}
{%- endmacro %}

{# A one-value subquery as a constant of `data_type` when usage_reload_folds(), as it is otherwise. #}
{% macro usage_reload_value(subquery, data_type) -%}
    {{ return(usage_reload_constant(subquery, data_type) if usage_reload_folds() else subquery) }}
{%- endmacro %}

{# The value of a one-value query as a SQL literal of `data_type` (`null` when null). #}
{% macro usage_reload_constant(query, data_type) -%}
    {%- set value = run_query('select cast(' ~ query ~ ' as ' ~ dbt.type_string() ~ ')').columns[0].values()[0] -%}
    {{ return('null' if value is none else "cast('" ~ value ~ "' as " ~ data_type ~ ")") }}
{%- endmacro %}
