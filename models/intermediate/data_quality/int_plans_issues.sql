{#
  Data-quality issues of the raw table `plans`: the contract checks, and
  invalid_interval (interval_count below 1: MRR divides by the months of the
  interval).
#}
with

raw_rows as (
    {{ data_quality_raw_rows('plans') }}
),

violations as (
    {{ data_quality_contract_violations('plans') }}
    union all
    {{ data_quality_violation(
        'invalid_interval', 'interval_count < 1',
        dbt.concat(["'interval_count = '", data_quality_text('interval_count'), "' (must be at least 1)'"])
    ) }}
)

{{ data_quality_issue_rows('violations') }}
