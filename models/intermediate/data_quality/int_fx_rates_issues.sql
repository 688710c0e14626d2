{#
  Data-quality issues of the raw table `fx_rates`: the contract checks (one
  rate per currency and month) and invalid_fx_rate (a rate that is not
  positive converts every amount to 0 or below).
#}
with

raw_rows as (
    {{ data_quality_raw_rows('fx_rates') }}
),

violations as (
    {{ data_quality_contract_violations('fx_rates') }}
    union all
    {{ data_quality_violation(
        'invalid_fx_rate', 'rate_to_reporting <= 0',
        dbt.concat(["'rate_to_reporting = '", 'raw_rate_to_reporting', "' (must be positive)'"])
    ) }}
)

{{ data_quality_issue_rows('violations') }}
