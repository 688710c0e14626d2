-- Every model that stops at the as-of date joins int_reporting_period's row:
-- a second row would duplicate their rows, none would empty them. Returns
-- the row count when it is not exactly one.
with

counted as (
    select count(*) as period_rows
    from {{ ref('int_reporting_period') }}
)

select period_rows
from counted
where period_rows != 1
