{{ config(materialized='view') }}
{#
  The staged `plans` rows that passed every data-quality check:
  stg_billing__plans minus the records quarantined in int_plans_issues.
  Same columns as stg_billing__plans; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_billing__plans', 'plans') }}
