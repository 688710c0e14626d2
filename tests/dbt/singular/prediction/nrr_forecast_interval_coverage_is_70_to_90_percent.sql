{{ config(enabled=target.type == 'duckdb', tags=['model_quality'], severity='warn') }}
-- Goal of the prediction issue: the 80 % interval holds the actual NRR on
-- 70-90 % of the backtest rows (`all` rows, and all rows together).
-- Severity warn, deliberately: on the demo data the interval is wider than
-- needed (it holds the actual value on 59 of 60 rows), while on four
-- other simulated data sets the same method covered 72-90 % of the rows
-- (79 % on average; DECISIONLOG.md "Prediction"). Narrowing it to pass here
-- would make it too narrow elsewhere. The test that it is not too narrow is
-- nrr_forecast_interval_is_not_too_narrow (severity error).
-- Returns each scope outside 70-90 %.
with

backtest as (
    select
        segment,
        case when actual_nrr between lower_80 and upper_80 then 1.0 else 0.0 end as is_covered
    from {{ ref('nrr_forecast_backtest') }}
),

scopes as (
    select
        'all' as scope,
        count(*) as judged_rows,
        avg(is_covered) as coverage
    from backtest
    where segment = 'all'
    union all
    select
        'all and segments' as scope,
        count(*) as judged_rows,
        avg(is_covered) as coverage
    from backtest
)

select *
from scopes
where not coalesce(coverage between 0.7 and 0.9, false)
