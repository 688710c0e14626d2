{#
  One row per subscription item state with its monthly recurring revenue in
  the item's own currency (major units) and the months in which it counts.

  mrr_local = quantity x unit_price_cents x (100 - discount_percent)
              / (months_per_interval x 10000)
            (= the contract's quantity x price x (1 - discount/100) / months / 100)
  months_per_interval = interval_count x (12 for yearly plans, else 1)

  Service ends at the earlier of `valid_to` and the subscription's
  cancellation `effective_at`. An item counts in month M when it is active at
  the end of M: valid_from < start of M+1 and (end is null or end >= start of
  M+1), i.e. from the month of valid_from to the month before the end's month.
#}
with

items as (
    select * from {{ ref('int_subscription_items_validated') }}
),

plans as (
    select * from {{ ref('int_plans_validated') }}
),

cancellations as (
    select
        subscription_id,
        min(effective_at) as effective_at
    from {{ ref('int_subscription_cancellations_validated') }}
    group by subscription_id
),

priced as (
    select
        items.subscription_item_id,
        items.subscription_id,
        items.customer_id,
        items.plan_id,
        items.currency,
        items.valid_from,
        -- One division at the end keeps the result the correctly rounded
        -- value of the exact fraction (2,000 a year -> 166.666...).
        {{ subscription_item_mrr_local('items', 'plans') }} as mrr_local,
        {{ subscription_item_service_end('items.valid_to', 'cancellations.effective_at') }} as service_end_at
    from items
    inner join plans on items.plan_id = plans.plan_id
    left join cancellations on items.subscription_id = cancellations.subscription_id
)

select
    subscription_item_id,
    subscription_id,
    customer_id,
    plan_id,
    currency,
    mrr_local,
    valid_from,
    service_end_at,
    {{ month_start('valid_from') }} as first_month,
    {{ subscription_item_last_month('service_end_at') }} as last_month
from priced
