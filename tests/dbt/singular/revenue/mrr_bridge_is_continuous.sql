-- Each month starts where the previous one ended: starting_mrr and
-- starting_customers of month M equal ending_mrr and ending_customers of M-1
-- (and the first month starts at 0). Returns the months that break it.
with

movements as (
    select * from {{ ref('mrr_movements_monthly') }}
),

paired as (
    select
        movements.month,
        movements.starting_mrr,
        movements.starting_customers,
        coalesce(previous_month.ending_mrr, 0) as previous_ending_mrr,
        coalesce(previous_month.ending_customers, 0) as previous_ending_customers
    from movements
    left join movements as previous_month
        on movements.month = {{ add_months('previous_month.month', 1) }}
)

select *
from paired
where
    abs(starting_mrr - previous_ending_mrr) >= 0.01
    or starting_customers != previous_ending_customers
