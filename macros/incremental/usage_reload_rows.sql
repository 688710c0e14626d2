{#
  The CTEs that pick what an incremental run of a usage model recomputes,
  companion of usage_reload: `touched_keys`, the distinct `keys` (default a
  customer-day) of the rows of `input` meeting `reload.condition`, and
  `output_cte`, every row of `input` with such keys (so a touched key is
  recomputed from all its rows, old ones included). On a full build
  `output_cte` is `input` as it is. `input` is a CTE or a parenthesised
  query (read twice: DuckDB would materialise a CTE read twice, so a query
  keeps a whole-table input streaming). Emits a trailing comma:

    with events as (...),
    {{ usage_reload_rows('events', 'events_to_process', reload) }}
    user_days as (select ... from events_to_process ...)
#}
{% macro usage_reload_rows(input, output_cte, reload, keys=['customer_id', 'usage_date']) %}
    {%- if is_incremental() %}
        touched_keys as (
            select distinct {{ keys | join(', ') }}
            from {{ input }} as reloaded_rows
            where {{ reload.condition }}
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
