{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy='append',
        pre_hook="{{ usage_monthly_reload_delete() }}",
        on_schema_change='fail',
    )
}}
-- depends_on: {{ source('product', 'usage_events') }}, {{ ref('int_usage_events_issues') }}
{#
  Product usage per customer and month, from the customer's first month with
  usage to the as-of month (months without usage are rows of zeros), as of
  the month's end (the as-of date in the as-of month).

  Calendar month: monthly active users (MAU, distinct users with an event),
  average daily active users (DAU = active user-days / days of the month
  elapsed), stickiness = DAU / MAU, events per feature (var `usage_features`).
  Last 30 days of the month: active users, key-feature events, distinct key
  features used (var `key_features`) and in healthy use (at least var
  `key_feature_healthy_use_min_events` events each).
  Usage trend = key-feature events of the last 30 days / (key-feature events
  of the `health_windows_days.usage_trend_prior` days before them / 3, i.e.
  per 30 days): 1 = flat, 0.5 = halved; null without earlier usage.

  A day counts in the months whose windows hold it: at most the month of
  the day and the `month_offsets` after it (the prior window reaches
  29 + prior days back). Each day is joined to those months on equality and
  summed per window, instead of range joins of every month with every day.

  Incremental: a run deletes and recomputes the as-of month and later of
  every customer, and each customer's months from the month of a day that
  got events (or lost them to quarantine) since the stored rows were built,
  on its own `last_loaded_at` (macro usage_monthly_reload); the daily usage
  is read only from the first day those months' windows hold (macro
  usage_monthly_read_from). A full
  refresh gives the same rows.
