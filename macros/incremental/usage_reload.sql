{#
  What an incremental run of a usage model (int_user_usage_daily,
  int_customer_usage_daily) reprocesses, as SQL literals for `this` run:

    condition  rows loaded after (latest `last_loaded_at` already in the
               model - var `usage_lookback_days`) or without a valid
               loaded_at (`true` while the model is empty);
    first_day  the earliest `day_expression` of such a row in `relation`
               (`null` when there is none: nothing to reprocess).

  Both bounds are read when the model runs and written into its SQL as
  constants, so the engine filters the scan of the input (Parquet row
  groups, table zone maps) before it deduplicates and joins, instead of
  reading every event of the history on each run.
#}
{% macro usage_reload(relation, day_expression, loaded_at_column) -%}
    {%- set condition = 'true' -%}
    {%- set first_day = 'null' -%}
    {%- if execute -%}
        {%- set reload_after = run_query(
            'select cast(' ~ dbt.dateadd('day', -var('usage_lookback_days'), 'max(last_loaded_at)')
            ~ ' as ' ~ dbt.type_string() ~ ') from ' ~ this
        ).columns[0].values()[0] -%}
        {%- if reload_after is not none -%}
            {%- set condition = '(' ~ loaded_at_column ~ ' is null or ' ~ loaded_at_column ~ ' > cast(\''
                ~ reload_after ~ '\' as ' ~ dbt.type_timestamp() ~ '))' -%}
        {%- endif -%}
        {%- set earliest = run_query(
            'select cast(min(' ~ day_expression ~ ') as ' ~ dbt.type_string() ~ ') from ' ~ relation
            ~ ' where ' ~ condition
        ).columns[0].values()[0] -%}
        {%- if earliest is not none -%}
            {%- set first_day = 'cast(\'' ~ earliest ~ '\' as date)' -%}
        {%- endif -%}
    {%- endif -%}
    {{ return({'condition': condition, 'first_day': first_day}) }}
{%- endmacro %}
