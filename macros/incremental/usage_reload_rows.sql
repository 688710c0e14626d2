{#
  The CTEs that pick what an incremental run of a usage model recomputes:
  `touched_keys`, the keys to recompute (`reload.touched_keys`, a query
  returning the `keys` columns: usage_reload_days for the daily models, the
  records of the rows loaded in the window for int_usage_events_issues), and
  `output_cte`, every row of `input` with such keys (so a touched key is
  recomputed from all its rows, old ones included). On a full build
  `output_cte` is `input` as it is. `input` is a CTE or a parenthesised query
  (DuckDB materialises a CTE it reads twice, so a query keeps a whole-table
  input streaming). Emits a trailing comma:

    with events as (...),
    {{ usage_reload_rows('events', 'events_to_process', reload) }}
    user_days as (select ... from events_to_process ...)
#}
{% macro usage_reload_rows(input, output_cte, reload, keys=['customer_id', 'usage_date']) %}
    {%- if is_incremental() %}
        touched_keys as (
            {{ reload.touched_keys }}
        ),

        {{ output_cte }} as (
            select input_rows.*
            from {{ input }} as input_rows
            inner join touched_keys
                on
                {%- for key in keys %}
                    {% if not loop.first %}and {% endif %}input_rows.{{ key }} = touched_keys.{{ key }}
                {%- endfor %}
        ),
    {%- else %}
        {{ output_cte }} as (
            select input_rows.* from {{ input }} as input_rows
        ),
    {%- endif %}
{% endmacro %}
