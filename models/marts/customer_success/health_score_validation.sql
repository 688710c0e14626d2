{#
  Does the health score earn its name? (metrics.md "Health must earn its
  name"). For the customers scored in each month whose outcome over the
  next `health_validation_horizon_months` months (default 3) is known: churn
  and contraction rates by health band, and on the `all` rows the ROC AUC of
  each score for "churns within the horizon" (int_health_score_auc). Rows
  with `is_overall` pool every judged month (month null).
#}
{%- set score_names = [
    'health_score', 'outcome_score', 'experience_score',
    'deployment_score', 'engagement_score', 'adoption_score', 'roi_score'
] -%}

with

health as (
    select * from {{ ref('customer_health_monthly') }}
),

outcomes as (
    select * from {{ ref('int_health_churn_outcomes') }}
),

auc as (
    select * from {{ ref('int_health_score_auc') }}
),

judged as (
    select
        health.month,
        health.health_band,
        health.mrr,
        outcomes.churned_within_horizon,
        outcomes.contracted_within_horizon
    from health
    inner join outcomes on health.customer_id = outcomes.customer_id and health.month = outcomes.month
),

banded as (
    select
        month,
        false as is_overall,
        health_band,
        mrr,
        churned_within_horizon,
        contracted_within_horizon
    from judged
    union all
    select
        month,
        false as is_overall,
        'all' as health_band,
        mrr,
        churned_within_horizon,
        contracted_within_horizon
    from judged
    union all
    select
        cast(null as date) as month,
        true as is_overall,
        health_band,
        mrr,
        churned_within_horizon,
        contracted_within_horizon
    from judged
    union all
    select
        cast(null as date) as month,
        true as is_overall,
        'all' as health_band,
        mrr,
        churned_within_horizon,
        contracted_within_horizon
    from judged
),

rates as (
    select
        month,
        is_overall,
        health_band,
        count(*) as scored_customers,
        sum(mrr) as mrr,
        count(case when churned_within_horizon then 1 end) as churned_customers,
        sum(case when churned_within_horizon then mrr else 0 end) as churned_mrr,
        count(case when contracted_within_horizon then 1 end) as contracted_customers
    from banded
    group by month, is_overall, health_band
),

auc_by_period as (
    select
        month,
        is_overall,
        {%- for score_name in score_names %}
            max(case when score_name = '{{ score_name }}' then auc end) as auc_{{ score_name }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from auc
    group by month, is_overall
)

select
    rates.month,
    rates.is_overall,
    rates.health_band,
    rates.scored_customers,
    rates.mrr,
    rates.churned_customers,
    {{ safe_divide('rates.churned_customers', 'rates.scored_customers') }} as churn_rate,
    rates.churned_mrr,
    {{ safe_divide('rates.churned_mrr', 'rates.mrr') }} as churned_mrr_rate,
    rates.contracted_customers,
    {{ safe_divide('rates.contracted_customers', 'rates.scored_customers') }} as contraction_rate,
    {%- for score_name in score_names %}
        case when rates.health_band = 'all' then auc_by_period.auc_{{ score_name }} end as auc_{{ score_name }}
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
from rates
left join auc_by_period
    on
        rates.is_overall = auc_by_period.is_overall
        and (rates.month = auc_by_period.month or (rates.month is null and auc_by_period.month is null))
