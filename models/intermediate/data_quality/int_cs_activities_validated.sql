{{ config(materialized='view') }}
{#
  The staged `cs_activities` rows that passed every data-quality check:
  stg_customer_success__cs_activities minus the records quarantined in int_cs_activities_issues.
  Same columns as stg_customer_success__cs_activities; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_customer_success__cs_activities', 'cs_activities') }}
