-- Every collection attempt up to the as-of date is counted once in
-- payment_recovery_monthly, and every invoice with a failed attempt opens
-- exactly one dunning case (none fall before the first reported month).
-- Returns a row when the totals differ.
with

attempts as (
    select * from {{ ref('int_payment_attempts') }}
),

expected as (
    select
        count(*) as payment_attempts,
        count(case when outcome = 'failed' then 1 end) as failed_payment_attempts,
        count(distinct case when outcome = 'failed' then invoice_id end) as failed_invoices
    from attempts
),

reported as (
    select
        coalesce(sum(payment_attempts), 0) as payment_attempts,
        coalesce(sum(failed_payment_attempts), 0) as failed_payment_attempts,
        coalesce(sum(failed_invoices), 0) as failed_invoices
    from {{ ref('payment_recovery_monthly') }}
)

select
    expected.payment_attempts as expected_attempts,
    reported.payment_attempts as reported_attempts,
    expected.failed_payment_attempts as expected_failed_attempts,
    reported.failed_payment_attempts as reported_failed_attempts,
    expected.failed_invoices as expected_failed_invoices,
    reported.failed_invoices as reported_failed_invoices
from expected
cross join reported
where
    expected.payment_attempts != reported.payment_attempts
    or expected.failed_payment_attempts != reported.failed_payment_attempts
    or expected.failed_invoices != reported.failed_invoices
