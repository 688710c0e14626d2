{#
  What happened after each scored customer-month, for validating the health
  score: whether the customer churned, or contracted, in the
  `health_validation_horizon_months` months after the month (default 3:
  months M+1..M+3), by the movements of customer_mrr_monthly. Only months
  whose whole horizon is at or before the as-of month are judged (later
  months' outcomes are not known yet).
#}
{%- set horizon = var('health_validation_horizon_months') -%}

with

customer_months as (
    select * from {{ ref('int_health_customer_months') }}
),

movements as (
    select * from {{ ref('customer_mrr_monthly') }}
    where movement in ('churn', 'contraction')
),

reporting_period as (
    select as_of_month from {{ ref('int_reporting_period') }}
),

judged_months as (
    select
        customer_months.customer_id,
        customer_months.month,
        customer_months.mrr
    from customer_months
    cross join reporting_period
    where {{ add_months('customer_months.month', horizon) }} <= reporting_period.as_of_month
),

later_movements as (
    select
        judged_months.customer_id,
        judged_months.month,
        count(case when movements.movement = 'churn' then 1 end) as churns,
        count(case when movements.movement = 'contraction' then 1 end) as contractions
    from judged_months
    inner join movements
        on
            judged_months.customer_id = movements.customer_id
            and judged_months.month < movements.month
            and movements.month <= {{ add_months('judged_months.month', horizon) }}
    group by judged_months.customer_id, judged_months.month
)

select
    judged_months.customer_id,
    judged_months.month,
    judged_months.mrr,
    coalesce(later_movements.churns, 0) > 0 as churned_within_horizon,
    coalesce(later_movements.contractions, 0) > 0 as contracted_within_horizon
from judged_months
left join later_movements
    on judged_months.customer_id = later_movements.customer_id and judged_months.month = later_movements.month
