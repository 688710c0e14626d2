{#
  Data-quality issues of the raw table `payments`: the contract checks and
  currency_without_fx_rate (no rate for the month of the attempt, so the
  amount could not be converted).
#}
with

raw_rows as (
    {{ data_quality_raw_rows('payments') }}
),

violations as (
    {{ data_quality_contract_violations('payments') }}
    union all
    {{ data_quality_violation(
        'currency_without_fx_rate',
        data_quality_fx_rate_missing('raw_rows.currency', month_start('raw_rows.attempted_at')),
        data_quality_fx_rate_missing_detail('currency')
    ) }}
)

{{ data_quality_issue_rows('violations') }}
