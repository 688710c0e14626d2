{#
  A customer's MRR in the reporting currency for every month in which at
  least one of its subscription items is active at month end (trial-only
  months have MRR 0). Currency conversion follows `fx_mode`.
#}
with

items as (
    select * from {{ ref('int_subscription_items_priced') }}
),

months as (
    select month from {{ ref('int_calendar_months') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

item_months as (
    select
        items.customer_id,
        items.currency,
        items.mrr_local,
        months.month
    from items
    inner join months
        on {{ subscription_item_counts_in_month('items.first_month', 'items.last_month', 'months.month') }}
),

converted as (
    select
        item_months.customer_id,
        item_months.month,
        item_months.mrr_local * fx_rates.rate_to_reporting as mrr
    from item_months
    inner join fx_rates
        on
            item_months.currency = fx_rates.currency
            and item_months.month = fx_rates.month
)

select
    customer_id,
    month,
    sum(mrr) as mrr,
    count(*) as active_items
from converted
group by customer_id, month
