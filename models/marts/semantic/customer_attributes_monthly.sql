{#
  The time-varying attributes of a customer per month, for the semantic
  layer's `segment` and `plan_tier` dimensions. One row per row of
  customer_mrr_monthly (active months and churn months).
  plan_tier = product tier of the customer's paid subscription items active
  at month end with the largest MRR in the reporting currency (ties: the
  tier name first in alphabetical order), add-on tiers (var
  `add_on_product_tiers`, default [add_on]) only when the customer has
  nothing else; segment = customer_segments.
  On a churn row (MRR 0) both are the previous month's, the tier and segment
  the customer churned from.
#}
{%- set add_on_tiers = var('add_on_product_tiers', ['add_on']) -%}
with

customer_months as (
    select
        customer_id,
        month,
        is_active
    from {{ ref('customer_mrr_monthly') }}
),

paid_items as (
    select
        customer_id,
        plan_id,
        currency,
        mrr_local,
        first_month,
        last_month
    from {{ ref('int_subscription_items_priced') }}
    where mrr_local > 0
),

plans as (
    select
        plan_id,
        product_tier,
        {% if add_on_tiers -%}
            product_tier in ('{{ add_on_tiers | join("', '") }}')
        {%- else -%}
            false
        {%- endif %} as is_add_on
    from {{ ref('int_plans_validated') }}
),

fx_rates as (
    select
        currency,
        month,
        rate_to_reporting
    from {{ ref('int_fx_rates_monthly') }}
),

segments as (
    select
        customer_id,
        month,
        segment
    from {{ ref('customer_segments') }}
),

tier_mrr as (
    select
        customer_months.customer_id,
        customer_months.month,
        plans.product_tier,
        plans.is_add_on,
        sum(paid_items.mrr_local * fx_rates.rate_to_reporting) as mrr
    from customer_months
    inner join paid_items
        on
            customer_months.customer_id = paid_items.customer_id
            and customer_months.month >= paid_items.first_month
            and (paid_items.last_month is null or customer_months.month <= paid_items.last_month)
    inner join plans on paid_items.plan_id = plans.plan_id
    inner join fx_rates
        on
            paid_items.currency = fx_rates.currency
            and customer_months.month = fx_rates.month
    where customer_months.is_active
    group by customer_months.customer_id, customer_months.month, plans.product_tier, plans.is_add_on
),

ranked_tiers as (
    select
        customer_id,
        month,
        product_tier,
        row_number() over (
            partition by customer_id, month order by is_add_on asc, mrr desc, product_tier asc
        ) as tier_rank
    from tier_mrr
),

month_end_attributes as (
    select
        customer_months.customer_id,
        customer_months.month,
        ranked_tiers.product_tier as plan_tier,
        segments.segment
    from customer_months
    left join ranked_tiers
        on
            customer_months.customer_id = ranked_tiers.customer_id
            and customer_months.month = ranked_tiers.month
            and ranked_tiers.tier_rank = 1
    left join segments
        on
            customer_months.customer_id = segments.customer_id
            and customer_months.month = segments.month
    where customer_months.is_active
),

attributed as (
    select
        customer_months.customer_id,
        customer_months.month,
        customer_months.is_active,
        case
            when customer_months.is_active then current_month.plan_tier else previous_month.plan_tier
        end as plan_tier,
        case
            when customer_months.is_active then current_month.segment else previous_month.segment
        end as segment
    from customer_months
    left join month_end_attributes as current_month
        on
            customer_months.customer_id = current_month.customer_id
            and customer_months.month = current_month.month
    left join month_end_attributes as previous_month
        on
            customer_months.customer_id = previous_month.customer_id
            and customer_months.month = {{ add_months('previous_month.month', 1) }}
)

select * from attributed
