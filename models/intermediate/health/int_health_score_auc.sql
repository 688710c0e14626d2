{#
  ROC AUC of each score of customer_health_monthly for "churns within the
  validation horizon" (int_health_churn_outcomes), per scored month and over
  all judged months pooled (`is_overall`, month null). A lower score means a
  higher risk, so AUC = probability that a churner scores below a customer
  who stays, ties counting one half; 0.5 = no better than chance, 1 =
  perfect ranking. Rows without a score (missing component) are left out
  of that score's AUC.

  Computed as Mann-Whitney U with average ranks for ties: rank rows by
  score, highest first (1 = safest); AUC = (sum of churners' ranks -
  n1 (n1 + 1) / 2) / (n1 x n0), n1 churners, n0 stayers. Null when a group
  has no churner or no stayer.
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

scores as (
    {%- for score_name in score_names %}
        select
            health.customer_id,
            health.month,
            '{{ score_name }}' as score_name,
            health.{{ score_name }} as score,
            outcomes.churned_within_horizon
        from health
        inner join outcomes on health.customer_id = outcomes.customer_id and health.month = outcomes.month
        where health.{{ score_name }} is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

grouped as (
    select
        score_name,
        month,
        false as is_overall,
        score,
        churned_within_horizon
    from scores
    union all
    select
        score_name,
        cast(null as date) as month,
        true as is_overall,
        score,
        churned_within_horizon
    from scores
),

ranked as (
    select
        score_name,
        month,
        is_overall,
        churned_within_horizon,
        rank() over (partition by score_name, is_overall, month order by score desc)
        + (count(*) over (partition by score_name, is_overall, month, score) - 1) / 2.0 as average_rank
    from grouped
),

rank_sums as (
    select
        score_name,
        month,
        is_overall,
        count(*) as scored_rows,
        count(case when churned_within_horizon then 1 end) as churners,
        count(case when not churned_within_horizon then 1 end) as stayers,
        sum(case when churned_within_horizon then average_rank else 0 end) as churner_rank_sum
    from ranked
    group by score_name, month, is_overall
)

select
    score_name,
    month,
    is_overall,
    scored_rows,
    churners,
    stayers,
    {{ safe_divide('churner_rank_sum - churners * (churners + 1) / 2.0', 'churners * stayers') }} as auc
from rank_sums
