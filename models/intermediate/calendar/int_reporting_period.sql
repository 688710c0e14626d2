{#
  The reporting period in one row. `as_of_date` is the var when set,
  otherwise the latest valid_from / occurred_at in the raw data; the last
  month reported is the month of `as_of_date`.
#}
with

latest_subscription_change as (
    select max(valid_from) as latest_at
    from {{ ref('int_subscription_items_validated') }}
),

latest_usage_event as (
    select max(occurred_at) as latest_at
    from {{ ref('int_usage_events_validated') }}
),

latest_cs_activity as (
    select max(occurred_at) as latest_at
    from {{ ref('int_cs_activities_validated') }}
),

latest_activity as (
    select latest_at from latest_subscription_change
    union all
    select latest_at from latest_usage_event
    union all
    select latest_at from latest_cs_activity
),

period as (
    {%- if var('as_of_date') %}
        select cast('{{ var("as_of_date") }}' as date) as as_of_date
    {%- else %}
        select cast(max(latest_at) as date) as as_of_date
        from latest_activity
    {%- endif %}
)

select
    as_of_date,
    {{ month_start('as_of_date') }} as as_of_month
from period
