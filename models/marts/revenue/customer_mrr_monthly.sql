{#
  MRR per customer and month with its movement (metrics.md "MRR movements").
  A customer has a row for every month in which it is active (MRR > 0) and
  for the month in which it churns (MRR 0), up to the as-of month.
#}
{%- set tolerance = var('mrr_equality_tolerance') -%}

with

active_months as (
    select
        customer_id,
        month,
        mrr
    from {{ ref('int_customer_mrr_by_month') }}
    where mrr > 0
),

reporting_period as (
    select as_of_month from {{ ref('int_reporting_period') }}
),

first_paid_months as (
    select
        customer_id,
        min(month) as first_paid_month
    from active_months
    group by customer_id
),

churn_months as (
    select
        active_months.customer_id,
        {{ add_months('active_months.month', 1) }} as month
    from active_months
),

customer_months as (
    select
        customer_id,
        month
    from active_months
    union
    select
        customer_id,
        month
    from churn_months
),

with_previous as (
    select
        customer_months.customer_id,
        customer_months.month,
        coalesce(current_month.mrr, 0) as mrr,
        coalesce(previous_month.mrr, 0) as previous_mrr
    from customer_months
    cross join reporting_period
    left join active_months as current_month
        on
            customer_months.customer_id = current_month.customer_id
            and customer_months.month = current_month.month
    left join active_months as previous_month
        on
            customer_months.customer_id = previous_month.customer_id
            and customer_months.month = {{ add_months('previous_month.month', 1) }}
    where customer_months.month <= reporting_period.as_of_month
),

classified as (
    select
        with_previous.customer_id,
        with_previous.month,
        with_previous.mrr,
        with_previous.previous_mrr,
        with_previous.mrr - with_previous.previous_mrr as mrr_change,
        case
            when
                with_previous.previous_mrr = 0
                and with_previous.month = first_paid_months.first_paid_month
                then 'new'
            when with_previous.previous_mrr = 0
                then 'reactivation'
            when with_previous.mrr = 0
                then 'churn'
            when with_previous.mrr - with_previous.previous_mrr >= {{ tolerance }}
                then 'expansion'
            when with_previous.previous_mrr - with_previous.mrr >= {{ tolerance }}
                then 'contraction'
            else 'flat'
        end as movement,
        first_paid_months.first_paid_month
    from with_previous
    inner join first_paid_months on with_previous.customer_id = first_paid_months.customer_id
)

select
    customer_id,
    month,
    mrr,
    previous_mrr,
    mrr_change,
    movement,
    12 * mrr as arr,
    mrr > 0 as is_active,
    first_paid_month,
    {{ dbt.datediff('first_paid_month', 'month', 'month') }} as months_since_first_paid -- noqa: LT05
from classified