#}
{%- set features = var('usage_features') -%}
{%- set key_features = var('key_features') -%}
{%- set prior_days = var('health_windows_days')['usage_trend_prior'] -%}
{%- set healthy_use_min_events = var('key_feature_healthy_use_min_events') -%}
{%- set bigint = dbt.type_bigint() -%}
{#- Months after a day's month whose windows may hold it (months have 28 days or more). -#}
{%- set month_offsets = range(((29 + prior_days) / 28) | round(0, 'ceil') | int + 1) -%}
{%- if is_incremental() %}
    {%- set reload = usage_monthly_reload() %}
    {%- set read_from = usage_monthly_read_from(reload) %}
    {%- set read_filter = '(usage_date >= ' ~ read_from ~ ' or ' ~ read_from ~ ' is null)' %}
{%- endif %}

with

customer_days as (
    select * from {{ ref('int_customer_usage_daily') }}
    {% if is_incremental() -%}
        where {{ read_filter }}
    {%- endif %}
),

user_days as (
    select * from {{ ref('int_user_usage_daily') }}
    {% if is_incremental() -%}
        where {{ read_filter }}
    {%- endif %}
),

months as (
    select month from {{ ref('int_calendar_months') }}
),

reporting_period as (
    select as_of_date from {{ ref('int_reporting_period') }}
),

first_usage_months as (
    select
        customer_id,
        {{ month_start('min(usage_date)') }} as first_usage_month
    from {{ ref('int_customer_usage_daily') }}
    group by customer_id
),
{%- if is_incremental() %}

touched_customers as (
    {{ reload.touched_customers }}
),
{%- endif %}

customer_months as (
    select
        first_usage_months.customer_id,
        months.month,
        {{ measured_through_date('months.month', 'reporting_period.as_of_date') }} as window_end_date
    from first_usage_months
    inner join months on first_usage_months.first_usage_month <= months.month
    cross join reporting_period
    {%- if is_incremental() %}
        left join touched_customers on first_usage_months.customer_id = touched_customers.customer_id
    where
        months.month >= {{ reload.recompute_from }}
        or {{ reload.recompute_from }} is null
        or months.month >= touched_customers.recompute_from
    {%- endif %}
),

windows as (
    select
        customer_id,
        month,
        window_end_date,
        {{ dbt.datediff('month', 'window_end_date', 'day') }} + 1 as days_elapsed, -- noqa: LT05
        cast({{ dbt.dateadd('day', -29, 'window_end_date') }} as date) as last_30_days_start,
        cast({{ dbt.dateadd('day', -(29 + prior_days), 'window_end_date') }} as date) as prior_window_start,
        cast({{ dbt.dateadd('day', -30, 'window_end_date') }} as date) as prior_window_end
    from customer_months
),

month_offsets as (
    {%- for month_offset in month_offsets %}
        select {{ month_offset }} as month_offset
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

customer_day_months as (
    select
        customer_days.*,
        {{ add_months(month_start('customer_days.usage_date'), 'month_offsets.month_offset') }} as window_month
    from customer_days
    cross join month_offsets
),

user_day_months as (
    select
        user_days.customer_id,
        user_days.user_id,
        user_days.usage_date,
        {{ add_months(month_start('user_days.usage_date'), 'month_offsets.month_offset') }} as window_month
    from user_days
    cross join month_offsets
    where month_offsets.month_offset <= 1
),

window_days as (
    select
        windows.customer_id,
        windows.month,
        customer_day_months.usage_date between windows.month and windows.window_end_date as in_calendar_month,
        customer_day_months.usage_date >= windows.last_30_days_start as in_last_30_days,
        customer_day_months.usage_date <= windows.prior_window_end as in_prior_window,
        customer_day_months.active_users,
        customer_day_months.events,
        {%- for column_name in features.values() %}
            customer_day_months.{{ column_name }},
        {%- endfor %}
        customer_day_months.other_events,
        customer_day_months.last_loaded_at
    from customer_day_months
    inner join windows
        on
            customer_day_months.customer_id = windows.customer_id
            and customer_day_months.window_month = windows.month
    where customer_day_months.usage_date between windows.prior_window_start and windows.window_end_date
),

window_users as (
    select
        windows.customer_id,
        windows.month,
        case
            when user_day_months.usage_date >= windows.month then user_day_months.user_id
        end as calendar_month_user_id,
        case
            when user_day_months.usage_date >= windows.last_30_days_start then user_day_months.user_id
        end as last_30_days_user_id
    from user_day_months
    inner join windows
        on
            user_day_months.customer_id = windows.customer_id
            and user_day_months.window_month = windows.month
    where
        user_day_months.usage_date between least(windows.month, windows.last_30_days_start) and windows.window_end_date
),

window_usage as (
    select
        customer_id,
        month,
        cast(sum(case when in_calendar_month then active_users end) as {{ bigint }}) as active_user_days,
        cast(sum(case when in_calendar_month then events end) as {{ bigint }}) as events,
        {%- for column_name in features.values() %}
            cast(sum(case when in_calendar_month then {{ column_name }} end) as {{ bigint }}) as {{ column_name }},
        {%- endfor %}
        cast(sum(case when in_calendar_month then other_events end) as {{ bigint }}) as other_events,
        {%- for feature in key_features %}
            sum(case when in_last_30_days then {{ features[feature] }} end) as {{ feature }}_events_30d,
        {%- endfor %}
        cast(sum(
            case
                when in_prior_window
                    then
                        {%- for feature in key_features %}
                            {{ features[feature] }}{% if not loop.last %} +{% endif %}
                        {%- endfor %}
            end
        ) as {{ bigint }}) as key_feature_events_prior,
        max(case when in_calendar_month then last_loaded_at end) as last_loaded_at
    from window_days
    group by customer_id, month
),

last_30_days_usage as (
    select
        customer_id,
        month,
        cast(
            {%- for feature in key_features %}
                coalesce({{ feature }}_events_30d, 0){% if not loop.last %} +{% endif %}
            {%- endfor %}
            as {{ dbt.type_bigint() }}
        ) as key_feature_events_30d,
        cast(
            {%- for feature in key_features %}
                case when {{ feature }}_events_30d > 0 then 1 else 0 end{% if not loop.last %} +{% endif %}
            {%- endfor %}
            as {{ dbt.type_bigint() }}
        ) as key_features_used_30d,
        cast(
            {%- for feature in key_features %}
                case when {{ feature }}_events_30d >= {{ healthy_use_min_events }} then 1 else 0 end
                {%- if not loop.last %} +{% endif %}
            {%- endfor %}
            as {{ dbt.type_bigint() }}
        ) as key_features_in_healthy_use_30d
    from window_usage
),

window_user_counts as (
    select
        customer_id,
        month,
        count(distinct calendar_month_user_id) as monthly_active_users,
        count(distinct last_30_days_user_id) as active_users_30d
    from window_users
    group by customer_id, month
),

combined as (
    select
        windows.customer_id,
        windows.month,
        windows.days_elapsed,
        coalesce(window_user_counts.monthly_active_users, 0) as monthly_active_users,
        coalesce(window_usage.active_user_days, 0) as active_user_days,
        coalesce(window_usage.events, 0) as events,
        {%- for column_name in features.values() %}
            coalesce(window_usage.{{ column_name }}, 0) as {{ column_name }},
        {%- endfor %}
        coalesce(window_usage.other_events, 0) as other_events,
        coalesce(window_user_counts.active_users_30d, 0) as active_users_30d,
        coalesce(last_30_days_usage.key_feature_events_30d, 0) as key_feature_events_30d,
        coalesce(last_30_days_usage.key_features_used_30d, 0) as key_features_used_30d,
        coalesce(last_30_days_usage.key_features_in_healthy_use_30d, 0) as key_features_in_healthy_use_30d,
        coalesce(window_usage.key_feature_events_prior, 0) as key_feature_events_prior,
        window_usage.last_loaded_at
    from windows
    left join window_usage
        on windows.customer_id = window_usage.customer_id and windows.month = window_usage.month
    left join last_30_days_usage
        on windows.customer_id = last_30_days_usage.customer_id and windows.month = last_30_days_usage.month
    left join window_user_counts
        on windows.customer_id = window_user_counts.customer_id and windows.month = window_user_counts.month
)

select
    customer_id,
    month,
    monthly_active_users,
    {{ safe_divide('active_user_days', 'days_elapsed') }} as average_daily_active_users,
    {{ safe_divide(safe_divide('active_user_days', 'days_elapsed'), 'monthly_active_users') }} as stickiness,
    events,
    {%- for column_name in features.values() %}
        {{ column_name }},
    {%- endfor %}
    other_events,
    active_users_30d,
    key_feature_events_30d,
    key_features_used_30d,
    key_features_in_healthy_use_30d,
    key_feature_events_prior as key_feature_events_prior_window,
    {{ safe_divide('key_feature_events_30d', 'key_feature_events_prior / ' ~ (prior_days / 30.0)) }} as usage_trend,
    last_loaded_at
from combined
