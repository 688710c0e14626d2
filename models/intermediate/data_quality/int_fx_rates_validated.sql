{{ config(materialized='view') }}
{#
  The staged `fx_rates` rows that passed every data-quality check:
  stg_billing__fx_rates minus the records quarantined in int_fx_rates_issues.
  Same columns as stg_billing__fx_rates; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_billing__fx_rates', 'fx_rates') }}
