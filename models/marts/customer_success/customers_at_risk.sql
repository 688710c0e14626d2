{#
  The current at-risk list for CS teams: customers active in the as-of month
  whose health is in the red band, or falling fast (health_trend_3m at or
  below minus var `health_falling_fast_points`, default 15 points over var
  `health_trend_months`, default 3). With the MRR at risk, the weakest
  component and what changed: each component's change over the same months
  and the component that fell most.
#}
{%- set components = ['deployment', 'engagement', 'adoption', 'roi', 'experience'] -%}
{%- set trend_months = var('health_trend_months') -%}
{%- set falling_fast = var('health_falling_fast_points') -%}

with

health as (
    select * from {{ ref('customer_health_monthly') }}
),

segments as (
    select * from {{ ref('customer_segments') }}
),

accounts as (
    select * from {{ ref('customers') }}
),

reporting_period as (
    select as_of_month from {{ ref('int_reporting_period') }}
),

current_health as (
    select health.*
    from health
    inner join reporting_period on health.month = reporting_period.as_of_month
),

changes as (
    select
        current_health.*,
        {%- for component in components %}
            current_health.{{ component }}_score - earlier.{{ component }}_score as {{ component }}_change_3m,
        {%- endfor %}
        current_health.health_band = 'red' as is_red,
        coalesce(current_health.health_trend_3m <= -{{ falling_fast }}, false) as is_falling_fast
    from current_health
    left join health as earlier
        on
            current_health.customer_id = earlier.customer_id
            and earlier.month = {{ add_months('current_health.month', -trend_months) }}
),

biggest_drops as (
    select
        *,
        least(
            {%- for component in components %}
                coalesce({{ component }}_change_3m, 0){% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as biggest_drop_points
    from changes
    where is_red or is_falling_fast
)

select
    biggest_drops.customer_id,
    accounts.customer_name,
    accounts.csm_owner,
    biggest_drops.month,
    segments.segment,
    biggest_drops.mrr as mrr_at_risk,
    12 * biggest_drops.mrr as arr_at_risk,
    biggest_drops.health_score,
    biggest_drops.health_band,
    biggest_drops.health_trend_3m,
    biggest_drops.is_red,
    biggest_drops.is_falling_fast,
    biggest_drops.weakest_component,
    case biggest_drops.weakest_component
        {%- for component in components %}
            when '{{ component }}' then biggest_drops.{{ component }}_score
        {%- endfor %}
    end as weakest_component_score,
    case
        when biggest_drops.biggest_drop_points < 0
            then case
                {%- for component in components %}
                    when
                        biggest_drops.{{ component }}_change_3m = biggest_drops.biggest_drop_points
                        then '{{ component }}'
                {%- endfor %}
            end
    end as biggest_drop_component,
    case when biggest_drops.biggest_drop_points < 0 then biggest_drops.biggest_drop_points end as biggest_drop_points,
    {%- for component in components %}
        biggest_drops.{{ component }}_score,
        biggest_drops.{{ component }}_change_3m,
    {%- endfor %}
    biggest_drops.missing_components,
    biggest_drops.seat_utilisation,
    biggest_drops.key_features_in_healthy_use_30d,
    biggest_drops.usage_trend,
    biggest_drops.days_since_last_attended_activity,
    biggest_drops.last_nps_score,
    biggest_drops.open_urgent_tickets,
    biggest_drops.mean_attainment
from biggest_drops
inner join segments on biggest_drops.customer_id = segments.customer_id and biggest_drops.month = segments.month
left join accounts on biggest_drops.customer_id = accounts.customer_id
