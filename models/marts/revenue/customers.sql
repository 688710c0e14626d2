{#
  One row per customer account: firmographics, acquisition channel, first
  paid month and its state at the as-of month.
#}
with

accounts as (
    select * from {{ ref('int_customers_validated') }}
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

churn_events as (
    select
        customer_id,
        month,
        churn_reason,
        is_involuntary
    from {{ ref('churn_events') }}
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
        {{ add_months('paid_history.last_paid_month', 1) }} as month_after_last_paid,
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
)

select
    enriched.customer_id,
    enriched.customer_name,
    enriched.created_at,
    enriched.country,
    enriched.industry,
    enriched.employee_count,
    enriched.acquisition_channel,
    enriched.csm_owner,
    enriched.first_paid_month,
    enriched.last_paid_month,
    enriched.paid_months,
    enriched.reactivations,
    enriched.current_mrr,
    enriched.customer_status,
    churn_events.month as churned_month,
    churn_events.churn_reason,
    churn_events.is_involuntary as is_involuntary_churn,
    12 * enriched.current_mrr as current_arr
from enriched
left join churn_events
    on
        enriched.customer_status = 'churned'
        and enriched.customer_id = churn_events.customer_id
        and enriched.month_after_last_paid = churn_events.month
