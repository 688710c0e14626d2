{#
  Data-quality issues of the raw table `onboarding_milestones`: the contract checks
  (keys, duplicates, customer, required and unparseable values, accepted
  values), one row per record and rule.
#}
with

raw_rows as (
    {{ data_quality_raw_rows('onboarding_milestones') }}
),

violations as (
    {{ data_quality_contract_violations('onboarding_milestones') }}
)

{{ data_quality_issue_rows('violations') }}
