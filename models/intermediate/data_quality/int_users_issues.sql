{#
  Data-quality issues of the raw table `users`: the contract checks
  (keys, duplicates, customer, required and unparseable values, accepted
  values), one row per record and rule.
#}
with

raw_rows as (
    {{ data_quality_raw_rows('users') }}
),

violations as (
    {{ data_quality_contract_violations('users') }}
)

{{ data_quality_issue_rows('violations') }}
