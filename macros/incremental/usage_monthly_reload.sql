{#
  What an incremental run of int_customer_usage_monthly recomputes: the
  customer-months whose measures can have changed since the stored rows were
  built,

    - every customer's months from `recompute_from` on: the stored as-of
      month (measured part-way through, so its window end moves with the
      as-of date) and every month after it, or every month from a new as-of
      month on when the as-of date moved back;
    - a customer's months from the month of its earliest touched day on
      (`touched_customers`): the days usage_reload_touched_days places,
      on this model's own `last_loaded_at`. A day counts in the windows of
      its month and of the months after it, so from its month on covers
      every window that holds it; and a late first day (the customer's first
      usage month moves earlier) or a quarantined one (it moves later) is
      covered too, as every month of the customer from that day's month is
      deleted and rebuilt.

    recompute_from     the first month every customer recomputes, a date
                       literal (`null` on a table without rows);
    touched_customers  a query of customer_id, recompute_from.

  The values come from the stored table and the raw events, written into
  the SQL as constants when the model and its pre-hook are rendered, both
  before the pre-hook deletes anything, so the two agree on the set.
#}
{% macro usage_monthly_reload() %}
    {%- set touched_customers -%}
        select
            touched_days.customer_id,
            min({{ month_start('touched_days.usage_date') }}) as recompute_from
        from ({{ usage_reload_touched_days() }}) as touched_days
        group by touched_days.customer_id
    {%- endset -%}
    {%- set recompute_from = usage_reload_value(
        '(select least(max(stored.month), max(' ~ month_start('reporting_period.as_of_date') ~ ')) from '
        ~ this ~ ' as stored cross join ' ~ ref('int_reporting_period') ~ ' as reporting_period)',
        'date'
    ) -%}
    {{ return({'recompute_from': recompute_from, 'touched_customers': touched_customers}) }}
{% endmacro %}


{#
  The first usage day the months a run recomputes (`reload`, from
  usage_monthly_reload) can hold in their windows: the earliest of them
  minus the 29 + prior days of the longest window, a date literal or `null`.
  The model reads the daily inputs from there on; the pre-hook needs no such
  bound.
#}
{% macro usage_monthly_read_from(reload) %}
    {%- set prior_days = var('health_windows_days')['usage_trend_prior'] -%}
    {{ return(usage_reload_value(
        '(select ' ~ dbt.dateadd('day', -(29 + prior_days), 'least(' ~ reload.recompute_from ~ ', min(touched.recompute_from))')
        ~ ' from (' ~ reload.touched_customers ~ ') as touched)',
        'date'
    )) }}
{% endmacro %}


{#
  Pre-hook of int_customer_usage_monthly: on an incremental run, delete every
  customer-month the run recomputes (usage_monthly_reload) before the model
  appends them, in one statement (each hook is rendered after the one before
  it has run, and the set is read from the stored table).
#}
{% macro usage_monthly_reload_delete() %}
    {%- if is_incremental() %}
        {%- set reload = usage_monthly_reload() %}
        delete from {{ this }} as stored
        where
            stored.month >= {{ reload.recompute_from }}
            or {{ reload.recompute_from }} is null
            or exists (
                select 1
                from ({{ reload.touched_customers }}) as touched
                where touched.customer_id = stored.customer_id and stored.month >= touched.recompute_from
            )
    {%- endif %}
{% endmacro %}
