{#
  Every staged subscription item, quarantined or not, priced by the rules of
  the revenue chain (macros/revenue/subscription_item_mrr.sql): one row per
  item state and calendar month in which it counts, with its MRR in the
  reporting currency and whether the revenue marts leave it out. Plans and fx
  rates are the validated ones, cancellations all staged ones, so an item of
  a clean customer gets exactly the MRR it has in the marts.
  mrr is null when the item cannot be priced (its plan is not a valid plan,
  no fx rate converts its currency that month, or a value it needs is
  missing); such an item is always quarantined (tested).
  Items without a valid_from cannot be placed in any month and are not here
  (they are in data_quality_issues).
#}
with

items as (
    select
        staged.*,
        {{ data_quality_record_id('subscription_items', 'staged') }} as record_id
    from {{ ref('stg_billing__subscription_items') }} as staged
),

items_in_marts as (
    select subscription_item_id from {{ ref('int_subscription_items_validated') }}
),

plans as (
    select * from {{ ref('int_plans_validated') }}
),

cancellations as (
    select
        subscription_id,
        min(effective_at) as effective_at
    from {{ ref('stg_billing__subscription_cancellations') }}
    group by subscription_id
),

months as (
    select month from {{ ref('int_calendar_months') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_monthly') }}
),

priced as (
    select
        items.record_id,
        items.subscription_item_id,
        items.customer_id,
        items.currency,
        items_in_marts.subscription_item_id is null as is_quarantined,
        {{ subscription_item_mrr_local('items', 'plans') }} as mrr_local,
        {{ month_start('items.valid_from') }} as first_month,
        {{ subscription_item_last_month(
            subscription_item_service_end('items.valid_to', 'cancellations.effective_at')
        ) }} as last_month
    from items
    left join plans on items.plan_id = plans.plan_id
    left join cancellations on items.subscription_id = cancellations.subscription_id
    left join items_in_marts on items.subscription_item_id = items_in_marts.subscription_item_id
),

item_months as (
    select
        priced.record_id,
        priced.subscription_item_id,
        priced.customer_id,
        priced.currency,
        priced.is_quarantined,
        priced.mrr_local,
        months.month
    from priced
    inner join months
        on {{ subscription_item_counts_in_month('priced.first_month', 'priced.last_month', 'months.month') }}
)

select
    item_months.record_id,
    item_months.subscription_item_id,
    item_months.customer_id,
    item_months.month,
    item_months.is_quarantined,
    item_months.mrr_local * fx_rates.rate_to_reporting as mrr
from item_months
left join fx_rates
    on
        item_months.currency = fx_rates.currency
        and item_months.month = fx_rates.month
