{#
  One row per month: the MRR bridge from starting to ending MRR, customer
  counts and the monthly rates of metrics.md "Rates (month M)"
  (macros/revenue/mrr_bridge.sql).
  ending = starting + new + reactivation + expansion - contraction - churned.
#}
with

customer_months as (
    select * from {{ ref('customer_mrr_monthly') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

monthly_totals as (
    select
        reporting_months.month,
        {{ mrr_bridge_totals('customer_months') }}
    from reporting_months
    left join customer_months on reporting_months.month = customer_months.month
    group by reporting_months.month
)

select
    month,
    {{ mrr_bridge_columns() }}
from monthly_totals
