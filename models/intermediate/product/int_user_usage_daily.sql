{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy='append',
        pre_hook="{{ usage_reload_delete_days() }}",
        on_schema_change='fail',
    )
}}
-- depends_on: {{ source('product', 'usage_events') }}, {{ ref('int_usage_events_issues') }}
{#
  Product usage per user and UTC day: events in total and per feature (var
  `usage_features`; unknown features in `other_events`), and the latest
  `loaded_at` of the day's events (the incremental watermark).

  Incremental: late events land up to three days after `occurred_at`. A run
  recomputes, from every valid event of the day, each customer-day of a raw
  event loaded after (latest `last_loaded_at` already processed minus var
  `usage_lookback_days`) or without a valid loaded_at, and of every other raw
  row of such an event's event_id (a late row that reuses the key of an old
  event quarantines both, so the old event's day changes too), and every
  raw event of a customer that arrived in customers after its events (they
  were orphans until then, int_usage_events_orphan_customers). The pre-hook
  deletes those customer-days and the recomputed rows are appended, so a day
  left without a valid event disappears (macros usage_reload_days,
  usage_reload_delete_days). Only the events of those days are read (ranges
  of days on occurred_at itself, so the engine can apply them in the scan). A
  full refresh gives the same rows. Events without a customer or a valid
  occurred_at cannot be placed on a day and are left out (staging keeps them
  for data-quality checks).
#}
{%- set features = var('usage_features') -%}

{%- if is_incremental() %}
    {%- set reload = usage_reload_days('occurred_at', dbt.type_timestamp()) %}
{%- endif %}

with

events as (
    select
        customer_id,
        user_id,
        feature,
        loaded_at,
        cast(occurred_at as date) as usage_date
    from {{ ref('int_usage_events_validated') }}
    where
        customer_id is not null
        and occurred_at is not null
    {% if is_incremental() -%}
        and {{ reload.read_filter }}
    {%- endif %}
),

{{ usage_reload_rows('events', 'events_to_process', reload) }}

user_days as (
    select
        customer_id,
        user_id,
        usage_date,
        count(*) as events,
        {%- for feature, column_name in features.items() %}
            count(case when feature = '{{ feature }}' then 1 end) as {{ column_name }},
        {%- endfor %}
        count(
            case
                when
                    feature is null
                    or feature not in (
                        {%- for feature in features %}
                            '{{ feature }}'{% if not loop.last %},{% endif %}
                        {%- endfor %}
                    )
                    then 1
            end
        ) as other_events,
        max(loaded_at) as last_loaded_at
    from events_to_process
    group by customer_id, user_id, usage_date
)

select * from user_days
