{#
  Customers held out of the revenue chain as a whole, with every rule that
  put them here: a customer one of whose billing-account rows (its
  `customers` row, a subscription item or a cancellation) is quarantined,
  and the customers of the subscriptions a quarantined cancellation names
  (losing a cancellation would extend their MRR). Their MRR is reported in
  revenue_reconciliation_monthly as quarantined; see DECISIONLOG.md "Data
  quality" for why the whole customer rather than the bad row.
  One row per customer, source table and rule.
#}
with

customer_rows as (
    {{ data_quality_quarantined_rows('stg_billing__customers', 'customers') }}
),

item_rows as (
    {{ data_quality_quarantined_rows('stg_billing__subscription_items', 'subscription_items') }}
),

cancellation_rows as (
    {{ data_quality_quarantined_rows('stg_billing__subscription_cancellations', 'subscription_cancellations') }}
),

items as (
    select
        subscription_id,
        customer_id
    from {{ ref('stg_billing__subscription_items') }}
),

customers_of_cancelled_subscriptions as (
    select
        items.customer_id,
        cancellation_rows.source_table,
        cancellation_rows.rule
    from cancellation_rows
    inner join items on cancellation_rows.subscription_id = items.subscription_id
),

quarantined as (
    select
        customer_id,
        source_table,
        rule
    from customer_rows
    union all
    select
        customer_id,
        source_table,
        rule
    from item_rows
    union all
    select
        customer_id,
        source_table,
        rule
    from cancellation_rows
    union all
    select
        customer_id,
        source_table,
        rule
    from customers_of_cancelled_subscriptions
)

select distinct
    customer_id,
    source_table,
    rule
from quarantined
where customer_id is not null
