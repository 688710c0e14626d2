{#
  The CTEs that pick what an incremental run of a usage model recomputes,
  companion of usage_reload: `touched_keys`, the distinct `keys` (default a
  customer-day) of the rows of CTE `input_cte` meeting `reload.condition`,
  and `output_cte`, every row of `input_cte` with such keys (so a touched
  customer-day is recomputed from all its rows, old ones included). On a
  full build `output_cte` is `input_cte` as it is. Emits a trailing comma:

    with events as (...),
    {{ usage_reload_rows('events', 'events_to_process', reload) }}
    user_days as (select ... from events_to_process ...)
#}
{% macro usage_reload_rows(input_cte, output_cte, reload, keys=['customer_id', 'usage_date']) %}
    {%- if is_incremental() %}
        touched_keys as (
            select distinct {{ keys | join(', ') }}
            from {{ input_cte }}
            where {{ reload.condition }}
        ),

        {{ output_cte }} as (
            select {{ input_cte }}.*
            from {{ input_cte }}
            inner join touched_keys
                on
                {%- for key in keys %}
                    {% if not loop.first %}and {% endif %}{{ input_cte }}.{{ key }} = touched_keys.{{ key }}
                {%- endfor %}
        ),
    {%- else %}
        {{ output_cte }} as (
            select * from {{ input_cte }}
        ),
    {%- endif %}
{% endmacro %}
