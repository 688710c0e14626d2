{#
  Collection attempts: one row per payment that tried to collect money
  (outcome `succeeded` or `failed`), up to the end of the as-of date.
  Refunds give money back and are not collection attempts. The amount is
  converted into the reporting currency at the rate of the attempt's month
  (int_fx_rates_monthly, constant currency by default); it is null when the
  currency has no rate, which the data test on `amount` reports.
#}
with

payments as (
    select * from {{ ref('int_payments_validated') }}
),

reporting_period as (
    select as_of_date from {{ ref('int_reporting_period') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

attempts as (
    select
        payments.payment_id,
        payments.invoice_id,
        payments.customer_id,
        payments.attempted_at,
        payments.outcome,
        payments.failure_code,
        payments.amount_cents,
        payments.currency,
        {{ month_start('payments.attempted_at') }} as month
    from payments
    cross join reporting_period
    where
        payments.outcome in ('succeeded', 'failed')
        and payments.attempted_at < {{ dbt.dateadd('day', 1, 'reporting_period.as_of_date') }}
)

select
    attempts.payment_id,
    attempts.invoice_id,
    attempts.customer_id,
    attempts.attempted_at,
    attempts.month,
    attempts.outcome,
    attempts.failure_code,
    attempts.currency,
    attempts.amount_cents * fx_rates.rate_to_reporting / 100 as amount
from attempts
left join fx_rates
    on
        attempts.currency = fx_rates.currency
        and attempts.month = fx_rates.month
