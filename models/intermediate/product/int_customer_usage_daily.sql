{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key=['customer_id', 'usage_date'],
        on_schema_change='fail',
    )
}}
{#
  Product usage per customer and UTC day (days with at least one event):
  active users, events in total and per feature (var `usage_features`),
  distinct key features used (var `key_features`) and the latest `loaded_at`.

  Incremental like its input `int_user_usage_daily`: each customer-day with a
  user-day loaded after (latest `last_loaded_at` already processed minus var
  `usage_lookback_days`) is recomputed from all its user-days and replaced;
  only user-days from the earliest such day on are read (macro usage_reload).
  A full refresh gives the same rows.
#}
{%- set features = var('usage_features') -%}
{%- set key_features = var('key_features') -%}
{%- for feature in key_features if feature not in features -%}
    {{ exceptions.raise_compiler_error("key feature '" ~ feature ~ "' is not in var usage_features") }}
{%- endfor %}

{%- if is_incremental() %}
    {%- set reload = usage_reload(ref('int_user_usage_daily'), 'usage_date', 'last_loaded_at') %}
{%- endif %}

with

user_days as (
    select * from {{ ref('int_user_usage_daily') }}
    {% if is_incremental() -%}
        where usage_date >= {{ reload.first_day }}
    {%- endif %}
),

{{ usage_reload_rows('user_days', 'user_days_to_process', reload) }}

customer_days as (
    select
        customer_id,
        usage_date,
        count(distinct user_id) as active_users,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        {%- for column_name in features.values() %}
            cast(sum({{ column_name }}) as {{ dbt.type_bigint() }}) as {{ column_name }},
        {%- endfor %}
        cast(sum(other_events) as {{ dbt.type_bigint() }}) as other_events,
        max(last_loaded_at) as last_loaded_at
    from user_days_to_process
    group by customer_id, usage_date
)

select
    customer_id,
    usage_date,
    active_users,
    events,
    {%- for column_name in features.values() %}
        {{ column_name }},
    {%- endfor %}
    other_events,
    cast(
        {%- for feature in key_features %}
            case when {{ features[feature] }} > 0 then 1 else 0 end{% if not loop.last %} +{% endif %}
        {%- endfor %}
        as {{ dbt.type_bigint() }}
    ) as key_features_used,
    last_loaded_at
from customer_days
