{{ config(enabled=target.type == 'duckdb', tags=['model_quality']) }}
-- Goal of the prediction issue: over the backtest (nrr_forecast_backtest),
-- the forecast's mean absolute error is below 0.8 x that of the naive
-- forecast (NRR_12m of the cutoff month), both for the whole base (`all`
-- rows) and over the segment rows. Rows without a naive value (a segment
-- empty twelve months before the cutoff) are left out of both errors.
-- Returns the scope that misses the goal (or has no row to judge).
with

judged as (
    select
        segment,
        abs(forecast_nrr - actual_nrr) as forecast_error,
        abs(naive_nrr - actual_nrr) as naive_error
    from {{ ref('nrr_forecast_backtest') }}
    where naive_nrr is not null
),

scopes as (
    select
        'all' as scope,
        count(*) as judged_rows,
        avg(forecast_error) as forecast_mae,
        avg(naive_error) as naive_mae
    from judged
    where segment = 'all'
    union all
    select
        'segments' as scope,
        count(*) as judged_rows,
        avg(forecast_error) as forecast_mae,
        avg(naive_error) as naive_mae
    from judged
    where segment <> 'all'
)

select *
from scopes
where not coalesce(forecast_mae < 0.8 * naive_mae, false)
