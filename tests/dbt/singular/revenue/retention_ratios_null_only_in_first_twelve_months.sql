-- NRR_12m and GRR_12m are null exactly in the first twelve reported months
-- (M-12 before the first month) and known in every later month. Returns the
-- months that break it.
with

retention as (
    select * from {{ ref('revenue_retention_monthly') }}
),

first_month as (
    select min(month) as month from retention
),

checked as (
    select
        retention.month,
        retention.nrr_12m,
        retention.grr_12m,
        retention.month < {{ add_months('first_month.month', 12) }} as is_within_first_twelve_months
    from retention
    cross join first_month
)

select *
from checked
where
    (is_within_first_twelve_months and (nrr_12m is not null or grr_12m is not null))
    or (not is_within_first_twelve_months and (nrr_12m is null or grr_12m is null))
