{#
  Data-quality issues of the raw table `marketing_spend`: the contract checks and
  currency_without_fx_rate (no rate for the row's month).
#}
with

raw_rows as (
    {{ data_quality_raw_rows('marketing_spend') }}
),

violations as (
    {{ data_quality_contract_violations('marketing_spend') }}
    union all
    {{ data_quality_violation(
        'currency_without_fx_rate',
        data_quality_fx_rate_missing('raw_rows.currency', month_start('raw_rows.spend_month')),
        data_quality_fx_rate_missing_detail('currency')
    ) }}
)

{{ data_quality_issue_rows('violations') }}
