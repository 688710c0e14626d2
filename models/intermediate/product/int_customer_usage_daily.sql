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
  Product usage per customer and UTC day (days with at least one event):
  active users, events in total and per feature (var `usage_features`),
  distinct key features used (var `key_features`) and the latest `loaded_at`.

  Incremental like its input `int_user_usage_daily`, on its own
  `last_loaded_at`: the customer-days of the raw events loaded in the
  look-back window and of the other raw rows of their event_ids (macro
  usage_reload_days) are deleted and recomputed from all their user-days;
  only the user-days of those days are read. A full refresh gives the same
  rows.
#}
{%- set features = var('usage_features') -%}
{%- set key_features = var('key_features') -%}
{%- for feature in key_features if feature not in features -%}
    {{ exceptions.raise_compiler_error("key feature '" ~ feature ~ "' is not in var usage_features") }}
{%- endfor %}

{%- if is_incremental() %}
    {%- set reload = usage_reload_days('usage_date', 'date') %}
{%- endif %}

with

user_days as (
    select * from {{ ref('int_user_usage_daily') }}
    {% if is_incremental() -%}
        where {{ reload.read_filter }}
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
