{#
  One row per customer account: firmographics, acquisition channel, first
  paid month and its state at the as-of month.
#}
with

accounts as (
    select * from {{ ref('stg_billing__customers') }}
),

reporting_period as (
    select as_of_month from {{ ref('int_reporting_period') }}
),

customer_months as (
    select * from {{ ref('customer_mrr_monthly') }}
),

paid_history as (
    select
        customer_id,
        min(first_paid_month) as first_paid_month,
        max(case when is_active then month end) as last_paid_month,
        count(case when is_active then 1 end) as paid_months,
        count(case when movement = 'reactivation' then 1 end) as reactivations
    from customer_months
    group by customer_id
),

current_month as (
    select
        customer_months.customer_id,
        customer_months.mrr as current_mrr
    from customer_months
    inner join reporting_period on customer_months.month = reporting_period.as_of_month
),

latest_cancellations as (
    select
        customer_id,
        reason,
        row_number() over (partition by customer_id order by effective_at desc, cancelled_at desc) as recency_rank
    from {{ ref('stg_billing__subscription_cancellations') }}
),

enriched as (
    select
        accounts.customer_id,
        accounts.customer_name,
        accounts.created_at,
        accounts.country,
        accounts.industry,
        accounts.employee_count,
        accounts.csm_owner,
        paid_history.first_paid_month,
        paid_history.last_paid_month,
        latest_cancellations.reason as latest_cancellation_reason,
        coalesce(accounts.acquisition_channel, 'unknown') as acquisition_channel,
        coalesce(paid_history.paid_months, 0) as paid_months,
        coalesce(paid_history.reactivations, 0) as reactivations,
        coalesce(current_month.current_mrr, 0) as current_mrr,
        case
            when coalesce(current_month.current_mrr, 0) > 0 then 'active'
            when paid_history.first_paid_month is not null then 'churned'
            else 'never_paid'
        end as customer_status
    from accounts
    left join paid_history on accounts.customer_id = paid_history.customer_id
    left join current_month on accounts.customer_id = current_month.customer_id
    left join latest_cancellations
        on
            accounts.customer_id = latest_cancellations.customer_id
            and latest_cancellations.recency_rank = 1
)

select
    customer_id,
    customer_name,
    created_at,
    country,
    industry,
    employee_count,
    acquisition_channel,
    csm_owner,
    first_paid_month,
    last_paid_month,
    paid_months,
    reactivations,
    current_mrr,
    customer_status,
    12 * current_mrr as current_arr,
    case when customer_status = 'churned' then {{ add_months('last_paid_month', 1) }} end as churned_month,
    case when customer_status = 'churned' then coalesce(latest_cancellation_reason, 'unknown') end as churn_reason
from enriched
