{#
  Payment failures and dunning recovery per month, up to the as-of date.
  Attempts (int_payment_attempts): succeeded or failed payments, by the month
  of the attempt; failure rate = failed attempts / attempts.
  Dunning cases: one per invoice with at least one failed attempt, in the
  month of its first failed attempt. A case is recovered when a payment on
  the same invoice succeeds after the first failure and within var
  `payment_recovery_days` (default 30) days of it. Amounts are the first
  failed attempt's, in the reporting currency.
    invoice_recovery_rate = recovered_invoices / failed_invoices
    amount_recovery_rate = recovered_amount / failed_amount
  A month's recovery figures are final once every case's window has ended by
  the as-of date (is_recovery_window_closed).
#}
{%- set recovery_days = var('payment_recovery_days') -%}

with

attempts as (
    select * from {{ ref('int_payment_attempts') }}
),

reporting_period as (
    select as_of_date from {{ ref('int_reporting_period') }}
),

months as (
    select month from {{ ref('int_reporting_months') }}
),

first_failures as (
    select
        invoice_id,
        payment_id,
        attempted_at as first_failed_at,
        month,
        amount,
        row_number() over (partition by invoice_id order by attempted_at asc, payment_id asc) as failure_rank
    from attempts
    where outcome = 'failed'
),

dunning_cases as (
    select
        first_failures.invoice_id,
        first_failures.month,
        first_failures.amount,
        count(recoveries.payment_id) > 0 as is_recovered
    from first_failures
    left join attempts as recoveries
        on
            first_failures.invoice_id = recoveries.invoice_id
            and recoveries.outcome = 'succeeded'
            and first_failures.first_failed_at < recoveries.attempted_at
            and {{ dbt.dateadd('day', recovery_days, 'first_failures.first_failed_at') }} >= recoveries.attempted_at
    where first_failures.failure_rank = 1
    group by first_failures.invoice_id, first_failures.month, first_failures.amount
),

attempts_by_month as (
    select
        month,
        count(*) as payment_attempts,
        count(case when outcome = 'failed' then 1 end) as failed_payment_attempts
    from attempts
    group by month
),

cases_by_month as (
    select
        month,
        count(*) as failed_invoices,
        sum(amount) as failed_amount,
        count(case when is_recovered then 1 end) as recovered_invoices,
        sum(case when is_recovered then amount else 0 end) as recovered_amount
    from dunning_cases
    group by month
),

every_month as (
    select
        months.month,
        coalesce(attempts_by_month.payment_attempts, 0) as payment_attempts,
        coalesce(attempts_by_month.failed_payment_attempts, 0) as failed_payment_attempts,
        coalesce(cases_by_month.failed_invoices, 0) as failed_invoices,
        coalesce(cases_by_month.failed_amount, 0) as failed_amount,
        coalesce(cases_by_month.recovered_invoices, 0) as recovered_invoices,
        coalesce(cases_by_month.recovered_amount, 0) as recovered_amount,
        {{ dbt.dateadd('day', recovery_days, add_months('months.month', 1)) }}
        <= {{ dbt.dateadd('day', 1, 'reporting_period.as_of_date') }} as is_recovery_window_closed
    from months
    cross join reporting_period
    left join attempts_by_month on months.month = attempts_by_month.month
    left join cases_by_month on months.month = cases_by_month.month
)

select
    month,
    payment_attempts,
    failed_payment_attempts,
    {{ safe_divide('failed_payment_attempts', 'payment_attempts') }} as payment_failure_rate,
    failed_invoices,
    failed_amount,
    recovered_invoices,
    recovered_amount,
    failed_invoices - recovered_invoices as unrecovered_invoices,
    {{ safe_divide('recovered_invoices', 'failed_invoices') }} as invoice_recovery_rate,
    {{ safe_divide('recovered_amount', 'failed_amount') }} as amount_recovery_rate,
    cast({{ recovery_days }} as {{ dbt.type_int() }}) as recovery_window_days,
    is_recovery_window_closed
from every_month
