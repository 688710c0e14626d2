{#
  Data-quality issues of the raw table `success_outcomes`: the contract checks
  (keys, duplicates, customer, required and unparseable values, accepted
  values), one row per record and rule.
#}
with

raw_rows as (
    {{ data_quality_raw_rows('success_outcomes') }}
),

violations as (
    {{ data_quality_contract_violations('success_outcomes') }}
)

{{ data_quality_issue_rows('violations') }}
