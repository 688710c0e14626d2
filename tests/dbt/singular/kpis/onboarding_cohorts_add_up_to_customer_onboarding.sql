-- Every customer that has paid is onboarded once, and the cohorts add up:
-- customer_onboarding has one row per customer of `customers` with a first
-- paid month, the overall row of onboarding_cohorts counts exactly those
-- rows, and the cohort rows add up to the overall row. Returns the counts
-- that disagree.
with

paying_customers as (
    select count(*) as customers
    from {{ ref('customers') }}
    where first_paid_month is not null
),

onboarded as (
    select
        count(*) as customers,
        count(case when has_gone_live then 1 end) as customers_live,
        count(case when days_since_paid_start >= 90 and days_to_go_live <= 90 then 1 end) as live_within_90d,
        count(case when has_reached_value then 1 end) as customers_reached_value,
        sum(milestones_due) as milestones_due,
        sum(milestones_late) as milestones_late
    from {{ ref('customer_onboarding') }}
),

cohort_totals as (
    select
        is_overall,
        sum(customers) as customers,
        sum(customers_live) as customers_live,
        sum(live_within_90d) as live_within_90d,
        sum(customers_reached_value) as customers_reached_value,
        sum(milestones_due) as milestones_due,
        sum(milestones_late) as milestones_late
    from {{ ref('onboarding_cohorts') }}
    group by is_overall
),

compared as (
    select
        cohort_totals.is_overall,
        paying_customers.customers as paying_customers,
        onboarded.customers as onboarded_customers,
        cohort_totals.customers as cohort_customers,
        onboarded.customers_live as onboarded_live,
        cohort_totals.customers_live as cohort_live,
        onboarded.live_within_90d as onboarded_live_within_90d,
        cohort_totals.live_within_90d as cohort_live_within_90d,
        onboarded.customers_reached_value as onboarded_reached_value,
        cohort_totals.customers_reached_value as cohort_reached_value,
        onboarded.milestones_due as onboarded_milestones_due,
        cohort_totals.milestones_due as cohort_milestones_due,
        onboarded.milestones_late as onboarded_milestones_late,
        cohort_totals.milestones_late as cohort_milestones_late
    from cohort_totals
    cross join paying_customers
    cross join onboarded
)

select *
from compared
where
    paying_customers != onboarded_customers
    or onboarded_customers != cohort_customers
    or onboarded_live != cohort_live
    or onboarded_live_within_90d != cohort_live_within_90d
    or onboarded_reached_value != cohort_reached_value
    or onboarded_milestones_due != cohort_milestones_due
    or onboarded_milestones_late != cohort_milestones_late
