{#
  Segment of every active customer in every month (metrics.md "Segments";
  the seed documents' VIP, core, secondary, potential). Two axes:
    value: MRR in the top var `segment_high_value_top_share` (default 20 %)
      of the month's active customers (percent rank of MRR, ties share the
      lower rank);
    potential (expansion): seat utilisation (users active in 30 days /
      licensed seats) of at least var `segment_seat_utilisation_potential`
      (default 80 %), or adoption and health scores both at least var
      `segment_score_potential` (default 75).
  VIP = high value and high potential; core = high value, low potential;
  potential = low value, high potential; secondary = the rest.
#}
{%- set top_share = var('segment_high_value_top_share') -%}
{%- set utilisation_threshold = var('segment_seat_utilisation_potential') -%}
{%- set score_threshold = var('segment_score_potential') -%}

with

health as (
    select * from {{ ref('customer_health_monthly') }}
),

ranked as (
    select
        customer_id,
        month,
        mrr,
        seat_utilisation,
        adoption_score,
        health_score,
        health_band,
        percent_rank() over (partition by month order by mrr) as mrr_percent_rank
    from health
),

axes as (
    select
        *,
        mrr_percent_rank >= 1 - {{ top_share }} as is_high_value,
        coalesce(seat_utilisation >= {{ utilisation_threshold }}, false)
        or coalesce(adoption_score >= {{ score_threshold }} and health_score >= {{ score_threshold }}, false)
            as has_expansion_potential
    from ranked
)

select
    customer_id,
    month,
    mrr,
    mrr_percent_rank,
    seat_utilisation,
    adoption_score,
    health_score,
    health_band,
    is_high_value,
    has_expansion_potential,
    case
        when is_high_value and has_expansion_potential then 'vip'
        when is_high_value then 'core'
        when has_expansion_potential then 'potential'
        else 'secondary'
    end as segment
from axes
