{{ config(materialized='view') }}
{#
  The staged `marketing_spend` rows that passed every data-quality check:
  stg_finance__marketing_spend minus the records quarantined in int_marketing_spend_issues.
  Same columns as stg_finance__marketing_spend; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_finance__marketing_spend', 'marketing_spend') }}
