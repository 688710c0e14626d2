{{ config(enabled=target.type == 'duckdb') }}
-- customer_churn_risk.is_provisional is a property of the month: all of a
-- month's rows have the same flag, the as-of month's scores are provisional,
-- and no final month comes after a provisional one (only the months whose
-- late events may still arrive are provisional). Returns the offending
-- months.
with

risk_months as (
    select
        month,
        bool_and(is_provisional) as all_provisional,
        bool_or(is_provisional) as any_provisional
    from {{ ref('customer_churn_risk') }}
    group by month
),

reporting_period as (
    select as_of_month from {{ ref('int_reporting_period') }}
),

latest_final_month as (
    select max(month) as month
    from risk_months
    where not any_provisional
),

first_provisional_month as (
    select min(month) as month
    from risk_months
    where any_provisional
)

select risk_months.month
from risk_months
cross join reporting_period
cross join latest_final_month
cross join first_provisional_month
where
    risk_months.all_provisional != risk_months.any_provisional
    or (risk_months.month = reporting_period.as_of_month and not risk_months.all_provisional)
    or (risk_months.month = latest_final_month.month and latest_final_month.month > first_provisional_month.month)
