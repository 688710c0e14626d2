{{ config(tags=['model_quality']) }}
-- Health must earn its name (metrics.md): over every judged month of the
-- data, customers in the red band churn more often in the next 3 months
-- than yellow ones, and yellow ones more than green ones. The generator's
-- hidden health drives churn, so a failure here is a defect of the score.
-- Returns the overall rates when the order is broken (or a band is empty).
with

overall as (
    select
        health_band,
        churn_rate
    from {{ ref('health_score_validation') }}
    where is_overall
),

rates as (
    select
        max(case when health_band = 'red' then churn_rate end) as red_churn_rate,
        max(case when health_band = 'yellow' then churn_rate end) as yellow_churn_rate,
        max(case when health_band = 'green' then churn_rate end) as green_churn_rate
    from overall
)

select *
from rates
where not coalesce(red_churn_rate > yellow_churn_rate and yellow_churn_rate > green_churn_rate, false)
