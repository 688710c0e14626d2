{#
  The reporting period in one row. `as_of_date` is the var when set,
  otherwise the latest valid_from / occurred_at in the raw data; the last
  month reported is the month of `as_of_date`.

  The latest usage event is looked for from the day of the latest raw
  occurred_at on, when a validated event lies there (written in as a
  constant, so the engine prunes the scan; Parquet answers the raw maximum
  from its statistics), and over every event only otherwise: the same value
  without reading the whole history.
#}
{%- set validated_events = ref('int_usage_events_validated') -%}
{%- set raw_events = source('product', 'usage_events') -%}
{%- set usage_events_from = none -%}
{%- if usage_reload_folds() and not var('as_of_date')
    and load_relation(validated_events) is not none -%}
    {%- set latest_raw_day = usage_reload_constant(
        '(select cast(max(' ~ cast_raw('occurred_at', 'timestamp') ~ ') as date) from ' ~ raw_events ~ ')',
        'date'
    ) -%}
    {%- set bound = 'cast(' ~ latest_raw_day ~ ' as ' ~ dbt.type_timestamp() ~ ')' -%}
    {%- set found = run_query(
        'select count(*) from (select 1 from ' ~ validated_events ~ ' where occurred_at >= ' ~ bound ~ ' limit 1) as found'
    ).columns[0].values()[0] -%}
    {%- if found > 0 -%}
        {%- set usage_events_from = bound -%}
    {%- endif -%}
{%- endif %}
with

latest_subscription_change as (
    select max(valid_from) as latest_at
    from {{ ref('int_subscription_items_validated') }}
),

latest_usage_event as (
    select max(occurred_at) as latest_at
    from {{ validated_events }}
    {%- if usage_events_from %}
        where occurred_at >= {{ usage_events_from }}
    {%- endif %}
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
