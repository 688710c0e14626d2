{#
  Data-quality issues of the raw table `cs_costs`: the contract checks and
  currency_without_fx_rate (no rate for the row's month).
#}
with

raw_rows as (
    {{ data_quality_raw_rows('cs_costs') }}
),

violations as (
    {{ data_quality_contract_violations('cs_costs') }}
    union all
    {{ data_quality_violation(
        'currency_without_fx_rate',
        data_quality_fx_rate_missing('raw_rows.currency', month_start('raw_rows.cost_month')),
        data_quality_fx_rate_missing_detail('currency')
    ) }}
)

{{ data_quality_issue_rows('violations') }}
