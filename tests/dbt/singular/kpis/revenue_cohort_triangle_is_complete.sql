-- The triangle has no holes and stops at the as-of month: each cohort has
-- one cell for every month from its start (months_since_start 0) to the
-- as-of month, month = cohort_month + months_since_start, and its size and
-- starting MRR never change along the row. Returns the cohorts that break it.
with

cells as (
    select
        cohorts.*,
        {{ add_months('cohorts.cohort_month', 'cohorts.months_since_start') }} as expected_month
    from {{ ref('revenue_cohorts') }} as cohorts
),

reporting_period as (
    select as_of_month from {{ ref('int_reporting_period') }}
),

per_cohort as (
    select
        cohort_month,
        count(*) as cells,
        min(months_since_start) as first_offset,
        max(month) as last_month,
        count(case when month != expected_month then 1 end) as misplaced_cells,
        count(distinct cohort_customers) as cohort_sizes,
        count(distinct cohort_starting_mrr) as cohort_starting_amounts
    from cells
    group by cohort_month
)

select
    per_cohort.*,
    reporting_period.as_of_month
from per_cohort
cross join reporting_period
where
    per_cohort.first_offset != 0
    or per_cohort.last_month != reporting_period.as_of_month
    or per_cohort.cells != {{ dbt.datediff('per_cohort.cohort_month', 'reporting_period.as_of_month', 'month') }} + 1 -- noqa: LT05
    or per_cohort.misplaced_cells > 0
    or per_cohort.cohort_sizes != 1
    or per_cohort.cohort_starting_amounts != 1
