{{ config(materialized='view') }}
{#
  The staged `success_outcomes` rows that passed every data-quality check:
  stg_customer_success__success_outcomes minus the records quarantined in int_success_outcomes_issues.
  Same columns as stg_customer_success__success_outcomes; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_customer_success__success_outcomes', 'success_outcomes') }}
