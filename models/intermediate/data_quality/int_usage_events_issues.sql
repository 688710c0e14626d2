{#
  Data-quality issues of the raw table `usage_events`: the contract checks
  (keys, duplicates, customer, required and unparseable values, accepted
  values), one row per record and rule.
#}
with

raw_rows as (
    {{ data_quality_raw_rows('usage_events') }}
),

violations as (
    {{ data_quality_contract_violations('usage_events') }}
)

{{ data_quality_issue_rows('violations') }}
