-- not_after_as_of_month must flag the month after the as-of month and pass
-- the as-of month itself.
with

reporting_period as (
    select as_of_month from {{ ref('int_reporting_period') }}
),

literal_rows as (
    select as_of_month as month from reporting_period
    union all
    select {{ add_months('as_of_month', 1) }} as month from reporting_period
),

flagged as (
    {{ test_not_after_as_of_month('literal_rows', 'month') }}
)

select count(*) as flagged_rows
from flagged
having count(*) != 1
