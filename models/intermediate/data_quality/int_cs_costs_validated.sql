{{ config(materialized='view') }}
{#
  The staged `cs_costs` rows that passed every data-quality check:
  stg_finance__cs_costs minus the records quarantined in int_cs_costs_issues.
  Same columns as stg_finance__cs_costs; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_finance__cs_costs', 'cs_costs') }}
