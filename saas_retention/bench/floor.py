"""The floor: the best hand-written DuckDB SQL for two core computations.

The benchmark compares the dbt models with these queries on the same files:
the customer x month MRR with movements (customer_mrr_monthly's rules:
month-end snapshot, cancellations, constant-currency fx, movements) and
monthly usage per customer. Their row counts and totals are returned so the
benchmark can check the floor computes the same thing as the models.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

CUSTOMER_MRR_SQL = """
with
items as (select * from read_parquet('{raw}/subscription_items.parquet')),
plans as (select * from read_parquet('{raw}/plans.parquet')),
cancellations as (
    select subscription_id, min(effective_at) as effective_at
    from read_parquet('{raw}/subscription_cancellations.parquet') group by all
),
fx as (select * from read_parquet('{raw}/fx_rates.parquet')),
constant_rates as (
    select currency, arg_max(rate_to_reporting, rate_month)::double as rate
    from fx where rate_month <= (select max(rate_month) from fx) group by all
),
priced as (
    select
        items.customer_id,
        (items.quantity * items.unit_price_cents)::double * (100 - items.discount_percent::double)
            / (plans.interval_count * if(plans.interval_unit = 'year', 12, 1) * 10000)
            * coalesce(constant_rates.rate, 1) as mrr,
        date_trunc('month', items.valid_from)::date as first_month,
        (date_trunc('month', least(items.valid_to, cancellations.effective_at)) - interval 1 month)::date
            as last_month
    from items
    join plans using (plan_id)
    left join cancellations using (subscription_id)
    left join constant_rates on items.currency = constant_rates.currency and items.currency != 'USD'
),
as_of as (
    select date_trunc('month', greatest(
        (select max(valid_from) from items),
        (select max(occurred_at) from read_parquet('{raw}/usage_events.parquet')),
        (select max(occurred_at) from read_parquet('{raw}/cs_activities.parquet'))
    ))::date as as_of_month
),
active as (
    select customer_id, month, sum(mrr) as mrr
    from priced, as_of,
        unnest(generate_series(first_month, coalesce(last_month, as_of_month), interval 1 month)::date[]) as t(month)
    where month <= as_of_month
    group by all
    having sum(mrr) > 0
),
grid as (
    select customer_id, month from active
    union
    select customer_id, (month + interval 1 month)::date from active, as_of
    where month + interval 1 month <= as_of_month
),
movements as (
    select
        grid.customer_id, grid.month,
        coalesce(cur.mrr, 0) as mrr,
        coalesce(prev.mrr, 0) as previous_mrr,
        min(grid.month) over (partition by grid.customer_id) as first_month
    from grid
    left join active cur on grid.customer_id = cur.customer_id and grid.month = cur.month
    left join active prev on grid.customer_id = prev.customer_id and grid.month = prev.month + interval 1 month
)
select customer_id, month, mrr, previous_mrr,
    case
        when previous_mrr = 0 and month = first_month then 'new'
        when previous_mrr = 0 then 'reactivation'
        when mrr = 0 then 'churn'
        when mrr - previous_mrr >= 0.005 then 'expansion'
        when previous_mrr - mrr >= 0.005 then 'contraction'
        else 'flat'
    end as movement
from movements
"""

MONTHLY_USAGE_SQL = """
select
    customer_id,
    date_trunc('month', occurred_at)::date as month,
    count(*) as events,
    count(distinct user_id) as monthly_active_users
from read_parquet('{raw}/usage_events.parquet')
group by all
"""


@dataclass(frozen=True)
class FloorTiming:
    """Wall time of one hand-written query, with a fingerprint of its result."""

    seconds: float
    rows: int
    total: float


def _time_query(sql: str, total_column: str, memory_limit: str, threads: int) -> FloorTiming:
    with duckdb.connect(config={"memory_limit": memory_limit, "threads": threads}) as connection:
        started = time.perf_counter()
        connection.execute(f"create temp table result as {sql}")
        seconds = time.perf_counter() - started
        rows, total = connection.execute(f"select count(*), coalesce(sum({total_column}), 0) from result").fetchone()
    return FloorTiming(seconds, rows, float(total))


def customer_mrr_floor(raw_path: Path, memory_limit: str, threads: int) -> FloorTiming:
    """Time the hand-written customer x month MRR with movements (reporting currency USD)."""
    return _time_query(CUSTOMER_MRR_SQL.format(raw=raw_path), "mrr", memory_limit, threads)


def monthly_usage_floor(raw_path: Path, memory_limit: str, threads: int) -> FloorTiming:
    """Time the hand-written monthly usage per customer."""
    return _time_query(MONTHLY_USAGE_SQL.format(raw=raw_path), "events", memory_limit, threads)
