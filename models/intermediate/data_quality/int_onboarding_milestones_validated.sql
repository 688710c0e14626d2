{{ config(materialized='view') }}
{#
  The staged `onboarding_milestones` rows that passed every data-quality check:
  stg_customer_success__onboarding_milestones minus the records quarantined in int_onboarding_milestones_issues.
  Same columns as stg_customer_success__onboarding_milestones; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_customer_success__onboarding_milestones', 'onboarding_milestones') }}
