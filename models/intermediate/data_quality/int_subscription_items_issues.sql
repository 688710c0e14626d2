{#
  Data-quality issues of the raw table `subscription_items`: the contract
  checks and the rules MRR depends on:
    invalid_validity_interval  valid_to <= valid_from (the state never exists)
    negative_quantity          quantity < 0
    negative_price             unit_price_cents < 0
    discount_out_of_range      discount_percent outside 0-100
    unknown_plan               plan_id not among the validated plans
    currency_without_fx_rate   the currency has no rate for the item's first month
#}
with

raw_rows as (
    {{ data_quality_raw_rows('subscription_items') }}
),

plans as (
    select plan_id from {{ ref('int_plans_validated') }}
),

violations as (
    {{ data_quality_contract_violations('subscription_items') }}
    union all
    {{ data_quality_violation(
        'invalid_validity_interval', 'valid_to <= valid_from',
        dbt.concat(["'valid_to '", 'raw_valid_to', "' is not after valid_from '", 'raw_valid_from'])
    ) }}
    union all
    {{ data_quality_violation(
        'negative_quantity', 'quantity < 0', dbt.concat(["'quantity = '", 'raw_quantity'])
    ) }}
    union all
    {{ data_quality_violation(
        'negative_price', 'unit_price_cents < 0', dbt.concat(["'unit_price_cents = '", 'raw_unit_price_cents'])
    ) }}
    union all
    {{ data_quality_violation(
        'discount_out_of_range', 'discount_percent < 0 or discount_percent > 100',
        dbt.concat(["'discount_percent = '", 'raw_discount_percent', "' (must be 0-100)'"])
    ) }}
    union all
    {{ data_quality_violation(
        'unknown_plan', 'plan_id is not null and plan_id not in (select plans.plan_id from plans)',
        dbt.concat(["'plan_id \"'", 'plan_id', "'\" is not a valid plan'"])
    ) }}
    union all
    {{ data_quality_violation(
        'currency_without_fx_rate',
        data_quality_fx_rate_missing('raw_rows.currency', month_start('raw_rows.valid_from')),
        data_quality_fx_rate_missing_detail('currency')
    ) }}
)

{{ data_quality_issue_rows('violations') }}
