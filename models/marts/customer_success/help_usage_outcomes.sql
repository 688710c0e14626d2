{#
  Does heavy help-centre use precede churn or support tickets? For each
  month and help-use group (heavy / not_heavy, help_content_usage_monthly),
  the paying customers of the month and what followed:
    churn_rate_3m = customers with a churn movement in the next 3 months
      (var health_validation_horizon_months; int_health_churn_outcomes, the
      rule health is validated with) / customers;
    tickets_next_month_per_customer = support tickets the customers created
      in the next calendar month / customers;
    ticket_rate_next_month = customers with at least one such ticket /
      customers.
  Outcomes are given only for months whose customers all have a closed
  3-month window (int_health_churn_outcomes judges a month once its third
  following month is at or before the as-of month); later months keep their
  customer counts with null outcomes. Both groups have a row in every month
  (zeros). Rows with is_overall pool every closed month (month null; a
  customer counts once per month).
#}
{%- set help_use_groups = ['heavy', 'not_heavy'] -%}

with

help_usage as (
    select
        customer_id,
        month,
        is_heavy_help_use
    from {{ ref('help_content_usage_monthly') }}
),

churn_outcomes as (
    select
        customer_id,
        month,
        churned_within_horizon
    from {{ ref('int_health_churn_outcomes') }}
),

tickets as (
    select
        customer_id,
        created_month
    from {{ ref('int_support_tickets_enriched') }}
),

tickets_by_month as (
    select
        customer_id,
        created_month,
        count(*) as tickets
    from tickets
    group by customer_id, created_month
),

customer_outcomes as (
    select
        help_usage.customer_id,
        help_usage.month,
        churn_outcomes.churned_within_horizon,
        case when help_usage.is_heavy_help_use then 'heavy' else 'not_heavy' end as help_use,
        churn_outcomes.customer_id is not null as is_judged,
        coalesce(tickets_by_month.tickets, 0) as tickets_next_month
    from help_usage
    left join churn_outcomes
        on help_usage.customer_id = churn_outcomes.customer_id and help_usage.month = churn_outcomes.month
    left join tickets_by_month
        on
            help_usage.customer_id = tickets_by_month.customer_id
            and {{ add_months('help_usage.month', 1) }} = tickets_by_month.created_month
),

month_windows as (
    select
        month,
        min(case when is_judged then 1 else 0 end) = 1 as is_outcome_window_closed
    from customer_outcomes
    group by month
),

pooled as (
    select
        customer_outcomes.month,
        false as is_overall,
        customer_outcomes.help_use,
        customer_outcomes.churned_within_horizon,
        customer_outcomes.tickets_next_month
    from customer_outcomes
    union all
    select
        cast(null as date) as month,
        true as is_overall,
        customer_outcomes.help_use,
        customer_outcomes.churned_within_horizon,
        customer_outcomes.tickets_next_month
    from customer_outcomes
    inner join month_windows on customer_outcomes.month = month_windows.month
    where month_windows.is_outcome_window_closed
),

group_outcomes as (
    select
        month,
        is_overall,
        help_use,
        count(*) as customers,
        count(case when churned_within_horizon then 1 end) as churned_within_3m,
        cast(sum(tickets_next_month) as {{ dbt.type_bigint() }}) as tickets_next_month,
        count(case when tickets_next_month > 0 then 1 end) as customers_with_tickets_next_month
    from pooled
    group by month, is_overall, help_use
),

periods as (
    select
        month,
        false as is_overall,
        is_outcome_window_closed
    from month_windows
    union all
    select
        cast(null as date) as month,
        true as is_overall,
        true as is_outcome_window_closed
),

help_use_groups as (
    {{ literal_rows('help_use', help_use_groups) }}
),

filled as (
    select
        periods.month,
        periods.is_overall,
        help_use_groups.help_use,
        periods.is_outcome_window_closed,
        coalesce(group_outcomes.customers, 0) as customers,
        coalesce(group_outcomes.churned_within_3m, 0) as churned_within_3m,
        coalesce(group_outcomes.tickets_next_month, 0) as tickets_next_month,
        coalesce(group_outcomes.customers_with_tickets_next_month, 0) as customers_with_tickets_next_month
    from periods
    cross join help_use_groups
    left join group_outcomes
        on
            periods.is_overall = group_outcomes.is_overall
            and help_use_groups.help_use = group_outcomes.help_use
            and (periods.month = group_outcomes.month or (periods.month is null and group_outcomes.month is null))
)

select
    month,
    is_overall,
    help_use,
    customers,
    is_outcome_window_closed,
    case when is_outcome_window_closed then churned_within_3m end as churned_within_3m,
    case when is_outcome_window_closed then {{ safe_divide('churned_within_3m', 'customers') }} end as churn_rate_3m,
    case when is_outcome_window_closed then tickets_next_month end as tickets_next_month,
    case when is_outcome_window_closed then {{ safe_divide('tickets_next_month', 'customers') }} end
        as tickets_next_month_per_customer,
    case when is_outcome_window_closed then customers_with_tickets_next_month end
        as customers_with_tickets_next_month,
    case when is_outcome_window_closed then {{ safe_divide('customers_with_tickets_next_month', 'customers') }} end
        as ticket_rate_next_month
from filled
