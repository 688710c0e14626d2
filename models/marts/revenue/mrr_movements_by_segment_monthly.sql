{#
  The MRR bridge of mrr_movements_monthly per customer segment: one row per
  reporting month and segment (`all` = every customer, equal to
  mrr_movements_monthly; vip, core, potential, secondary), same columns and
  rules (macros/revenue/mrr_bridge.sql). A customer-month counts in its
  segment of the month (customer_attributes_monthly: month-end segment; a
  churn row the segment churned from), so the segments add up to `all`. A
  segment without customers in a month is a row of zeros.
#}
{%- set segment_names = reporting_segments() -%}

with

customer_months as (
    select * from {{ ref('customer_mrr_monthly') }}
),

customer_attributes as (
    select * from {{ ref('customer_attributes_monthly') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

segment_names as (
    {{ literal_rows('segment', segment_names) }}
),

segmented_months as (
    select
        customer_months.month,
        customer_attributes.segment,
        customer_months.mrr,
        customer_months.previous_mrr,
        customer_months.mrr_change,
        customer_months.movement
    from customer_months
    inner join customer_attributes
        on
            customer_months.customer_id = customer_attributes.customer_id
            and customer_months.month = customer_attributes.month
    union all
    select
        month,
        'all' as segment,
        mrr,
        previous_mrr,
        mrr_change,
        movement
    from customer_months
),

segment_totals as (
    select
        reporting_months.month,
        segment_names.segment,
        {{ mrr_bridge_totals('segmented_months') }}
    from reporting_months
    cross join segment_names
    left join segmented_months
        on reporting_months.month = segmented_months.month and segment_names.segment = segmented_months.segment
    group by reporting_months.month, segment_names.segment
)

select
    month,
    segment,
    {{ mrr_bridge_columns() }}
from segment_totals
