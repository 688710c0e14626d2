-- The milestone rows tell the same story as onboarding_cohorts: per cohort
-- (and overall) the go_live row's customers completed and median days are
-- onboarding_cohorts' customers_live and median_onboarding_days, and the
-- milestones due and late add up to its milestones_due and
-- milestones_late. Returns the cohorts that disagree.
with

milestone_totals as (
    select
        cohort_start,
        is_overall,
        sum(case when milestone = 'go_live' then customers_completed else 0 end) as customers_live,
        max(case when milestone = 'go_live' then median_days_to_milestone end) as median_onboarding_days,
        sum(milestones_due) as milestones_due,
        sum(milestones_late) as milestones_late
    from {{ ref('onboarding_milestone_cohorts') }}
    group by cohort_start, is_overall
),

cohorts as (
    select * from {{ ref('onboarding_cohorts') }}
),

compared as (
    select
        cohorts.cohort_start,
        cohorts.is_overall,
        cohorts.customers_live,
        cohorts.median_onboarding_days,
        milestone_totals.median_onboarding_days as milestone_median_onboarding_days,
        cohorts.milestones_due,
        cohorts.milestones_late,
        coalesce(milestone_totals.customers_live, 0) as milestone_customers_live,
        coalesce(milestone_totals.milestones_due, 0) as milestone_milestones_due,
        coalesce(milestone_totals.milestones_late, 0) as milestone_milestones_late
    from cohorts
    left join milestone_totals
        on
            cohorts.is_overall = milestone_totals.is_overall
            and (cohorts.cohort_start = milestone_totals.cohort_start or cohorts.is_overall)
)

select *
from compared
where
    customers_live != milestone_customers_live
    or milestones_due != milestone_milestones_due
    or milestones_late != milestone_milestones_late
    or coalesce(abs(median_onboarding_days - milestone_median_onboarding_days), 0) > 0.000001
    or (median_onboarding_days is null) != (milestone_median_onboarding_days is null)
