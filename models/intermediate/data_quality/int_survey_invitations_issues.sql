{#
  Data-quality issues of the raw table `survey_invitations`: the contract checks
  (keys, duplicates, customer, required and unparseable values, accepted
  values), one row per record and rule.
#}
with

raw_rows as (
    {{ data_quality_raw_rows('survey_invitations') }}
),

violations as (
    {{ data_quality_contract_violations('survey_invitations') }}
)

{{ data_quality_issue_rows('violations') }}
