{#
  Data-quality issues of the raw table `support_tickets`: the contract
  checks and answered_or_resolved_before_created (first_response_at or
  resolved_at earlier than created_at).
#}
with

raw_rows as (
    {{ data_quality_raw_rows('support_tickets') }}
),

violations as (
    {{ data_quality_contract_violations('support_tickets') }}
    union all
    {{ data_quality_violation(
        'answered_or_resolved_before_created', 'first_response_at < created_at or resolved_at < created_at',
        dbt.concat([
            "'created_at '", 'raw_created_at',
            "' is after first_response_at '", "coalesce(raw_first_response_at, '-')",
            "' or resolved_at '", "coalesce(raw_resolved_at, '-')",
        ])
    ) }}
)

{{ data_quality_issue_rows('violations') }}
