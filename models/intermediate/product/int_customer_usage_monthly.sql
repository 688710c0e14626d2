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
#}
{%- set features = var('usage_features') -%}
{%- set key_features = var('key_features') -%}
{%- set prior_days = var('health_windows_days')['usage_trend_prior'] -%}
{%- set healthy_use_min_events = var('key_feature_healthy_use_min_events') -%}

with

customer_days as (
    select * from {{ ref('int_customer_usage_daily') }}
),

user_days as (
    select * from {{ ref('int_user_usage_daily') }}
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
    from customer_days
    group by customer_id
),

customer_months as (
    select
        first_usage_months.customer_id,
        months.month,
        {{ measured_through_date('months.month', 'reporting_period.as_of_date') }} as window_end_date
    from first_usage_months
    inner join months on first_usage_months.first_usage_month <= months.month
    cross join reporting_period
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

calendar_month_usage as (
    select
        windows.customer_id,
        windows.month,
        cast(sum(customer_days.active_users) as {{ dbt.type_bigint() }}) as active_user_days,
        cast(sum(customer_days.events) as {{ dbt.type_bigint() }}) as events,
        {%- for column_name in features.values() %}
            cast(sum(customer_days.{{ column_name }}) as {{ dbt.type_bigint() }}) as {{ column_name }},
        {%- endfor %}
        cast(sum(customer_days.other_events) as {{ dbt.type_bigint() }}) as other_events
    from windows
    inner join customer_days
        on
            windows.customer_id = customer_days.customer_id
            and customer_days.usage_date between windows.month and windows.window_end_date
    group by windows.customer_id, windows.month
),

calendar_month_users as (
    select
        windows.customer_id,
        windows.month,
        count(distinct user_days.user_id) as monthly_active_users
    from windows
    inner join user_days
        on
            windows.customer_id = user_days.customer_id
            and user_days.usage_date between windows.month and windows.window_end_date
    group by windows.customer_id, windows.month
),

last_30_days_features as (
    select
        windows.customer_id,
        windows.month,
        {%- for feature in key_features %}
            sum(customer_days.{{ features[feature] }}) as {{ feature }}_events_30d{% if not loop.last %},{% endif %}
        {%- endfor %}
    from windows
    inner join customer_days
        on
            windows.customer_id = customer_days.customer_id
            and customer_days.usage_date between windows.last_30_days_start and windows.window_end_date
    group by windows.customer_id, windows.month
),

last_30_days_usage as (
    select
        customer_id,
        month,
        cast(
            {%- for feature in key_features %}
                {{ feature }}_events_30d{% if not loop.last %} +{% endif %}
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
    from last_30_days_features
),

last_30_days_users as (
    select
        windows.customer_id,
        windows.month,
        count(distinct user_days.user_id) as active_users_30d
    from windows
    inner join user_days
        on
            windows.customer_id = user_days.customer_id
            and user_days.usage_date between windows.last_30_days_start and windows.window_end_date
    group by windows.customer_id, windows.month
),

prior_usage as (
    select
        windows.customer_id,
        windows.month,
        cast(sum(
            {%- for feature in key_features %}
                customer_days.{{ features[feature] }}{% if not loop.last %} +{% endif %}
            {%- endfor %}
        ) as {{ dbt.type_bigint() }}) as key_feature_events_prior
    from windows
    inner join customer_days
        on
            windows.customer_id = customer_days.customer_id
            and customer_days.usage_date between windows.prior_window_start and windows.prior_window_end
    group by windows.customer_id, windows.month
),

combined as (
    select
        windows.customer_id,
        windows.month,
        windows.days_elapsed,
        coalesce(calendar_month_users.monthly_active_users, 0) as monthly_active_users,
        coalesce(calendar_month_usage.active_user_days, 0) as active_user_days,
        coalesce(calendar_month_usage.events, 0) as events,
        {%- for column_name in features.values() %}
            coalesce(calendar_month_usage.{{ column_name }}, 0) as {{ column_name }},
        {%- endfor %}
        coalesce(calendar_month_usage.other_events, 0) as other_events,
        coalesce(last_30_days_users.active_users_30d, 0) as active_users_30d,
        coalesce(last_30_days_usage.key_feature_events_30d, 0) as key_feature_events_30d,
        coalesce(last_30_days_usage.key_features_used_30d, 0) as key_features_used_30d,
        coalesce(last_30_days_usage.key_features_in_healthy_use_30d, 0) as key_features_in_healthy_use_30d,
        coalesce(prior_usage.key_feature_events_prior, 0) as key_feature_events_prior
    from windows
    left join calendar_month_usage
        on windows.customer_id = calendar_month_usage.customer_id and windows.month = calendar_month_usage.month
    left join calendar_month_users
        on windows.customer_id = calendar_month_users.customer_id and windows.month = calendar_month_users.month
    left join last_30_days_usage
        on windows.customer_id = last_30_days_usage.customer_id and windows.month = last_30_days_usage.month
    left join last_30_days_users
        on windows.customer_id = last_30_days_users.customer_id and windows.month = last_30_days_users.month
    left join prior_usage
        on windows.customer_id = prior_usage.customer_id and windows.month = prior_usage.month
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
    {{ safe_divide('key_feature_events_30d', 'key_feature_events_prior / ' ~ (prior_days / 30.0)) }} as usage_trend
from combined
