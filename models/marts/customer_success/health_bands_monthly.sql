{#
  Health reporting by segment and band: for every reporting month, segment
  (`all` = every active customer; vip, core, potential, secondary) and
  health band (red, yellow, green), the customers and MRR in the band and
  their share of the segment's customers and MRR. Empty cells are rows of
  zeros, so charts have no holes.
#}
{%- set segment_names = reporting_segments() -%}
{%- set band_names = ['red', 'yellow', 'green'] -%}

with

segments as (
    select * from {{ ref('customer_segments') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

segment_names as (
    {{ literal_rows('segment', segment_names) }}
),

band_names as (
    {{ literal_rows('health_band', band_names) }}
),

grid as (
    select
        reporting_months.month,
        segment_names.segment,
        band_names.health_band
    from reporting_months
    cross join segment_names
    cross join band_names
),

segmented as (
    select
        month,
        segment,
        health_band,
        mrr
    from segments
    union all
    select
        month,
        'all' as segment,
        health_band,
        mrr
    from segments
),

band_totals as (
    select
        month,
        segment,
        health_band,
        count(*) as customers,
        sum(mrr) as mrr
    from segmented
    group by month, segment, health_band
),

filled as (
    select
        grid.month,
        grid.segment,
        grid.health_band,
        coalesce(band_totals.customers, 0) as customers,
        coalesce(band_totals.mrr, 0) as mrr
    from grid
    left join band_totals
        on
            grid.month = band_totals.month
            and grid.segment = band_totals.segment
            and grid.health_band = band_totals.health_band
),

segment_totals as (
    select
        month,
        segment,
        sum(customers) as segment_customers,
        sum(mrr) as segment_mrr
    from filled
    group by month, segment
)

select
    filled.month,
    filled.segment,
    filled.health_band,
    filled.customers,
    filled.mrr,
    {{ safe_divide('filled.customers', 'segment_totals.segment_customers') }} as share_of_customers,
    {{ safe_divide('filled.mrr', 'segment_totals.segment_mrr') }} as share_of_mrr
from filled
inner join segment_totals
    on filled.month = segment_totals.month and filled.segment = segment_totals.segment
