-- Dunning and involuntary churn read only `succeeded` and `failed` payments
-- and leave out `refunded` ones; any other (or unparsable) outcome would be
-- lost without a word, so it stops the build here. Returns those payments.
select
    payment_id,
    outcome
from {{ ref('int_payments_validated') }}
where coalesce(outcome not in ('succeeded', 'failed', 'refunded'), true)
