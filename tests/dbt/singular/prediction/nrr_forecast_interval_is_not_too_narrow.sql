{{ config(enabled=target.type == 'duckdb', tags=['model_quality']) }}
-- The 80 % interval must not overstate the forecast's precision: over every
-- backtest row (`all` and segments) it holds the actual NRR at least 70 % of
-- the time. (The full 70-90 % goal is the warn-level test
-- nrr_forecast_interval_coverage_is_70_to_90_percent.) Returns the coverage
-- when it is lower (or when there is no row).
with

backtest as (
    select case when actual_nrr between lower_80 and upper_80 then 1.0 else 0.0 end as is_covered
    from {{ ref('nrr_forecast_backtest') }}
),

coverage as (
    select
        count(*) as judged_rows,
        avg(is_covered) as coverage
    from backtest
)

select *
from coverage
where not coalesce(coverage >= 0.7, false)
